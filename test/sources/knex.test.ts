import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, FileResult } from '../../src/core/types.js';
import { lintFiles } from '../../src/lint/lint-files.js';
import { findMigrationSet } from '../../src/sources/find-set.js';
import { knexMigrationsUnder } from '../../src/sources/knex/discover.js';
import { engineFromKnexClient, readKnexfileStatically } from '../../src/sources/knex/knexfile.js';
import { openKnexSession } from '../../src/sources/knex/record.js';
import { knexMigrationOrder } from '../../src/sources/knex/set.js';
import { binPath, runCli } from '../helpers/cli.js';

const projects = path.join(import.meta.dirname, '../../fixtures/projects');
const pg = path.join(projects, 'knex-pg/db/migrations');
const ts = path.join(projects, 'knex-ts-mysql');
const errors = path.join(projects, 'knex-errors/migrations');
const esm = path.join(projects, 'knex-esm/migrations');

// Vitest sets NODE_ENV=test; the knexfile environment Knex's CLI picks for a developer is `development`.
const savedEnv = process.env.NODE_ENV;
beforeAll(() => {
  process.env.NODE_ENV = 'development';
});
afterAll(() => {
  process.env.NODE_ENV = savedEnv;
});

/** Lints a whole directory of Knex migrations (in Knex's order) with project code allowed. */
async function lintKnex(dir: string, allowJs = true): Promise<Map<string, FileResult>> {
  const files = knexMigrationsUnder(dir);
  const results = await lintFiles(files, { cwd: dir, overrides: { allowJs } });
  return new Map(results.map((r) => [path.basename(r.filePath), r]));
}
const ids = (r: FileResult | undefined) => (r?.diagnostics ?? []).map((d) => d.ruleId);
const find = (r: FileResult | undefined, id: string | null): Diagnostic | undefined => r?.diagnostics.find((d) => d.ruleId === id);
/** 1-based line of the first line of `file` containing `needle`. */
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('Knex: detection and order', () => {
  it('finds the knexfile, its directory, client and engine; every file is an up with in-file down', () => {
    const set = findMigrationSet(path.join(pg, '20240102090000_add_users_nickname.js'));
    expect(set.tool).toBe('knex');
    expect(set.engine).toBe('postgres');
    expect(set.downs).toBe('sections');
    expect(set.root).toBe(pg);
    expect(set.files.map((f) => path.basename(f.path))).toEqual([
      '20240101090000_create_users.js', '20240102090000_add_users_nickname.js', '20240103090000_index_users_created_at.js',
      '20240104090000_index_users_updated_at.js', '20240105090000_create_orders.js', '20240106090000_index_orders_status.js',
    ]);
    expect(set.files.every((f) => f.role === 'up' && f.toolTransaction && typeof f.load === 'function')).toBe(true);
  });

  it('orders several directories as Knex does: by file name across directories, or each directory apart with sortDirsSeparately', () => {
    const settings = readKnexfileStatically(path.join(ts, 'knexfile.ts'));
    expect(settings.directories).toEqual([path.join(ts, 'migrations'), path.join(ts, 'migrations-reporting')]);
    expect(settings.client).toBe('mysql2');
    const names = (s: typeof settings) => knexMigrationOrder(s).map((e) => e.file);
    expect(names(settings)).toEqual(['20240301100000_create_products.ts', '20240305100000_create_sales_report.ts', '20240310100000_products_price_bigint.ts']);
    expect(names({ ...settings, sortDirsSeparately: true })).toEqual(['20240301100000_create_products.ts', '20240310100000_products_price_bigint.ts', '20240305100000_create_sales_report.ts']);
    // Knex's default loadExtensions has no .mjs and .md is never a migration.
    expect(names({ ...settings, directories: [esm], loadExtensions: ['.js'] })).toEqual(['20240201000000_create_events.js', '20240202000000_events_kind.js']);
  });

  it('maps knexfile clients to engines', () => {
    expect(['pg', 'postgres', 'postgresql', 'pgnative'].map(engineFromKnexClient)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
    expect(['mysql', 'mysql2'].map(engineFromKnexClient)).toEqual(['mysql', 'mysql']);
    expect(engineFromKnexClient('sqlite3')).toBeUndefined();
  });
});

describe('Knex: recording with real Knex (no connection)', () => {
  it('records schema builder, raw with bindings, query builder and Promise.all in order, each with its line', async () => {
    const session = await openKnexSession(readKnexfileStatically(path.join(projects, 'knex-pg/knexfile.js')), {});
    expect(session.settings.environment).toBe('development');
    expect(session.settings.client).toBe('pg');
    const file = path.join(pg, '20240105090000_create_orders.js');
    const loaded = await session.record(file);
    const [up, down] = loaded.text.split(/\n\n(?=drop table)/);
    expect(up).toContain('create table "orders" ("id" bigserial primary key, "user_id" integer not null');
    expect(up.indexOf('create table "orders"')).toBeLessThan(up.indexOf("COMMENT ON TABLE orders IS 'Customer orders'"));
    expect(up.indexOf("COMMENT ON TABLE orders IS 'Customer orders'")).toBeLessThan(up.indexOf(`update "users" set "nickname" = 'admin' where "email" = 'admin@example.com'`));
    expect(down).toBe('drop table "orders";\n\n');
    expect(loaded.segments.map((s) => [s.direction, s.toolTransaction])).toEqual([['up', true], ['down', true]]);
    expect(loaded.problems).toEqual([]);
  });

  it('records the MySQL dialect for a mysql2 TypeScript project, transpiled with the project\'s typescript', async () => {
    const session = await openKnexSession(readKnexfileStatically(path.join(ts, 'knexfile.ts')), {});
    const loaded = await session.record(path.join(ts, 'migrations/20240310100000_products_price_bigint.ts'));
    expect(loaded.text).toContain('alter table `products` modify `price_cents` bigint not null');
    // A TypeScript migration importing a TypeScript helper of the project.
    const report = await session.record(path.join(ts, 'migrations-reporting/20240305100000_create_sales_report.ts'));
    expect(report.problems).toEqual([]);
    expect(report.text).toContain('`created_by` varchar(64) not null');
    // NODE_ENV picks the knexfile environment, as Knex's CLI does.
    const test = await openKnexSession(readKnexfileStatically(path.join(ts, 'knexfile.ts')), { NODE_ENV: 'test' });
    expect(test.settings.client).toBe('pg');
    expect((await test.record(path.join(ts, 'migrations/20240310100000_products_price_bigint.ts'))).text).toContain('alter table "products" alter column "price_cents" type bigint');
  });
});

describe('Knex: findings point into the migration file', () => {
  it('alterTable adding an indexed column: require-concurrent-index at the alterTable line, SQL quoted', async () => {
    const results = await lintKnex(pg);
    const file = path.join(pg, '20240102090000_add_users_nickname.js');
    const d = find(results.get(path.basename(file)), 'require-concurrent-index')!;
    expect(d.location.start.line).toBe(lineOf(file, 'alterTable'));
    expect(d.message).toContain('[SQL generated by Knex: create index "users_nickname_index" on "users" ("nickname")]');
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.[0]?.sql).toContain('create index CONCURRENTLY "users_nickname_index"');
    expect(d.suggestions?.[0]?.edits).toBeUndefined();
    // The result's source is the JavaScript, so editors and code frames show the right line.
    expect(results.get(path.basename(file))!.source).toBe(readFileSync(file, 'utf8'));
    // A message naming a line of the generated SQL names the migration's line instead.
    expect(find(results.get(path.basename(file)), 'slow-statement-under-lock')?.message).toContain(`line ${lineOf(file, 'alterTable')}`);
  });

  it('knex.raw CONCURRENTLY: concurrently-in-transaction by default, not with config.transaction = false', async () => {
    const results = await lintKnex(pg);
    const wrapped = find(results.get('20240103090000_index_users_created_at.js'), 'concurrently-in-transaction');
    expect(wrapped?.location.start.line).toBe(lineOf(path.join(pg, '20240103090000_index_users_created_at.js'), 'knex.raw'));
    expect(ids(results.get('20240104090000_index_users_updated_at.js'))).not.toContain('concurrently-in-transaction');
    expect(ids(results.get('20240104090000_index_users_updated_at.js'))).not.toContain('require-concurrent-index');
  });

  it('the table created by an earlier migration is known: no findings on the createTable migration itself', async () => {
    const results = await lintKnex(pg);
    expect(ids(results.get('20240101090000_create_users.js'))).toEqual([]);
    expect(find(results.get('20240105090000_create_orders.js'), 'mixed-schema-and-data')?.location.start.line).toBe(lineOf(path.join(pg, '20240105090000_create_orders.js'), "knex('users')"));
  });

  it('a mysql2 client produces MySQL findings at the TypeScript line (through the source map)', async () => {
    const results = await lintKnex(ts);
    const file = path.join(ts, 'migrations/20240310100000_products_price_bigint.ts');
    const d = find(results.get(path.basename(file)), 'mysql-table-copy')!;
    expect(d.location.start.line).toBe(lineOf(file, 'alterTable'));
    expect(d.message).toContain('modify `price_cents` bigint not null');
    expect(ids(results.get(path.basename(file)))).not.toContain('change-column-type');
  });

  it('// migrasafe-ignore comments in the migration suppress findings of the Knex calls they precede; unused ones are reported at the comment', async () => {
    const results = await lintKnex(pg);
    const file = path.join(pg, '20240106090000_index_orders_status.js');
    const r = results.get(path.basename(file));
    expect(ids(r)).not.toContain('require-concurrent-index');
    expect(find(r, 'require-lock-timeout')?.location.start.line).toBe(lineOf(file, 'alterTable'));
    const unused = r!.diagnostics.filter((d) => d.ruleId === 'unused-ignore');
    expect(unused.map((d) => [d.location.start.line, d.message.includes('`drop-column`')])).toEqual([[lineOf(file, 'migrasafe-ignore drop-column'), true]]);
  });

  it('the environment chosen by NODE_ENV decides the client and the directories; another environment\'s file is reported, not linted', async () => {
    process.env.NODE_ENV = 'test';
    try {
      const results = await lintKnex(ts);
      const bigint = results.get('20240310100000_products_price_bigint.ts');
      expect(ids(bigint)).toContain('change-column-type');
      expect(ids(bigint)).not.toContain('mysql-table-copy');
      const report = results.get('20240305100000_create_sales_report.ts')!.diagnostics;
      expect(report).toHaveLength(1);
      expect(report[0].message).toMatch(/Not linted: knex does not run this file.*environment test/);
    } finally {
      process.env.NODE_ENV = 'development';
    }
  });

  it('ES module migrations in a "type": "module" package (the built CLI: Node\'s own import)', () => {
    const run = spawnSync(process.execPath, [binPath, 'lint', '--allow-js', '--format', 'json', esm], { encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number }> }>;
    const file = path.join(esm, '20240202000000_events_kind.js');
    expect(results.map((r) => path.basename(r.filePath))).toEqual(['20240201000000_create_events.js', '20240202000000_events_kind.js']);
    expect(results[1].messages.find((m) => m.ruleId === 'change-column-type')?.line).toBe(lineOf(file, 'ALTER COLUMN payload'));
  });
});

