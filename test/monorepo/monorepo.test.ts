/**
 * A monorepo built as a real git repository: service `billing` (PostgreSQL, golang-migrate),
 * service `catalog` (MySQL, Flyway) and a `shared` PostgreSQL database both services use. The
 * branch changes all three; each database is replayed, linted and reported on its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = path.join(import.meta.dirname, '..', '..', 'bin', 'migrasafe.js');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv }).trim();

const CONFIG = {
  rules: { 'require-lock-timeout': 'off', 'dropped-object-still-referenced': 'warn' },
  databases: [
    { name: 'billing', paths: ['services/billing/migrations'], engine: 'postgres', targetVersion: 16, tool: 'golang-migrate', sources: ['services/billing/src/**'] },
    { name: 'catalog', paths: ['services/catalog/db'], engine: 'mysql', targetVersion: '8.0.36', tool: 'flyway', sources: ['services/catalog/src/**'] },
    { name: 'shared', paths: ['db/shared'], engine: 'postgres', targetVersion: 15, sources: { billing: ['services/billing/src/**'], catalog: ['services/catalog/src/**'] } },
  ],
};

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
}
interface Result {
  filePath: string;
  database?: string;
  messages: Message[];
}

let repo: string;
let base: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), text);
};
const lint = (...args: string[]) => spawnSync(process.execPath, [bin, 'lint', ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const rel = (r: Result) => path.relative(repo, r.filePath).split(path.sep).join('/');

beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-monorepo-'));
  git(repo, 'init', '-q', '-b', 'main');
  write('migrasafe.config.json', JSON.stringify(CONFIG, null, 2));
  write('services/billing/migrations/1_create_invoices.up.sql', 'CREATE TABLE invoices (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL,\n  legacy_ref text\n);\n');
  write('services/billing/migrations/1_create_invoices.down.sql', 'DROP TABLE invoices;\n');
  write('services/billing/src/invoices.ts', "export const byRef = (db: Db, ref: string) =>\n  db.query('SELECT id FROM invoices WHERE legacy_ref = $1', [ref]);\nexport const email = (db: Db, id: number) => db.query('SELECT email FROM customers WHERE id = $1', [id]);\n");
  write('services/catalog/db/V1__create_products.sql', 'CREATE TABLE `products` (\n  `id` BIGINT NOT NULL AUTO_INCREMENT,\n  `name` VARCHAR(100) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n');
  write('services/catalog/src/products.ts', "export const label = (db: Db, id: number) =>\n  db.query('SELECT nickname FROM customers WHERE id = ?', [id]);\n");
  write('db/shared/1_customers.up.sql', 'CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  nickname text\n);\n');
  write('db/shared/1_customers.down.sql', 'DROP TABLE customers;\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  base = git(repo, 'rev-parse', 'HEAD');

  git(repo, 'checkout', '-q', '-b', 'feature');
  // billing: drops a column its own code still uses, and edits an applied migration
  write('services/billing/migrations/2_drop_legacy_ref.up.sql', 'ALTER TABLE invoices DROP COLUMN legacy_ref;\n');
  write('services/billing/migrations/2_drop_legacy_ref.down.sql', 'ALTER TABLE invoices ADD COLUMN legacy_ref text;\n');
  write('services/billing/migrations/1_create_invoices.up.sql', 'CREATE TABLE invoices (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL,\n  legacy_ref text,\n  paid_at timestamptz\n);\n');
  // catalog (MySQL): shrinking a VARCHAR copies the table; its version 2 repeats billing's 2
  write('services/catalog/db/V2__shorter_names.sql', 'ALTER TABLE `products` MODIFY `name` VARCHAR(50) NOT NULL;\n');
  // shared: drops a column only the catalog service still reads
  write('db/shared/2_drop_nickname.up.sql', 'ALTER TABLE customers DROP COLUMN nickname;\n');
  write('db/shared/2_drop_nickname.down.sql', 'ALTER TABLE customers ADD COLUMN nickname text;\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'feature');
});

function findings(results: Result[]) {
  return results.flatMap((r) => r.messages.map((m) => ({ file: rel(r), database: r.database, ...m })));
}

describe('monorepo with three databases', () => {
  it('lints each database with its own engine and tool, and names the database on every result', () => {
    const r = lint('--base', base, '--format', 'json');
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as Result[];
    const byFile = Object.fromEntries(results.map((f) => [rel(f), f.database]));
    expect(byFile).toEqual({
      'services/billing/migrations/1_create_invoices.up.sql': 'billing',
      'services/billing/migrations/2_drop_legacy_ref.up.sql': 'billing',
      'services/billing/migrations/2_drop_legacy_ref.down.sql': 'billing',
      'services/catalog/db/V2__shorter_names.sql': 'catalog',
      'db/shared/2_drop_nickname.up.sql': 'shared',
      'db/shared/2_drop_nickname.down.sql': 'shared',
    });
    const all = findings(results);
    // MySQL semantics in catalog: a VARCHAR shrink needs a table copy
    expect(all.some((f) => f.database === 'catalog' && f.ruleId === 'mysql-table-copy')).toBe(true);
    // MySQL rules never run on the PostgreSQL databases, PostgreSQL-only rules never on the MySQL one
    expect(all.some((f) => f.database !== 'catalog' && f.ruleId?.startsWith('mysql-'))).toBe(false);
    expect(all.some((f) => f.database === 'catalog' && f.ruleId === 'require-concurrent-index')).toBe(false);
  });

  it('dropped-object-still-referenced searches the services that use each database and names them', () => {
    const all = findings(JSON.parse(lint('--base', base, '--format', 'json').stdout) as Result[]).filter((f) => f.ruleId === 'dropped-object-still-referenced');
    const billing = all.find((f) => f.database === 'billing')!;
    expect(billing.message).toContain('service `billing` (services/billing/src/invoices.ts:2)');
    expect(billing.severity).toBe(1); // configured as warn: a service's own database
    const shared = all.find((f) => f.database === 'shared')!;
    expect(shared.message).toContain('service `catalog` (services/catalog/src/products.ts:2)');
    expect(shared.message).not.toContain('service `billing`'); // billing reads customers.email, not nickname
    expect(shared.message).toContain('shared by 2 services');
    expect(shared.severity).toBe(2); // a drop in a shared database that another service uses: always an error
  });

  it('release rules work per database: versions may repeat across databases; an edited applied migration is flagged in its own', () => {
    const all = findings(JSON.parse(lint('--base', base, '--format', 'json').stdout) as Result[]);
    expect(all.filter((f) => f.ruleId === 'migration-order')).toEqual([]);
    const modified = all.filter((f) => f.ruleId === 'modified-applied-migration');
    expect(modified.map((f) => `${f.database} ${f.file}`)).toEqual(['billing services/billing/migrations/1_create_invoices.up.sql']);
  });

  it('--database limits the run to one database', () => {
    const results = JSON.parse(lint('--base', base, '--database', 'catalog', '--format', 'json').stdout) as Result[];
    expect(results.map((r) => r.database)).toEqual(['catalog']);
  });

  it('names the database in SARIF (a result property) and in stylish output (a prefix)', () => {
    const sarif = JSON.parse(lint('--base', base, '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ properties?: { database?: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const res of results) {
      const uri = res.locations[0].physicalLocation.artifactLocation.uri;
      const expected = uri.startsWith('services/billing') ? 'billing' : uri.startsWith('services/catalog') ? 'catalog' : 'shared';
      expect(res.properties?.database, uri).toBe(expected);
    }
    const stylish = lint('--base', base).stdout;
    expect(stylish).toContain('[shared] db/shared/2_drop_nickname.up.sql');
    expect(stylish).toContain('[catalog] services/catalog/db/V2__shorter_names.sql');
  });

  it('init finds the three migration directories and writes one database entry each', () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-monorepo-init-'));
    cpSync(repo, copy, { recursive: true });
    rmSync(path.join(copy, 'migrasafe.config.json'));
    const r = spawnSync(process.execPath, [bin, 'init'], { cwd: copy, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(copy, 'migrasafe.config.json'), 'utf8')) as { databases: Array<{ name: string; paths: string[]; engine?: string; tool?: string }> };
    const entries = Object.fromEntries(written.databases.map((d) => [d.paths[0], d]));
    expect(Object.keys(entries).sort()).toEqual(['db/shared', 'services/billing/migrations', 'services/catalog/db']);
    expect(entries['services/catalog/db']).toMatchObject({ name: 'catalog', tool: 'flyway', engine: 'mysql' });
    expect(entries['services/billing/migrations']).toMatchObject({ name: 'billing', tool: 'golang-migrate' });
    expect(entries['db/shared']).toMatchObject({ name: 'shared', tool: 'golang-migrate' });
    // and the written config lints
    const again = spawnSync(process.execPath, [bin, 'lint', '--format', 'json'], { cwd: copy, encoding: 'utf8' });
    expect([0, 1]).toContain(again.status);
    expect(new Set((JSON.parse(again.stdout) as Result[]).map((x) => x.database))).toEqual(new Set(['billing', 'catalog', 'shared']));
  });
});
