import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../cli/main.js';

/**
 * The GitHub Action's entry point. GitHub passes inputs as INPUT_<NAME> variables (the composite
 * action sets them), the event payload in GITHUB_EVENT_PATH, and files for outputs and the job
 * summary. Findings go to stdout as workflow commands (annotations on the diff); the markdown
 * report is appended to the job summary. Nothing is uploaded anywhere.
 */
export interface ActionEnv {
  [name: string]: string | undefined;
}

export interface ActionResult {
  exitCode: number;
  errors: number;
  warnings: number;
}

const input = (env: ActionEnv, name: string): string => (env[`INPUT_${name.toUpperCase().replace(/ /g, '_')}`] ?? '').trim();

/** The pull request's base commit from the event payload, else the base branch name. */
export function baseRefFromEvent(env: ActionEnv): string | undefined {
  const explicit = input(env, 'base-ref');
  if (explicit) return explicit;
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { base?: { sha?: string } } };
      const sha = event.pull_request?.base?.sha;
      if (sha) return sha;
    } catch {
      // no payload: fall through to the branch name
    }
  }
  return env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : undefined;
}

export async function runAction(env: ActionEnv, cwd: string, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<ActionResult> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-action-'));
  try {
    const jsonFile = path.join(tmp, 'report.json');
    const mdFile = path.join(tmp, 'summary.md');
    const args = ['lint', ...input(env, 'paths').split(/[\s,]+/).filter(Boolean), '--format', 'github', '--report', `json:${jsonFile}`, '--report', `markdown:${mdFile}`];
    const engine = input(env, 'engine');
    if (engine) args.push('--engine', engine);
    const version = input(env, 'target-version');
    if (version) args.push('--target-version', version);
    const config = input(env, 'config');
    if (config) args.push('--config', config);
    const base = baseRefFromEvent(env);
    if (base) args.push('--base', base);
    const extraFormat = input(env, 'format');
    const reportFile = input(env, 'report-file');
    if (extraFormat) args.push('--report', `${extraFormat}:${reportFile || `migrasafe.${extraFormat === 'sarif' ? 'sarif' : extraFormat === 'junit' ? 'xml' : extraFormat === 'markdown' ? 'md' : 'json'}`}`);

    let stderr = '';
    const io: CliIo = { stdout: write, stderr: (t) => (stderr += t), readStdin: async () => '', isTTY: false, cwd, env: { ...env, NO_COLOR: '1' } };
    const code = await main(args, io);
    if (stderr) write(stderr.split('\n').filter(Boolean).map((l) => `::warning title=migrasafe::${l}`).join('\n') + '\n');
    if (code === 2) return { exitCode: 2, errors: 0, warnings: 0 };

    const results = JSON.parse(readFileSync(jsonFile, 'utf8')) as Array<{ errorCount: number; warningCount: number }>;
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(mdFile, 'utf8') + '\n');
    if (env.GITHUB_OUTPUT) {
      appendFileSync(env.GITHUB_OUTPUT, `errors=${errors}\nwarnings=${warnings}\n${extraFormat ? `report-file=${reportFile || ''}\n` : ''}`);
    }
    const failLevel = input(env, 'fail-level') || 'error';
    const failed = failLevel === 'never' ? false : failLevel === 'warning' ? errors + warnings > 0 : errors > 0;
    return { exitCode: failed ? 1 : 0, errors, warnings };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
