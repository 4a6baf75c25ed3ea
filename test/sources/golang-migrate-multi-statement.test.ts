import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli.js';
import { findMultiStatementUrl } from '../../src/sources/golang-migrate-url.js';

type JsonResult = Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; message: string }> }>;

/** A golang-migrate project whose second migration builds an index CONCURRENTLY among other statements. */
const MIGRATIONS = {
  'db/migrations/000001_create_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL);\n',
  'db/migrations/000001_create_orders.down.sql': 'DROP TABLE orders;\n',
  'db/migrations/000002_orders_status_idx.up.sql': "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);\n",
  'db/migrations/000002_orders_status_idx.down.sql': 'DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;\n',
};

async function concurrentlyFindings(dir: string, args: string[] = []) {
  const r = await runCli(['lint', 'db/migrations', '--format', 'json', ...args], { cwd: dir });
  const results = JSON.parse(r.stdout) as JsonResult;
  const found = results.flatMap((f) => f.messages.filter((m) => m.ruleId === 'concurrently-in-transaction').map((m) => `${path.basename(f.filePath)}:${m.line}`));
  return { found, stderr: r.stderr, code: r.code };
}

describe('golang-migrate x-multi-statement', () => {
  it('by default a file of several statements is one implicit transaction: CONCURRENTLY in it fails', async () => {
    const { found } = await concurrentlyFindings(tempProject(MIGRATIONS));
    expect(found).toEqual(['000002_orders_status_idx.up.sql:2']);
  });

  it('"toolOptions": { "multiStatement": true } runs each statement on its own: no finding, and --verbose says why', async () => {
    const dir = tempProject({ ...MIGRATIONS, 'migrasafe.config.json': '{ "tool": "golang-migrate", "toolOptions": { "multiStatement": true } }' });
    const { found, stderr } = await concurrentlyFindings(dir, ['--verbose']);
    expect(found).toEqual([]);
    expect(stderr).toContain('x-multi-statement: each statement runs on its own, no transaction [migrasafe.config.json toolOptions.multiStatement = true]');
  });

  it('works per databases entry (only that database runs statement by statement)', async () => {
    const dir = tempProject({
      ...MIGRATIONS,
      ...Object.fromEntries(Object.entries(MIGRATIONS).map(([k, v]) => [k.replace('db/migrations', 'billing/migrations'), v])),
      'migrasafe.config.json': JSON.stringify({ databases: [{ name: 'app', paths: ['db/migrations'], toolOptions: { multiStatement: true } }, { name: 'billing', paths: ['billing/migrations'] }] }),
    });
    const r = await runCli(['lint', 'db/migrations', 'billing/migrations', '--format', 'json'], { cwd: dir });
    const results = JSON.parse(r.stdout) as JsonResult;
    const found = results.flatMap((f) => f.messages.filter((m) => m.ruleId === 'concurrently-in-transaction').map(() => path.relative(dir, f.filePath)));
    expect(found).toEqual([path.join('billing', 'migrations', '000002_orders_status_idx.up.sql')]);
  });

  it('detects the option in the Makefile migrate command, with the line as evidence under --verbose', async () => {
    const dir = tempProject({
      ...MIGRATIONS,
      '.git/HEAD': 'ref: refs/heads/main\n',
      Makefile: 'DB_URL ?= postgres://app:app@localhost:5432/app?sslmode=disable\n\nmigrate-up:\n\tmigrate -path db/migrations -database "postgres://app:app@localhost:5432/app?sslmode=disable&x-multi-statement=true" up\n',
    });
    const { found, stderr } = await concurrentlyFindings(dir, ['--verbose']);
    expect(found).toEqual([]);
    expect(stderr).toMatch(/x-multi-statement: each statement runs on its own, no transaction \[Makefile:4: migrate -path db\/migrations -database "postgres:\/\/app:app@localhost:5432\/app\?sslmode=disable&x-multi-statement=true" up\]/);
  });

  it('a command for another migrations directory, a MySQL URL or x-multi-statement=false do not count', async () => {
    const base = { ...MIGRATIONS, '.git/HEAD': 'ref: refs/heads/main\n' };
    const other = tempProject({ ...base, Makefile: 'up:\n\tmigrate -path legacy/migrations -database "postgres://localhost/app?x-multi-statement=true" up\n' });
    expect(findMultiStatementUrl(path.join(other, 'db/migrations'))).toBeUndefined();
    const mysql = tempProject({ ...base, '.env': 'DATABASE_URL=mysql://root@tcp(localhost:3306)/app?x-multi-statement=true\n' });
    expect(findMultiStatementUrl(path.join(mysql, 'db/migrations'))).toBeUndefined();
    const off = tempProject({ ...base, 'docker-compose.yml': 'services:\n  migrate:\n    command: ["-path", "/migrations", "-database", "postgres://db/app?x-multi-statement=false", "up"]\n' });
    expect(findMultiStatementUrl(path.join(off, 'db/migrations'))).toBeUndefined();
    expect((await concurrentlyFindings(other)).found).toEqual(['000002_orders_status_idx.up.sql:2']);
    // .env and CI workflow files count too
    const env = tempProject({ ...base, '.env': 'MIGRATE_URL=postgres://app@db:5432/app?sslmode=disable&x-multi-statement=1\n' });
    expect(findMultiStatementUrl(path.join(env, 'db/migrations'))).toMatch(/\.env:1: MIGRATE_URL=/);
    const ci = tempProject({ ...base, '.github/workflows/ci.yml': 'jobs:\n  migrate:\n    steps:\n      - run: migrate -source file://db/migrations -database "$PG_URL?x-multi-statement=true" up\n' });
    expect(findMultiStatementUrl(path.join(ci, 'db/migrations'))).toMatch(/ci\.yml:4: - run: migrate -source file:\/\/db\/migrations/);
  });

  it('"multiStatement": false in the config wins over a Makefile', async () => {
    const dir = tempProject({
      ...MIGRATIONS,
      '.git/HEAD': 'ref: refs/heads/main\n',
      Makefile: 'up:\n\tmigrate -path db/migrations -database "postgres://localhost/app?x-multi-statement=true" up\n',
      'migrasafe.config.json': '{ "toolOptions": { "multiStatement": false } }',
    });
    expect((await concurrentlyFindings(dir)).found).toEqual(['000002_orders_status_idx.up.sql:2']);
  });

  it('bad toolOptions are config errors with file and key', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{ "toolOptions": true }', /migrasafe\.config\.json \(toolOptions\): must be an object/],
      ['{ "toolOptions": { "multiStatements": true } }', /\(toolOptions\.multiStatements\): unknown tool option "multiStatements"; known options: multiStatement \(golang-migrate/],
      ['{ "toolOptions": { "multiStatement": "yes" } }', /\(toolOptions\.multiStatement\): must be true or false/],
      ['{ "tool": "flyway", "toolOptions": { "multiStatement": true } }', /\(toolOptions\.multiStatement\): "multiStatement" is a golang-migrate option, but "tool" is "flyway"/],
      ['{ "databases": [{ "name": "app", "paths": ["db/migrations"], "toolOptions": { "multiStatement": 1 } }] }', /\(databases\["app"\]\.toolOptions\.multiStatement\): must be true or false/],
    ];
    for (const [config, error] of cases) {
      const r = await runCli(['lint', 'db/migrations'], { cwd: tempProject({ ...MIGRATIONS, 'migrasafe.config.json': config }) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(error);
    }
  });
});
