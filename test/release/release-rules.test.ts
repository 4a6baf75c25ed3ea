import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/types.js';
import { lintFiles } from '../../src/lint/lint-files.js';
import { gitRepo, hasGit } from './git-repo.js';

const CREATE_USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_code text);\n';

async function lint(dir: string, files: string[], base: string | null = 'main'): Promise<FileResult[]> {
  return lintFiles(files.map((f) => path.join(dir, f)), { cwd: dir, base: base ?? undefined, env: {} });
}

const findings = (results: FileResult[], ruleId: string) =>
  results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => ({ file: path.basename(r.filePath), line: d.location.start.line, level: d.level, message: d.message })));

describe.skipIf(!hasGit)('release rules over real git repositories', () => {
  it('modified-applied-migration: an edited applied file is an error, a comment-only edit a warning, a new file nothing', async () => {
    const dir = gitRepo(
      { 'db/001_users.sql': CREATE_USERS, 'db/002_index.sql': '-- index for lookups\nCREATE INDEX users_email_idx ON users (email);\n' },
      {
        'db/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy_code text);\n',
        'db/002_index.sql': '-- index for email lookups (login)\nCREATE INDEX users_email_idx\n  ON users (email);\n',
        'db/003_note.sql': 'ALTER TABLE users ADD COLUMN note text;\n',
      },
    );
    const found = findings(await lint(dir, ['db/001_users.sql', 'db/002_index.sql', 'db/003_note.sql']), 'modified-applied-migration');
    expect(found.map((f) => [f.file, f.level, f.line])).toEqual([
      ['001_users.sql', 'error', 1],
      ['002_index.sql', 'warn', 1],
    ]);
    expect(found[0].message).toContain('db/001_users.sql was already on main');
  });

  it('contract-with-code-change: a drop shipped with a code change is reported at the DROP statement', async () => {
    const dir = gitRepo(
      { 'db/001_users.sql': CREATE_USERS, 'app/users.ts': 'export const cols = ["id", "email", "legacy_code"];\n' },
      { 'db/002_drop_legacy.sql': "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN legacy_code;\n", 'app/users.ts': 'export const cols = ["id", "email"];\n', 'README.md': 'notes\n' },
    );
    const found = findings(await lint(dir, ['db/002_drop_legacy.sql']), 'contract-with-code-change');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: '002_drop_legacy.sql', line: 2, level: 'error' });
    expect(found[0].message).toContain('`app/users.ts`');
    expect(found[0].message).not.toContain('README.md');
  });

  it('contract-with-code-change: no finding when the code change shipped a release earlier', async () => {
    const dir = gitRepo(
      { 'db/001_users.sql': CREATE_USERS, 'app/users.ts': 'export const cols = ["id", "email"];\n' },
      { 'db/002_drop_legacy.sql': 'ALTER TABLE users DROP COLUMN legacy_code;\n' },
    );
    expect(findings(await lint(dir, ['db/002_drop_legacy.sql']), 'contract-with-code-change')).toEqual([]);
  });

  it('dropped-object-still-referenced: lists file:line of each use in code', async () => {
    const dir = gitRepo(
      {
        'db/001_users.sql': CREATE_USERS,
        'app/users.ts': 'import { db } from "./db";\n\nexport async function find(id: number) {\n  return db.query("SELECT legacy_code FROM users WHERE id = $1", [id]);\n}\n',
      },
      { 'db/002_drop_legacy.sql': 'ALTER TABLE users DROP COLUMN legacy_code;\n' },
    );
    const found = findings(await lint(dir, ['db/002_drop_legacy.sql']), 'dropped-object-still-referenced');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('app/users.ts:4');
  });

  it('dropped-object-still-referenced: a use only in a comment or in a migration file does not count', async () => {
    const dir = gitRepo(
      {
        'db/001_users.sql': CREATE_USERS + '-- legacy_code is read by the old importer\nUPDATE users SET legacy_code = NULL;\n',
        'app/users.ts': '// legacy_code: removed, see db/002\n/* users.legacy_code used to hold the old id */\nexport const usersTable = "users";\n',
        'scripts/clean.py': '# users.legacy_code\nprint("users")\n',
      },
      { 'db/002_drop_legacy.sql': 'ALTER TABLE users DROP COLUMN legacy_code;\n' },
    );
    expect(findings(await lint(dir, ['db/002_drop_legacy.sql']), 'dropped-object-still-referenced')).toEqual([]);
  });

  it('expand-and-contract-same-release: add + backfill + drop in one release; not when the drop comes a release later', async () => {
    const same = gitRepo(
      { 'db/001_users.sql': CREATE_USERS },
      { 'db/002_email.sql': 'ALTER TABLE users ADD COLUMN email_address text;\nUPDATE users SET email_address = email;\n', 'db/003_drop.sql': 'ALTER TABLE users DROP COLUMN email;\n' },
    );
    const found = findings(await lint(same, ['db/002_email.sql', 'db/003_drop.sql']), 'expand-and-contract-same-release');
    expect(found.map((f) => [f.file, f.line])).toEqual([['003_drop.sql', 1]]);
    expect(found[0].message).toContain('adds column `email_address`');

    const later = gitRepo(
      { 'db/001_users.sql': CREATE_USERS, 'db/002_email.sql': 'ALTER TABLE users ADD COLUMN email_address text;\nUPDATE users SET email_address = email;\n' },
      { 'db/003_drop.sql': 'ALTER TABLE users DROP COLUMN email;\n' },
    );
    expect(findings(await lint(later, ['db/003_drop.sql']), 'expand-and-contract-same-release')).toEqual([]);
  });

  it('migration-order: a new file that sorts before the newest file on the base', async () => {
    const dir = gitRepo(
      { 'db/001_users.sql': CREATE_USERS, 'db/003_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n' },
      { 'db/002_note.sql': 'ALTER TABLE users ADD COLUMN note text;\n', 'db/004_ok.sql': 'ALTER TABLE orders ADD COLUMN note text;\n' },
    );
    const found = findings(await lint(dir, ['db/002_note.sql', 'db/004_ok.sql']), 'migration-order');
    expect(found.map((f) => f.file)).toEqual(['002_note.sql']);
    expect(found[0].message).toContain('sorts before 003');
  });

  it('tables created anywhere in the release are new for every file of it (origin "release")', async () => {
    const dir = gitRepo(
      { 'db/001_users.sql': CREATE_USERS },
      { 'db/002_audit.sql': 'CREATE TABLE audit (id bigint, at timestamptz);\n', 'db/003_audit_idx.sql': 'CREATE INDEX audit_at_idx ON audit (at);\nCREATE INDEX users_email_idx ON users (email);\n' },
    );
    const found = findings(await lint(dir, ['db/003_audit_idx.sql']), 'require-concurrent-index');
    expect(found.map((f) => f.line)).toEqual([2]);
    // Without a base the release is only the newest file: audit was created by an earlier (shipped) file.
    const newest = findings(await lint(dir, ['db/003_audit_idx.sql'], null), 'require-concurrent-index');
    expect(newest.map((f) => f.line)).toEqual([1, 2]);
  });

  it('counts uncommitted and untracked changes as part of the release (pre-commit)', async () => {
    const dir = gitRepo({ 'db/001_users.sql': CREATE_USERS }, { 'db/001_users.sql': CREATE_USERS.replace('text,', 'varchar(200),') }, { commitBranch: false });
    expect(findings(await lint(dir, ['db/001_users.sql']), 'modified-applied-migration')).toHaveLength(1);
  });

  it('rejects a --base that does not exist with a clear message', async () => {
    const dir = gitRepo({ 'db/001_users.sql': CREATE_USERS }, {});
    await expect(lint(dir, ['db/001_users.sql'], 'origin/nope')).rejects.toThrow(/--base origin\/nope: no such git ref/);
  });
});
