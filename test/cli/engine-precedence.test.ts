import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { HistoryCache } from '../../src/lint/history-context.js';

const fixture = path.join(import.meta.dirname, '../../fixtures/projects/prisma-mysql');
const HAND_WRITTEN = 'prisma/migrations/20240301100000_index_account_name/migration.sql';
type JsonResult = Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; message: string }> }>;

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-prisma-mysql-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function rules(dir: string, args: string[]) {
  const r = await runCli(['lint', '--format', 'json', ...args], { cwd: dir });
  const results = JSON.parse(r.stdout) as JsonResult;
  return { byFile: Object.fromEntries(results.map((f) => [path.relative(dir, f.filePath).split(path.sep).join('/'), f.messages.map((m) => m.ruleId)])), stderr: r.stderr };
}

describe('engine precedence: --engine > config > the tool configuration > SQL syntax > postgres', () => {
  it('a Prisma project with provider "mysql" is linted as MySQL without any config, and --verbose says why', async () => {
    const { byFile, stderr } = await rules(project(), ['--verbose']);
    // MySQL findings (the MODIFY copies the table), and no parse errors on the backticks
    expect(byFile['prisma/migrations/20240320083000_shorten_account_name/migration.sql']).toContain('mysql-table-copy');
    expect(Object.values(byFile).flat()).not.toContain(null);
    // the hand-written index has no MySQL syntax: the provider decides (no PostgreSQL CONCURRENTLY advice)
    expect(byFile[HAND_WRITTEN]).not.toContain('require-concurrent-index');
    expect(stderr).toMatch(/prisma\/migrations: prisma, engine mysql, 4 migrations .*engine from the tool configuration\]/);
    // no PostgreSQL transaction story for a MySQL set: DDL commits implicitly there
    expect(stderr).toContain('each DDL statement commits implicitly on MySQL/MariaDB');
    expect(stderr).not.toContain('implicit transaction when it has several statements');
  });

  it('one file alone (a pre-commit hook run) is MySQL too, although its SQL is neutral', async () => {
    const { byFile } = await rules(project(), [HAND_WRITTEN]);
    expect(byFile[HAND_WRITTEN]).toEqual(['require-lock-timeout']);
  });

  it('--engine postgres wins: the same project is read as PostgreSQL', async () => {
    const { byFile } = await rules(project(), ['--engine', 'postgres', '--verbose']);
    expect(byFile[HAND_WRITTEN]).toContain('require-concurrent-index');
    // Prisma's MySQL backticks do not parse as PostgreSQL
    expect(byFile['prisma/migrations/20240110090000_init/migration.sql']).toEqual([null]);
  });

  it('the config wins over the tool: top level and databases entry', async () => {
    const top = project();
    writeFileSync(path.join(top, 'migrasafe.config.json'), '{ "engine": "postgres" }');
    const r1 = await rules(top, [HAND_WRITTEN, '--verbose']);
    expect(r1.byFile[HAND_WRITTEN]).toContain('require-concurrent-index');
    expect(r1.stderr).toContain('engine from config; the tool configuration says mysql]');
    const entry = project();
    writeFileSync(path.join(entry, 'migrasafe.config.json'), JSON.stringify({ databases: [{ name: 'app', paths: ['prisma/migrations'], engine: 'postgres' }] }));
    expect((await rules(entry, [HAND_WRITTEN])).byFile[HAND_WRITTEN]).toContain('require-concurrent-index');
  });

  it('the tool wins over SQL syntax: provider "postgresql" keeps a backticked file PostgreSQL', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'prisma/migrations/migration_lock.toml'), 'provider = "postgresql"\n');
    const { byFile } = await rules(dir, ['prisma/migrations/20240110090000_init/migration.sql']);
    expect(byFile['prisma/migrations/20240110090000_init/migration.sql']).toEqual([null]);
  });

  it('schema.prisma alone (no migration_lock.toml) names the engine', async () => {
    const dir = project();
    rmSync(path.join(dir, 'prisma/migrations/migration_lock.toml'));
    expect((await rules(dir, [HAND_WRITTEN])).byFile[HAND_WRITTEN]).toEqual(['require-lock-timeout']);
  });

  it('SQL syntax decides when no tool names an engine; postgres otherwise', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-plain-'));
    writeFileSync(path.join(dir, '001_accounts.sql'), 'ALTER TABLE `accounts` MODIFY `name` VARCHAR(100) NULL;\n');
    writeFileSync(path.join(dir, '002_index.sql'), 'CREATE INDEX accounts_name_idx ON accounts (name);\n');
    const mysql = await rules(dir, ['001_accounts.sql', '--verbose']);
    expect(mysql.byFile['001_accounts.sql']).toContain('mysql-table-copy');
    expect(mysql.stderr).toContain('engine from MySQL syntax in the SQL]');
    const pg = await rules(dir, ['002_index.sql', '--verbose']);
    expect(pg.byFile['002_index.sql']).toContain('require-concurrent-index');
    expect(pg.stderr).toContain('engine postgres');
    expect(pg.stderr).toContain('engine from default]');
  });

  it('the editor and pre-commit history (HistoryCache) also take the provider', () => {
    const dir = project();
    const cache = new HistoryCache({ lint: { cwd: dir }, disk: 'stat' });
    const { config } = cache.contextFor(path.join(dir, HAND_WRITTEN));
    expect(config.engine).toBe('mysql');
    expect(config.engineFrom).toBe('tool');
    const forced = new HistoryCache({ lint: { cwd: dir, overrides: { engine: 'postgres' } }, disk: 'stat' }).contextFor(path.join(dir, HAND_WRITTEN)).config;
    expect(forced.engine).toBe('postgres');
    expect(forced.engineFrom).toBe('cli');
  });
});