describe('Knex: broken migrations and rollbacks', () => {
  it('a syntax error and a throwing migration are fatal with file and line; the other files are still linted', async () => {
    const results = await lintKnex(errors);
    const broken = results.get('20240102000000_broken_syntax.js')!.diagnostics.find((d) => d.fatal)!;
    expect(broken.message).toMatch(/could not be loaded.*missing \)/);
    expect(broken.location.start.line).toBeGreaterThanOrEqual(3);
    const threw = results.get('20240103000000_load_plans.js')!.diagnostics.find((d) => d.fatal)!;
    expect(threw.message).toContain('failed while recording exports.up: ENOENT');
    expect(threw.location.start.line).toBe(lineOf(path.join(errors, '20240103000000_load_plans.js'), 'readFileSync'));
    expect(find(results.get('20240104000000_accounts_email.js'), 'require-lock-timeout')).toBeDefined();
  });

  it('a migration without a down function is reported as Knex refuses it', async () => {
    const results = await lintKnex(errors);
    expect(results.get('20240104000000_accounts_email.js')!.diagnostics.find((d) => d.fatal)?.message).toContain('must export both an up and a down function');
  });

  it('an empty down is a missing rollback; console output of the migration goes to stderr, never into the report', () => {
    const file = path.join(errors, '20240106000000_backfill_account_names.js');
    const run = spawnSync(process.execPath, [binPath, 'lint', '--allow-js', '--format', 'json', '--rule', 'missing-down-migration:error', file], { encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
    const results = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; line: number; message: string }> }>;
    const missing = results[0].messages.find((m) => m.ruleId === 'missing-down-migration');
    expect(missing?.message).toContain('an `exports.down` that runs SQL');
    expect(missing?.line).toBe(lineOf(file, "knex('accounts')"));
    expect(run.stderr).toContain('backfilling account names');
  });

  it('a transaction the migration opens itself is recorded (BEGIN ... COMMIT)', async () => {
    const results = await lintKnex(errors);
    const file = path.join(errors, '20240105000000_index_accounts_name.js');
    expect(find(results.get(path.basename(file)), 'concurrently-in-transaction')?.location.start.line).toBe(lineOf(file, 'trx.raw'));
  });

  it('down is recorded as the rollback: missing-down-migration fires only for an empty down', async () => {
    const files = knexMigrationsUnder(pg);
    const results = await lintFiles(files, { cwd: pg, overrides: { allowJs: true, rules: { 'missing-down-migration': 'error' } } });
    expect(results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'missing-down-migration')).toEqual([]);
    const set = findMigrationSet(files[0]);
    const loaded = await set.files[1].load!();
    expect(loaded.text.slice(loaded.segments[1].range.start)).toContain('drop index "users_nickname_index"');
  });
});

