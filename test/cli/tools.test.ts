import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli.js';

const projects = path.join(import.meta.dirname, '../../fixtures/projects');
/** A copy of a fixture project in a temporary directory (init writes files). */
function copyProject(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `migrasafe-${name}-`));
  cpSync(path.join(projects, name), dir, { recursive: true });
  return dir;
}
type JsonResult = Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; fix?: unknown; suggestions?: unknown[]; message: string }> }>;

describe('migrasafe lint without paths finds the migration directories', () => {
  it('lints a golang-migrate project from its root and says which tool and engine it assumed', async () => {
    const dir = copyProject('golang-migrate');
    const r = await runCli(['--verbose', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toContain('db/migrations: golang-migrate, engine postgres');
    const results = JSON.parse(r.stdout) as JsonResult;
    expect(results.map((f) => path.basename(f.filePath)).sort()).toContain('000003_add_last_login.up.sql');
    expect(results.length).toBe(8);
  });

  it('reports every set of a project with several tools', async () => {
    const dir = tempProject({});
    cpSync(path.join(projects, 'dbmate'), path.join(dir, 'billing'), { recursive: true });
    cpSync(path.join(projects, 'sqitch'), path.join(dir, 'auth-schema'), { recursive: true });
    const r = await runCli(['lint', '--verbose', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toMatch(/billing[\\/]db[\\/]migrations: dbmate/);
    expect(r.stderr).toContain('auth-schema: sqitch, engine postgres');
  });

  it('fails with a usage error when nothing looks like migrations', async () => {
    const dir = tempProject({ 'README.md': '# nothing here\n' });
    const r = await runCli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('migrasafe init');
  });
});

describe('the tool decides the transaction a statement runs in', () => {
  const lintFile = async (project: string, rel: string) => {
    const r = await runCli([rel, '--format', 'json', '--rule', 'require-lock-timeout:off'], { cwd: path.join(projects, project) });
    return (JSON.parse(r.stdout) as JsonResult)[0].messages;
  };

  it('golang-migrate: a file of several statements runs as one implicit transaction, so CONCURRENTLY is not offered as a safe fix', async () => {
    const messages = await lintFile('golang-migrate', 'db/migrations/000003_add_last_login.up.sql');
    const index = messages.find((m) => m.ruleId === 'require-concurrent-index')!;
    expect(index.message).toContain('outside a transaction');
    expect(index.fix).toBeUndefined();
  });

  it('plain directory: the same statements autocommit, so the CONCURRENTLY fix is safe', async () => {
    const dir = tempProject({ 'sql/1-users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, last_login_at timestamptz);\n', 'sql/2-index.sql': 'ALTER TABLE users ADD COLUMN x int;\nCREATE INDEX users_last_login_idx ON users (last_login_at);\n' });
    const r = await runCli(['sql/2-index.sql', '--format', 'json'], { cwd: dir });
    const messages = (JSON.parse(r.stdout) as JsonResult)[0].messages;
    const index = messages.find((m) => m.ruleId === 'require-concurrent-index');
    // users was created in an earlier file of the set: an existing table by the time of 2-index.sql
    expect(index?.fix).toBeDefined();
  });

  it('flyway: placeholders are replaced so the script parses (no parse error)', async () => {
    const messages = await lintFile('flyway', 'db/migration/V3__add_orders.sql');
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
  });

  it('liquibase: a statement ended by the next changeset (no semicolon) still parses, and a bad rollback is reported', async () => {
    const dir = tempProject({
      'db/changelog/001_payments.sql': '--liquibase formatted sql\n\n--changeset pay:1\nCREATE TABLE payments (id bigint PRIMARY KEY)\n--rollback DROP TABEL payments;\n\n--changeset pay:2\nALTER TABLE payments ADD COLUMN fee bigint\n--rollback ALTER TABLE payments DROP COLUMN fee;\n',
    });
    const r = await runCli(['db/changelog/001_payments.sql', '--format', 'json'], { cwd: dir });
    const messages = (JSON.parse(r.stdout) as JsonResult)[0].messages;
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'down-migration-invalid').map((m) => m.line)).toEqual([5]);
  });

  it('golang-migrate: a down file that does not parse is down-migration-invalid, and a down that forgets an index is down-does-not-revert', async () => {
    const dir = tempProject({
      'migrations/1_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n',
      'migrations/1_orders.down.sql': 'DROP TABLE orders;\n',
      'migrations/2_status_idx.up.sql': 'ALTER TABLE orders ADD COLUMN region text;\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n',
      'migrations/2_status_idx.down.sql': 'ALTER TABLE orders DROP COLUMN region;\n',
      'migrations/3_bad.up.sql': 'ALTER TABLE orders ADD COLUMN note text;\n',
      'migrations/3_bad.down.sql': 'ALTER TABLE orders DROP COLUMN note\nDROP TABLE x;\n',
    });
    const r = await runCli(['migrations', '--format', 'json'], { cwd: dir });
    const byFile = Object.fromEntries((JSON.parse(r.stdout) as JsonResult).map((f) => [path.basename(f.filePath), f.messages.map((m) => m.ruleId)]));
    expect(byFile['2_status_idx.up.sql']).toContain('down-does-not-revert');
    expect(byFile['1_orders.up.sql']).not.toContain('down-does-not-revert');
    expect(byFile['3_bad.down.sql']).toEqual(['down-migration-invalid']);
  });
});

describe('migrasafe init', () => {
  it('writes a config with the detected paths, engine and tool, and never overwrites without --force', async () => {
    const dir = copyProject('prisma');
    const r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, 'migrasafe.config.json'), 'utf8'));
    expect(config).toEqual({ extends: 'recommended', engine: 'postgres', paths: ['prisma/migrations'], tool: 'prisma' });
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await runCli(['init', '--force'], { cwd: dir })).code).toBe(0);
    // The written config is valid and drives `lint` with no paths.
    const lint = await runCli(['--format', 'json'], { cwd: dir });
    expect((JSON.parse(lint.stdout) as JsonResult).length).toBe(3);
  });

  it('refuses a directory without migrations', async () => {
    const dir = tempProject({ 'src/index.ts': 'export {};\n' });
    expect((await runCli(['init'], { cwd: dir })).code).toBe(2);
    expect(existsSync(path.join(dir, 'migrasafe.config.json'))).toBe(false);
  });
});
