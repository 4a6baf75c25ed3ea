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

describe('MySQL table character sets', () => {
  it('records CREATE TABLE ... DEFAULT CHARSET / CHARACTER SET / COLLATE and column CHARACTER SET / COLLATE', () => {
    const c = replay([
      'CREATE TABLE a (x VARCHAR(10)) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_bin;',
      'CREATE TABLE b (x VARCHAR(10) COLLATE utf8mb4_bin, y VARCHAR(10) CHARACTER SET utf8) CHARACTER SET = utf8mb4;',
      'CREATE TABLE c (x VARCHAR(10)) COLLATE latin2_general_ci;',
      'CREATE TABLE d (x VARCHAR(10));',
    ].join('\n'));
    expect(c.table({ name: 'a' })?.charset).toBe('latin1');
    expect(c.table({ name: 'b' })?.charset).toBe('utf8mb4');
    expect(c.column({ name: 'b' }, 'x')?.charset).toBe('utf8mb4');
    expect(c.column({ name: 'b' }, 'y')?.charset).toBe('utf8mb3');
    expect(c.table({ name: 'c' })?.charset).toBe('latin2');
    expect(c.table({ name: 'd' })?.charset).toBeUndefined();
  });

  it('ALTER TABLE DEFAULT CHARACTER SET changes the default only; CONVERT TO converts the columns too', () => {
    const history = 'CREATE TABLE a (x VARCHAR(10), n INT) DEFAULT CHARSET=utf8mb4;';
    const def = replay(`${history}\nALTER TABLE a DEFAULT CHARACTER SET latin1;`);
    expect(def.table({ name: 'a' })?.charset).toBe('latin1');
    expect(def.column({ name: 'a' }, 'x')?.charset).toBeUndefined();
    const conv = replay(`${history}\nALTER TABLE a CONVERT TO CHARACTER SET latin1 COLLATE latin1_swedish_ci;\nALTER TABLE a DEFAULT CHARSET=utf8mb4;`);
    expect(conv.column({ name: 'a' }, 'x')?.charset).toBe('latin1');
    expect(conv.column({ name: 'a' }, 'n')?.charset).toBeUndefined();
    expect(conv.table({ name: 'a' })?.charset).toBe('utf8mb4');
  });

  it('names the charset it assumed in the message: table default, or the server default of the version', async () => {
    const latin1 = (await lintSql('ALTER TABLE a MODIFY x VARCHAR(100);', { engine: 'mysql', only: ['mysql-table-copy', 'mysql-require-algorithm'], history: 'CREATE TABLE a (x VARCHAR(60)) DEFAULT CHARSET=latin1;' })).filter((d) => d.ruleId);
    expect(latin1.map((d) => d.ruleId)).toEqual(['mysql-require-algorithm']);
    const at80 = (await lintSql('ALTER TABLE a MODIFY x VARCHAR(100);', { engine: 'mysql', version: '8.0.36', only: ['mysql-table-copy'], history: 'CREATE TABLE a (x VARCHAR(60));' })).filter((d) => d.ruleId);
    expect(at80[0].message).toContain('utf8mb4 from the MySQL 8.0.36 server default (utf8mb4): 4 bytes per character');
    const at57 = (await lintSql('ALTER TABLE a MODIFY x VARCHAR(100);', { engine: 'mysql', version: '5.7', only: ['mysql-table-copy'], history: 'CREATE TABLE a (x VARCHAR(60));' })).filter((d) => d.ruleId);
    expect(at57).toEqual([]);
  });
});

describe('MySQL inline keys', () => {
  it('records `id INT PRIMARY KEY` and `code ... UNIQUE` as the PRIMARY key and a unique index named after the column', () => {
    const c = replay('CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(10) UNIQUE, n INT);');
    expect(c.constraint({ name: 't' }, 'PRIMARY')).toMatchObject({ type: 'primary-key', columns: ['id'] });
    expect(c.constraint({ name: 't' }, 'code')).toMatchObject({ type: 'unique', columns: ['code'] });
    expect(c.column({ name: 't' }, 'id')?.notNull).toBe(true);
  });
});