describe('Knex: project code runs only when allowed', () => {
  it('without --allow-js: one warning per set, on the first file, saying how to enable it', async () => {
    const results = await lintKnex(pg, false);
    const all = [...results.values()].flatMap((r) => r.diagnostics);
    expect(all).toHaveLength(1);
    expect(all[0].level).toBe('warn');
    expect(all[0].message).toContain('--allow-js');
    expect(all[0].message).toContain('"allowJs": true');
    expect(results.get('20240101090000_create_users.js')!.diagnostics).toHaveLength(1);
  });

  it('the CLI: lint with no paths finds the Knex set, and --allow-js lints it', async () => {
    const cwd = path.join(projects, 'knex-pg');
    const off = await runCli(['--verbose', '--format', 'json'], { cwd });
    expect(off.stderr).toMatch(/db[\\/]migrations: knex, engine postgres, 6 migrations/);
    const offResults = JSON.parse(off.stdout) as Array<{ messages: Array<{ message: string }> }>;
    expect(offResults.flatMap((r) => r.messages).map((m) => m.message).join('\n')).toContain('Not linted: these 6 knex migrations');
    const on = await runCli(['--allow-js', '--format', 'json', 'db/migrations'], { cwd });
    const onResults = JSON.parse(on.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null }> }>;
    expect(onResults).toHaveLength(6);
    expect(onResults.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('concurrently-in-transaction');
    expect(on.code).toBe(1);
  });
});

