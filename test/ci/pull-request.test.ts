/**
 * The pull-request check end to end on a real git repository: a base branch with shipped
 * migrations and application code, and a PR branch whose migration renames a column, drops
 * another that the code still uses, and adds an index without CONCURRENTLY. The GitHub Action
 * entry point runs with a simulated GitHub environment (event payload, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY); the markdown, SARIF, GitLab and JUnit reports are checked for the
 * expected findings — and for the absence of findings in migrations the base already shipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/ci/github-action.js';

const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'migrasafe.js');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv }).trim();

const RELEASE = 'db/migrations/003_rename_and_cleanup.sql';
/** Line of each expected finding in the PR's migration, by rule. */
const EXPECTED: Record<string, number> = {
  'rename-column': 2,
  'drop-column': 3,
  'dropped-object-still-referenced': 3,
  'require-concurrent-index': 4,
};

let repo: string;
let baseSha: string;

beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-pr-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    writeFileSync(path.join(repo, rel), text);
  };
  git(repo, 'init', '-q', '-b', 'main');
  write('db/migrations/001_create_users.sql', 'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  legacy_token text,\n  name text\n);\n');
  // Shipped long ago and unsafe by today's rules: a PR check must not re-report it.
  write('db/migrations/002_users_name_idx.sql', 'CREATE INDEX users_name_idx ON users (name);\n');
  write('src/auth/session.ts', "export async function tokenFor(db: Db, id: number) {\n  const { rows } = await db.query('SELECT legacy_token FROM users WHERE id = $1', [id]);\n  return rows[0]?.legacy_token;\n}\n");
  write('migrasafe.config.json', '{ "paths": ["db/migrations"] }\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  baseSha = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'feature');
  write(RELEASE, "SET lock_timeout = '5s';\nALTER TABLE users RENAME COLUMN email TO email_address;\nALTER TABLE users DROP COLUMN legacy_token;\nCREATE INDEX users_email_idx ON users (email_address);\n");
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'rename email, drop legacy_token, index email');
});

describe('pull-request check on a fixture repository', () => {
  it('the action annotates only the release migration, writes the job summary and outputs, and fails on errors', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-gh-'));
    const event = path.join(tmp, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: baseSha, ref: 'main' }, head: { ref: 'feature' } } }));
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_BASE_REF: 'main',
      GITHUB_OUTPUT: path.join(tmp, 'output'),
      GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
      INPUT_PATHS: '',
      INPUT_FORMAT: 'sarif',
      'INPUT_REPORT-FILE': path.join(tmp, 'migrasafe.sarif'),
      'INPUT_FAIL-LEVEL': 'error',
    };
    let stdout = '';
    const result = await runAction(env, repo, (t) => (stdout += t));

    const lines = new Map<string, number[]>();
    for (const m of stdout.matchAll(/^::(?:error|warning|notice) file=([^,]+),line=(\d+),[^\n]*?title=migrasafe%3A ([a-z-]+)::/gm)) {
      expect(m[1]).toBe(RELEASE); // nothing from 001/002: they shipped with the base
      lines.set(m[3], [...(lines.get(m[3]) ?? []), Number(m[2])]);
    }
    for (const [rule, line] of Object.entries(EXPECTED)) expect(lines.get(rule), rule).toContain(line);

    const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8');
    expect(outputs).toMatch(new RegExp(`^errors=${result.errors}$`, 'm'));
    expect(result.errors).toBeGreaterThanOrEqual(3);
    expect(result.exitCode).toBe(1);

    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain('## migrasafe');
    for (const rule of Object.keys(EXPECTED)) expect(summary).toContain(rule);
    // release-level findings come first in the table
    const tableRules = [...summary.matchAll(/^\| `[^`]+` \| \d+ \| \[`([a-z-]+)`\]/gm)].map((m) => m[1]);
    expect(tableRules[0]).toBe('dropped-object-still-referenced');
    expect(summary).toContain('src/auth/session.ts');

    const sarif = JSON.parse(readFileSync(env['INPUT_REPORT-FILE'], 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>; tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> };
    const run = sarif.runs[0];
    for (const [rule, line] of Object.entries(EXPECTED)) {
      const hit = run.results.find((r) => r.ruleId === rule);
      expect(hit, rule).toBeDefined();
      expect(hit!.locations[0].physicalLocation.artifactLocation.uri).toBe(RELEASE);
      expect(hit!.locations[0].physicalLocation.region.startLine).toBe(line);
      expect(run.tool.driver.rules.some((r) => r.id === rule && r.helpUri.endsWith(`${rule}.md`))).toBe(true);
    }
  });

  it('fail-level never keeps the step green but still reports', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-gh-'));
    const result = await runAction({ 'INPUT_BASE-REF': baseSha, 'INPUT_FAIL-LEVEL': 'never', GITHUB_OUTPUT: path.join(tmp, 'o') }, repo, () => undefined);
    expect(result.exitCode).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
  });

  it('GitLab and JUnit reports from the CLI carry the same findings, release migration only', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-reports-'));
    const r = spawnSync(process.execPath, [bin, 'lint', '--base', baseSha, '--format', 'stylish', '--report', `gitlab:${tmp}/gl.json`, '--report', `junit:${tmp}/junit.xml`], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    const gitlab = JSON.parse(readFileSync(`${tmp}/gl.json`, 'utf8')) as Array<{ check_name: string; location: { path: string; lines: { begin: number } } }>;
    expect(new Set(gitlab.map((i) => i.location.path))).toEqual(new Set([RELEASE]));
    for (const [rule, line] of Object.entries(EXPECTED)) {
      expect(gitlab.some((i) => i.check_name === rule && i.location.lines.begin === line), rule).toBe(true);
    }
    const junit = readFileSync(`${tmp}/junit.xml`, 'utf8');
    for (const rule of Object.keys(EXPECTED)) expect(junit).toContain(`classname="migrasafe.${rule}"`);
    expect(junit).not.toContain('002_users_name_idx.sql:');
    expect(r.stdout).toContain('003_rename_and_cleanup.sql');
    expect(r.stdout).not.toContain('002_users_name_idx.sql');
  });

  it('without --base the shipped migration is reported too (all files are linted)', () => {
    const r = spawnSync(process.execPath, [bin, 'lint', 'db/migrations', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>).filter((f) => f.messages.some((m) => m.ruleId === 'require-concurrent-index'));
    expect(files.map((f) => path.basename(f.filePath)).sort()).toEqual(['002_users_name_idx.sql', '003_rename_and_cleanup.sql']);
  });
});
