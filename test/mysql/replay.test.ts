/**
 * The schema replay on MySQL/MariaDB: statements node-sql-parser rejects but the classifier reads
 * still move the schema forward, and column names match case-insensitively (table names do not).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/types.js';
import { initParser, parseSource } from '../../src/parsers/index.js';
import { Catalog } from '../../src/schema/replay.js';
import { lintSql } from '../helpers/lint-sql.js';

function replay(sql: string, engine: Engine = 'mysql'): Catalog {
  const catalog = new Catalog(true);
  catalog.beginFile(engine);
  for (const st of parseSource(engine, sql).statements) catalog.applyStatement(st, 'before');
  return catalog;
}

beforeAll(async () => {
  await initParser('mysql');
  await initParser('postgres');
});

describe('MySQL replay of statements node-sql-parser rejects', () => {
  // kratos 20191100000008000000: `bool` and `VARCHAR (32)` make node-sql-parser stop; the classifier reads it.
  const create = 'CREATE TABLE `identity_verifiable_addresses` (\n`id` char(36) NOT NULL,\nPRIMARY KEY(`id`),\n`code` VARCHAR (32) NOT NULL,\n`verified` bool NOT NULL\n) ENGINE=InnoDB;';

  it('records the columns of a CREATE TABLE read by the classifier', () => {
    const parsed = parseSource('mysql', create).statements[0];
    expect(parsed.kind).toBe('unparsed');
    expect(parsed.error?.recovered).toBe(true);
    const c = replay(create);
    expect(c.column({ name: 'identity_verifiable_addresses' }, 'code')).toMatchObject({ type: { name: 'varchar', modifiers: [32] }, notNull: true });
    expect(c.gapsInFile).toBe(0);
  });

  it('compares a later MODIFY ... BINARY with that definition (no "previous definition unknown")', async () => {
    const diags = (await lintSql('ALTER TABLE identity_verifiable_addresses MODIFY COLUMN code VARCHAR(255) BINARY;', { engine: 'mysql', only: ['mysql-table-copy'], history: create })).filter((d) => d.ruleId);
    expect(diags).toHaveLength(1);
    expect(diags[0].message).not.toContain('previous definition unknown');
    expect(diags[0].message).toContain('VARCHAR (32) to VARCHAR(255) BINARY across the 255-byte boundary');
  });

  it('still opens a gap for a statement nobody could read', () => {
    const c = replay('FROBNICATE CREATE TABLE users (x int);');
    expect(parseSource('mysql', 'FROBNICATE CREATE TABLE users (x int);').statements[0].statementType).toBe('unknown');
    expect(c.gapsInFile).toBe(1);
  });
});

describe('MySQL column names are case-insensitive', () => {
  const history = 'CREATE TABLE users (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(40) NULL, Nick VARCHAR(20) NOT NULL);';

  it('finds `email` when a statement writes `Email`', () => {
    const c = replay(history);
    expect(c.column({ name: 'users' }, 'Email')?.type?.modifiers).toEqual([40]);
    expect(c.column({ name: 'users' }, 'NICK')?.notNull).toBe(true);
    expect(c.columnExists({ name: 'users' }, 'EMAIL')).toBe('exists');
  });

  it('MODIFY Email ... NOT NULL is compared with `email` (set-not-null fires, no unknown definition)', async () => {
    const diags = (await lintSql('ALTER TABLE users MODIFY Email VARCHAR(40) NOT NULL;', { engine: 'mysql', only: ['set-not-null', 'mysql-table-copy', 'mysql-table-rebuild'], history })).filter((d) => d.ruleId);
    expect(diags.map((d) => d.ruleId).sort()).toEqual(['mysql-table-rebuild', 'set-not-null']);
  });

  it('replays DROP / MODIFY / RENAME written in another case', () => {
    const c = replay(`${history}\nALTER TABLE users MODIFY EMAIL VARCHAR(100) NOT NULL;\nALTER TABLE users RENAME COLUMN nick TO handle;`);
    expect(c.column({ name: 'users' }, 'email')?.type?.modifiers).toEqual([100]);
    expect([...c.table({ name: 'users' })!.columns.keys()].filter((k) => k.toLowerCase() === 'email')).toHaveLength(1);
    expect(c.column({ name: 'users' }, 'handle')).toBeDefined();
    expect(c.column({ name: 'users' }, 'Nick')).toBeUndefined();
    const dropped = replay(`${history}\nALTER TABLE users DROP COLUMN EMAIL;`);
    expect(dropped.column({ name: 'users' }, 'email')).toBeUndefined();
  });

  it('a primary key written in another case makes the column NOT NULL', () => {
    const c = replay('CREATE TABLE t (ID INT, name VARCHAR(10), PRIMARY KEY (id));');
    expect(c.column({ name: 't' }, 'id')?.notNull).toBe(true);
  });

  it('table names stay case-sensitive (lower_case_table_names=0, the Linux default)', () => {
    const c = replay(history);
    expect(c.table({ name: 'Users' })).toBeUndefined();
  });

  it('PostgreSQL keeps quoted column names case-sensitive', () => {
    const c = replay('CREATE TABLE users (email text, "Email" text);', 'postgres');
    expect(c.column({ name: 'users' }, 'Email')).not.toBe(c.column({ name: 'users' }, 'email'));
    expect(replay('CREATE TABLE t (email text);', 'postgres').column({ name: 't' }, 'EMAIL')).toBeUndefined();
  });
});
