import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli.js';

const history = {
  'migrations/001_users.up.sql': 'CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(320) NOT NULL, name text);\n',
  'migrations/001_users.down.sql': 'DROP TABLE users;\n',
};

describe('migrasafe plan', () => {
  it('reads column types and the primary key from the migration history', async () => {
    const dir = tempProject(history);
    const r = await runCli(['plan', 'rename-column', 'users.email', 'email_address', '--dir', 'migrations'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALTER TABLE users ADD COLUMN email_address varchar(320);');
    expect(r.stdout).toContain('SELECT COUNT(*) FROM users WHERE email_address IS DISTINCT FROM email;');
    expect(r.stdout).toMatch(/next_key::bigint/);
    // email is NOT NULL, so the new column is made NOT NULL the safe way before the contract
    expect(r.stdout).toContain('ADD CONSTRAINT users_email_address_not_null CHECK (email_address IS NOT NULL) NOT VALID;');
    expect(r.stdout).not.toMatch(/Primary key assumed/);
  });

  it('asks for --type when the history does not know the column', async () => {
    const dir = tempProject({});
    const r = await runCli(['plan', 'rename-column', 'users.email', 'email_address'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/type of users\.email is unknown: give --type/);
  });

  it('rejects an unknown change and a malformed argument with a usage error', async () => {
    const dir = tempProject({});
    expect((await runCli(['plan', 'rename-everything', 'x'], { cwd: dir })).code).toBe(2);
    const r = await runCli(['plan', 'add-not-null', 'users'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Expected <table>\.<column>/);
  });

  it('--format json gives every phase with up, down, locks and transaction mode', async () => {
    const dir = tempProject({});
    const r = await runCli(['plan', 'add-index', 'orders.customer_id', '--format', 'json'], { cwd: dir });
    const plan = JSON.parse(r.stdout);
    expect(plan.phases).toHaveLength(1);
    expect(plan.phases[0].up).toBe('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);');
    expect(plan.phases[0].transaction).toBe(false);
    expect(plan.phases[0].locks[0]).toMatch(/SHARE UPDATE EXCLUSIVE/);
  });

  it('--write creates numbered golang-migrate up/down pairs after the last version (the tool\'s naming), and never overwrites', async () => {
    const dir = tempProject(history);
    const r = await runCli(['plan', 'add-not-null', 'users.name', '--default', "''", '--dir', 'migrations', '--write'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(path.join(dir, 'migrations')).sort();
    expect(files).toEqual([
      '001_users.down.sql',
      '001_users.up.sql',
      '002_name_default.down.sql',
      '002_name_default.up.sql',
      '003_backfill_name.down.sql',
      '003_backfill_name.up.sql',
      '004_name_not_null_check.down.sql',
      '004_name_not_null_check.up.sql',
      '005_validate_name_not_null.down.sql',
      '005_validate_name_not_null.up.sql',
      '006_name_set_not_null.down.sql',
      '006_name_set_not_null.up.sql',
    ]);
    const check = readFileSync(path.join(dir, 'migrations/004_name_not_null_check.up.sql'), 'utf8');
    expect(check).toContain('-- Before running this migration, check: SELECT COUNT(*) FROM users WHERE name IS NULL;  -- expect 0');
    expect(check).toContain("ALTER TABLE users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL) NOT VALID;");
    expect(readFileSync(path.join(dir, 'migrations/003_backfill_name.up.sql'), 'utf8')).toContain('must run OUTSIDE a transaction');
    // the written plan lints clean of locking errors (it is what the linter recommends)
    const lint = await runCli(['migrations', '--format', 'json'], { cwd: dir });
    const messages = JSON.parse(lint.stdout).flatMap((f: { messages: Array<{ ruleId: string; severity: number }> }) => f.messages.filter((m) => m.severity === 2).map((m) => m.ruleId));
    expect(messages.filter((id: string) => ['set-not-null', 'constraint-not-valid', 'require-concurrent-index', 'add-column-rewrite'].includes(id))).toEqual([]);
    const again = await runCli(['plan', 'add-not-null', 'users.name', '--default', "''", '--dir', 'migrations', '--write'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(dir, 'migrations')).length).toBe(22);
  });

  it('MySQL plans use online ALTER forms', async () => {
    const dir = tempProject({});
    const r = await runCli(['plan', 'add-not-null', 'users.name', '--engine', 'mysql', '--type', 'VARCHAR(100)', '--default', "''"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ALTER TABLE users MODIFY name VARCHAR(100) NOT NULL DEFAULT '', ALGORITHM=INPLACE, LOCK=NONE;");
  });
});

describe('--fix-dry-run', () => {
  it('prints a unified diff of the safe fixes and writes nothing', async () => {
    const sql = 'CREATE INDEX users_email_idx ON users (email);\n';
    const dir = tempProject({ 'a.sql': sql });
    const r = await runCli(['a.sql', '--fix-dry-run', '--rule', 'require-lock-timeout:off'], { cwd: dir });
    expect(r.stdout).toContain('--- a/a.sql');
    expect(r.stdout).toContain('+++ b/a.sql');
    expect(r.stdout).toContain('-CREATE INDEX users_email_idx ON users (email);');
    expect(r.stdout).toContain('+CREATE INDEX CONCURRENTLY users_email_idx ON users (email);');
    expect(readFileSync(path.join(dir, 'a.sql'), 'utf8')).toBe(sql);
  });

  it('refuses --fix together with --fix-dry-run', async () => {
    const dir = tempProject({ 'a.sql': 'SELECT 1;\n' });
    expect((await runCli(['a.sql', '--fix', '--fix-dry-run'], { cwd: dir })).code).toBe(2);
  });
});
