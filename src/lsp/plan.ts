import { execFile } from 'node:child_process';
import path from 'node:path';
import { packageRoot, packageVersion } from '../core/package-info.js';

export interface PlanRun {
  ok: boolean;
  /** What to show the user. */
  message: string;
  output?: string;
}

const bin = path.join(packageRoot, 'bin', 'migrasafe.js');

/** Splits a command line the way a POSIX shell would for plain words and "double" / 'single' quotes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) current += line[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current ??= '';
    } else if (/\s/.test(ch)) {
      if (current !== null) words.push(current);
      current = null;
    } else if (ch === '\\' && i + 1 < line.length) {
      current = (current ?? '') + line[++i];
    } else {
      current = (current ?? '') + ch;
    }
  }
  if (current !== null) words.push(current);
  return words;
}

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

let planAvailable: Promise<boolean> | undefined;

/** Whether this migrasafe has a `plan` command (it is listed in `migrasafe --help`). */
export function hasPlanCommand(): Promise<boolean> {
  planAvailable ??= run(['--help'], packageRoot).then((r) => /^\s*migrasafe plan\b/m.test(r.stdout));
  return planAvailable;
}

/** Runs a finding's `planCommand` (e.g. `migrasafe plan add-not-null users.email`) in the project directory. */
export async function runPlanCommand(planCommand: string, cwd: string): Promise<PlanRun> {
  const words = splitCommandLine(planCommand);
  if (words[0] === 'migrasafe' || words[0] === 'npx') words.splice(0, words[0] === 'npx' ? 2 : 1);
  if (words[0] !== 'plan') return { ok: false, message: `Not a migrasafe plan command: ${planCommand}` };
  if (!(await hasPlanCommand())) {
    return {
      ok: false,
      message: `\`migrasafe plan\` is not available in migrasafe ${packageVersion}. Upgrade migrasafe, then run: ${planCommand}`,
    };
  }
  const r = await run(words, cwd);
  const output = (r.stdout + r.stderr).trim();
  if (r.code !== 0) return { ok: false, message: `migrasafe plan failed (exit ${r.code}): ${output.split('\n').slice(0, 5).join(' ')}`, output };
  const first = output.split('\n').find((l) => l.trim()) ?? 'done';
  return { ok: true, message: `migrasafe plan: ${first}`, output };
}
