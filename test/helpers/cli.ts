import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';
import { clearConfigCache } from '../../src/config/load.js';

export const repoRoot = path.join(import.meta.dirname, '..', '..');
export const binPath = path.join(repoRoot, 'bin', 'migrasafe.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast): same `main()` the binary calls, with captured output. */
export async function runCli(args: string[], opts: { cwd: string; stdin?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean }): Promise<CliRun> {
  clearConfigCache();
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => opts.stdin ?? '',
    isTTY: opts.isTTY ?? false,
    cwd: opts.cwd,
    env: opts.env ?? {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the real binary (`node bin/migrasafe.js`), as a user would. Needs `npm run build` first. */
export function spawnCli(args: string[], opts: { cwd: string; stdin?: string; env?: NodeJS.ProcessEnv }): CliRun {
  const env = { ...process.env, ...opts.env };
  delete env.FORCE_COLOR;
  if (opts.env?.FORCE_COLOR !== undefined) env.FORCE_COLOR = opts.env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd: opts.cwd, input: opts.stdin ?? '', encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary directory filled with the given files (paths relative to it). */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-test-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}
