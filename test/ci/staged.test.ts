/**
 * `migrasafe lint --staged`: lints the index version of staged migrations, with the history as
 * context, through the real CLI in a real git repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'migrasafe.js');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });

interface Json {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number }>;
}

function lintStaged(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'lint', '--staged', '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stderr: r.stderr, results: r.stdout ? (JSON.parse(r.stdout) as Json[]) : [] };
}

describe('lint --staged', () => {
  let repo: string;
  const write = (rel: string, text: string) => writeFileSync(path.join(repo, rel), text);

  beforeEach(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-staged-'));
    mkdirSync(path.join(repo, 'db'));
    git(repo, 'init', '-q', '-b', 'main');
    write('db/001_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    write('README.md', 'app\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
  });

  it('lints the index content, not the working tree', () => {
    write('db/002_index.sql', 'CREATE INDEX users_email_idx ON users (email);\n');
    git(repo, 'add', 'db/002_index.sql');
    // fixed in the working tree but not staged: the commit would still carry the unsafe version
    write('db/002_index.sql', 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n');
    const r = lintStaged(repo);
    expect(r.status).toBe(1);
    expect(r.results.map((f) => path.basename(f.filePath))).toEqual(['002_index.sql']);
    expect(r.results[0].messages.map((m) => m.ruleId)).toContain('require-concurrent-index');
  });

  it('reports a staged UTF-16 file as not linted, and lints the other staged files', () => {
    writeFileSync(path.join(repo, 'db/002_utf16.sql'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('CREATE INDEX users_email_idx ON users (email);\n', 'utf16le')]));
    write('db/003_index.sql', 'CREATE INDEX users_id_idx ON users (id);\n');
    git(repo, 'add', 'db/002_utf16.sql', 'db/003_index.sql');
    const r = lintStaged(repo);
    expect(r.status).toBe(1);
    const [utf16, sql] = r.results as Array<Json & { messages: Array<{ code?: string; message: string }> }>;
    expect(utf16.messages).toHaveLength(1);
    expect(utf16.messages[0]).toMatchObject({ ruleId: null, code: 'not-linted' });
    expect(utf16.messages[0].message).toContain('UTF-16');
    expect(sql.messages.map((m) => m.ruleId)).toContain('require-concurrent-index');
  });

  it('is clean when the staged version is safe although the working tree is not', () => {
    write('db/002_index.sql', 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n');
    git(repo, 'add', 'db/002_index.sql');
    write('db/002_index.sql', 'CREATE INDEX users_email_idx ON users (email);\n');
    const r = lintStaged(repo, '--rule', 'require-lock-timeout:off');
    expect(r.status).toBe(0);
    expect(r.results[0].messages).toEqual([]);
  });

  it('uses the history: a table from a committed migration is existing, one from the staged file is new', () => {
    write('db/002_orders.sql', 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\nCREATE INDEX orders_user_idx ON orders (user_id);\n');
    write('db/003_users_idx.sql', 'CREATE INDEX users_email_idx ON users (email);\n');
    git(repo, 'add', 'db/002_orders.sql', 'db/003_users_idx.sql');
    const r = lintStaged(repo, '--rule', 'require-lock-timeout:off');
    const byFile = Object.fromEntries(r.results.map((f) => [path.basename(f.filePath), f.messages.map((m) => m.ruleId)]));
    expect(byFile['002_orders.sql']).not.toContain('require-concurrent-index');
    expect(byFile['003_users_idx.sql']).toContain('require-concurrent-index');
  });

  it('ignores staged files outside the given paths and non-SQL files', () => {
    mkdirSync(path.join(repo, 'other'));
    write('other/x.sql', 'CREATE INDEX a ON users (email);\n');
    write('README.md', 'changed\n');
    git(repo, 'add', '-A');
    const r = lintStaged(repo, 'db');
    expect(r.results).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('is a usage error outside a git repository', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-nogit-'));
    const r = spawnSync(process.execPath, [bin, 'lint', '--staged'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--staged needs a git repository');
  });
});