describe('Knex: the allowJs switch', () => {
  it('--allow-js parses on the fast path and --no-allow-js too; the config key must be a boolean', async () => {
    const { parseLintArgsFast } = await import('../../src/cli/fast-args.js');
    expect(parseLintArgsFast(['--allow-js', 'db'])?.allowJs).toBe(true);
    expect(parseLintArgsFast(['--no-allow-js', 'db'])?.allowJs).toBe(false);
    const { validateUserConfig } = await import('../../src/config/validate.js');
    const { allRules } = await import('../../src/rules/index.js');
    expect(validateUserConfig({ allowJs: true }, 'migrasafe.config.json', allRules).allowJs).toBe(true);
    expect(() => validateUserConfig({ allowJs: 'yes' }, 'migrasafe.config.json', allRules)).toThrow(/allowJs.*true or false/);
  });

  it('"allowJs": true in the config enables recording; --no-allow-js turns it off for one run', async () => {
    const { tempProject } = await import('../helpers/cli.js');
    const { cpSync, writeFileSync } = await import('node:fs');
    const dir = tempProject({});
    cpSync(path.join(projects, 'knex-pg'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'migrasafe.config.json'), '{ "allowJs": true }\n');
    const on = await runCli(['--format', 'json'], { cwd: dir, env: { NODE_ENV: 'development' } });
    const messages = (r: { stdout: string }) => (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>).flatMap((f) => f.messages);
    expect(messages(on).map((m) => m.ruleId)).toContain('require-concurrent-index');
    const off = await runCli(['--no-allow-js', '--format', 'json'], { cwd: dir, env: { NODE_ENV: 'development' } });
    expect(messages(off).map((m) => m.message)).toEqual([expect.stringContaining('Not linted: these 6 knex migrations')]);
  });
});

