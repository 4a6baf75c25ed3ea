/**
 * The CI examples in docs/ci are exercised as far as this machine allows: the GitHub workflow
 * uses only inputs the action declares; the GitLab and CircleCI jobs' shell commands and the
 * generic script are run for real on a fixture repository (with `npx migrasafe` pointing at this
 * checkout) and must produce the reports those systems read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.join(import.meta.dirname, '..', '..');
const bin = path.join(root, 'bin', 'migrasafe.js');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML documents are walked structurally
type Yaml = any;
const readYaml = (rel: string): Yaml => parse(readFileSync(path.join(root, rel), 'utf8'));

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-ci-examples-'));
  mkdirSync(path.join(repo, 'db', 'migrations'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(repo, 'db/migrations/001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  // what `origin/main` / the target branch is in CI
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(repo, 'db/migrations/002_index.sql'), 'CREATE INDEX users_email_idx ON users (email);\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'index');
});

/** Runs a CI job's shell command in the fixture repo, with `npx --yes migrasafe` meaning this checkout. */
function runShell(command: string, env: Record<string, string> = {}) {
  const script = command.replace(/npx --yes migrasafe/g, `node ${JSON.stringify(bin)}`);
  return spawnSync('sh', ['-c', script], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

describe('docs/ci examples', () => {
  it('GitHub Actions: the workflow passes only inputs that action.yml declares, and uploads the SARIF it asks for', () => {
    const workflow = readYaml('docs/ci/github-actions.yml');
    const action = readYaml('action.yml');
    const steps = workflow.jobs.migrasafe.steps as Yaml[];
    const step = steps.find((s) => String(s.uses ?? '').startsWith('migrasafe/migrasafe'))!;
    for (const key of Object.keys(step.with)) expect(Object.keys(action.inputs), key).toContain(key);
    const upload = steps.find((s) => String(s.uses ?? '').startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.with.sarif_file).toBe(step.with['report-file']);
    expect(step.with.format).toBe('sarif');
    expect(action.runs.using).toBe('composite');
  });

  it('GitLab CI: the job script writes a Code Quality report with the release finding', () => {
    const job = readYaml('docs/ci/gitlab-ci.yml').migrasafe;
    const commands = (job.script as string[]).filter((c) => !c.startsWith('git fetch'));
    const r = runShell(commands.join('\n'), { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' });
    expect(r.status).toBe(1);
    const report = path.join(repo, job.artifacts.reports.codequality);
    const issues = JSON.parse(readFileSync(report, 'utf8')) as Array<{ check_name: string; location: { path: string } }>;
    expect(issues.map((i) => `${i.location.path} ${i.check_name}`)).toContain('db/migrations/002_index.sql require-concurrent-index');
    expect(issues.every((i) => i.location.path === 'db/migrations/002_index.sql')).toBe(true);
    expect(existsSync(path.join(repo, job.artifacts.reports.junit))).toBe(true);
  });

  it('CircleCI: the run step writes the JUnit report that store_test_results reads', () => {
    const job = readYaml('docs/ci/circleci.yml').jobs.migrasafe;
    const run = (job.steps as Yaml[]).find((s) => s.run)!.run;
    const r = runShell(run.command);
    expect(r.status).toBe(1);
    const store = (job.steps as Yaml[]).find((s) => s.store_test_results)!.store_test_results.path;
    const xml = readFileSync(path.join(repo, store, 'migrasafe.xml'), 'utf8');
    expect(xml).toContain('classname="migrasafe.require-concurrent-index"');
  });

  it('the generic shell script writes every report and exits with migrasafe\'s code', () => {
    const reports = path.join(repo, 'out');
    const r = spawnSync('sh', [path.join(root, 'docs/ci/lint-migrations.sh')], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MIGRASAFE: `node ${bin}`, REPORT_DIR: reports } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('require-concurrent-index');
    for (const f of ['migrasafe.json', 'migrasafe.sarif', 'migrasafe.xml', 'migrasafe.md']) expect(existsSync(path.join(reports, f)), f).toBe(true);
    const json = JSON.parse(readFileSync(path.join(reports, 'migrasafe.json'), 'utf8')) as Array<{ filePath: string }>;
    expect(json.map((f) => path.basename(f.filePath))).toEqual(['002_index.sql']);
  });
});
