/**
 * Runs the real `pre-commit` tool (Debian package) against a fixture repository that uses this
 * project's .pre-commit-hooks.yaml: an unsafe staged migration fails the commit hook with
 * migrasafe's finding, a safe one passes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

describe.skipIf(!hasPreCommit)('pre-commit hook (real pre-commit)', () => {
  let hookRepo: string;
  let project: string;
  let preCommitHome: string;

  beforeAll(() => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-precommit-'));
    // The hook repository: this project's files as a git repository, as pre-commit clones it.
    hookRepo = path.join(tmp, 'hook-repo');
    mkdirSync(hookRepo);
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const f of files) {
      try {
        cpSync(path.join(repoRoot, f), path.join(hookRepo, f), { recursive: true });
      } catch {
        // deleted in the working tree
      }
    }
    git(hookRepo, 'init', '-q', '-b', 'main');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-qm', 'hook repo');
    const rev = git(hookRepo, 'rev-parse', 'HEAD').trim();

    project = path.join(tmp, 'project');
    mkdirSync(path.join(project, 'db', 'migrations'), { recursive: true });
    git(project, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: migrasafe\n        files: ^db/migrations/\n`);
    writeFileSync(path.join(project, 'db/migrations/001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'base');
    preCommitHome = path.join(tmp, 'pre-commit-home');
    // Installing the hook environment runs npm install + build once (network: npm registry).
    const install = spawnSync('pre-commit', ['install-hooks'], { cwd: project, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: preCommitHome } });
    if (install.status !== 0) throw new Error(`pre-commit install-hooks failed:\n${install.stdout}\n${install.stderr}`);
  }, 600_000);

  const run = () => spawnSync('pre-commit', ['run'], { cwd: project, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: preCommitHome, NO_COLOR: '1' } });

  it('fails on an unsafe staged migration and prints the finding', () => {
    writeFileSync(path.join(project, 'db/migrations/002_index.sql'), 'CREATE INDEX users_email_idx ON users (email);\n');
    git(project, 'add', 'db/migrations/002_index.sql');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('require-concurrent-index');
    expect(r.stdout).toContain('002_index.sql');
    git(project, 'reset', '-q', 'HEAD', 'db/migrations/002_index.sql');
  }, 120_000);

  it('passes on a safe staged migration', () => {
    writeFileSync(path.join(project, 'db/migrations/002_index.sql'), "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
    git(project, 'add', 'db/migrations/002_index.sql');
    const r = run();
    expect(r.stdout + r.stderr).toMatch(/migrasafe.*Passed/);
    expect(r.status).toBe(0);
  }, 120_000);
});

if (!hasPreCommit) {
  describe('pre-commit hook', () => {
    it.skip('skipped: the `pre-commit` tool is not installed (apt-get install pre-commit; .ci/run installs it)', () => {});
  });
}