describe('Knex: ignore comments in code', () => {
  it('a comment line covers the next statement and its more indented continuation lines; a trailing one its own line', async () => {
    const { codeDirectives } = await import('../../src/sources/knex/ignore-comments.js');
    const source = [
      '// migrasafe-ignore-file require-lock-timeout -- set by the deploy script',
      'exports.up = async (knex) => {',
      '  // migrasafe-ignore require-concurrent-index -- tiny table',
      '',
      '  await knex.schema',
      '    .alterTable("t", (t) => {',
      '      t.index(["a"]);',
      '    });',
      '  await knex.raw("CREATE INDEX b ON t (b)"); // migrasafe-ignore require-concurrent-index -- tiny',
      '};',
    ].join('\n');
    expect(codeDirectives(source).map((d) => [d.file, d.from, d.to, d.site.line])).toEqual([
      [true, 0, 0, 1],
      [false, 5, 8, 3],
      [false, 9, 9, 9],
    ]);
  });
});

describe('Knex: --staged (pre-commit)', () => {
  it('a staged Knex migration is linted with its set; unstaged edits are noted', async () => {
    const { execFileSync } = await import('node:child_process');
    const { cpSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const repo = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-knex-staged-'));
    const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: gitEnv });
    git('init', '-q', '-b', 'main');
    cpSync(path.join(projects, 'knex-pg'), repo, { recursive: true });
    const added = path.join(repo, 'db/migrations/20240102090000_add_users_nickname.js');
    git('add', 'knexfile.js', 'package.json', 'db/migrations/20240101090000_create_users.js');
    git('commit', '-qm', 'base');
    git('add', 'db/migrations/20240102090000_add_users_nickname.js');
    const lint = () => {
      const r = spawnSync(process.execPath, [binPath, 'lint', '--staged', '--allow-js', '--format', 'json'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
      return JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; message: string }> }>;
    };
    const first = lint();
    expect(first.map((r) => path.basename(r.filePath))).toEqual(['20240102090000_add_users_nickname.js']);
    expect(first[0].messages.find((m) => m.ruleId === 'require-concurrent-index')?.line).toBe(lineOf(added, 'alterTable'));
    writeFileSync(added, readFileSync(added, 'utf8').replace("table.string('nickname', 64).index();", "table.string('nickname', 64);"));
    const second = lint();
    expect(second[0].messages.map((m) => m.ruleId)).not.toContain('require-concurrent-index');
    expect(second[0].messages.some((m) => m.message.includes('unstaged changes'))).toBe(true);
  });
});

describe('Knex: TypeScript without typescript', () => {
  it('says what to install when the project has no typescript package', async () => {
    const { tempProject } = await import('../helpers/cli.js');
    const { cpSync } = await import('node:fs');
    const dir = tempProject({});
    cpSync(ts, dir, { recursive: true });
    const r = await runCli(['--allow-js', '--format', 'json', 'migrations'], { cwd: dir });
    const messages = (JSON.parse(r.stdout) as Array<{ messages: Array<{ message: string; fatal?: boolean }> }>).flatMap((f) => f.messages);
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toContain('the package "typescript" is not installed in the project');
    expect(messages[0].message).toContain('npm install --save-dev typescript');
    expect(r.code).toBe(1);
  });
});

describe('Knex: init', () => {
  it('writes the Knex directory and says how to allow running it, without enabling it', async () => {
    const { tempProject } = await import('../helpers/cli.js');
    const { cpSync } = await import('node:fs');
    const dir = tempProject({});
    cpSync(path.join(projects, 'knex-pg'), dir, { recursive: true });
    const r = await runCli(['init'], { cwd: dir });
    expect(r.stdout).toContain('"allowJs": true');
    const config = JSON.parse(readFileSync(path.join(dir, 'migrasafe.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ tool: 'knex', engine: 'postgres', paths: ['db/migrations'] });
    expect(config.allowJs).toBeUndefined();
  });
});
