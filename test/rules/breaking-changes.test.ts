import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../src/engines/version.js';
import { firstPhase } from '../../src/rewrites/plans/first-phase.js';
import { planBuilders } from '../../src/rewrites/plans/index.js';
import { batchKey } from '../../src/rules/helpers/backfill.js';
import { Catalog } from '../../src/schema/replay.js';
import { lintSql } from '../helpers/lint-sql.js';

const one = async (sql: string, id: string, opts: Parameters<typeof lintSql>[1] = {}) => {
  const diags = (await lintSql(sql, { only: [id], ...opts })).filter((d) => d.ruleId === id);
  expect(diags, JSON.stringify(diags.map((d) => d.message))).toHaveLength(1);
  return diags[0];
};

describe('rename-column', () => {
  it('names both columns and spells out the seven deploys with the user names', async () => {
    const d = await one('ALTER TABLE users RENAME COLUMN email TO email_address;', 'rename-column');
    expect(d.message).toContain('`users`.email to email_address');
    expect(d.message).toContain('ERROR: column "email" does not exist');
    expect(d.planCommand).toBe('migrasafe plan rename-column users.email email_address');
    const sql = d.suggestions![0].sql;
    const steps = sql.split('\n').filter((l) => /^-- \d\. /.test(l));
    expect(steps).toHaveLength(7);
    expect(sql).toContain('ALTER TABLE users ADD COLUMN email_address <type of email>;');
    expect(sql).toContain('CREATE TRIGGER users_email_sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_email_sync();');
    expect(sql).toContain('migrasafe plan backfill users --set "email_address = email"');
    expect(sql).toContain('SELECT count(*) FROM users WHERE email_address IS DISTINCT FROM email;');
    expect(sql).toContain('ALTER TABLE users DROP COLUMN email;');
    // each step after the expand comes in order
    const order = ['ADD COLUMN', 'CREATE TRIGGER', 'plan backfill', 'reads email_address', 'SELECT count(*)', 'DROP TRIGGER', 'DROP COLUMN'].map((s) => sql.indexOf(s));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('uses EXECUTE PROCEDURE in the sync trigger on PostgreSQL 10', async () => {
    const d = await one("ALTER TABLE users RENAME COLUMN email TO email_address;", 'rename-column', { version: '10' });
    expect(d.suggestions![0].sql).toContain('EXECUTE PROCEDURE users_email_sync()');
  });

  it('quotes mixed-case names', async () => {
    const d = await one('ALTER TABLE "Document" RENAME COLUMN "documentDataId" TO "dataId";', 'rename-column');
    expect(d.suggestions![0].sql).toContain('ALTER TABLE "Document" ADD COLUMN "dataId"');
    expect(d.planCommand).toBe('migrasafe plan rename-column Document.documentDataId dataId');
  });

  it('is not reported for a column added earlier in the same file', async () => {
    const diags = await lintSql('ALTER TABLE users ADD COLUMN nick text;\nALTER TABLE users RENAME COLUMN nick TO nickname;', { only: ['rename-column'] });
    expect(diags).toEqual([]);
  });
});

describe('rename-column first migration on MySQL', () => {
  const history = 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(320) NOT NULL);';
  it('adds the new column with ALGORITHM=INSTANT on 8.0.12+, INPLACE with LOCK=NONE before', async () => {
    const d8 = await one('ALTER TABLE users RENAME COLUMN email TO email_address;', 'rename-column', { engine: 'mysql', version: '8.0.36', history });
    expect(d8.suggestions![0].sql).toContain('ALTER TABLE users ADD COLUMN email_address varchar(320) NULL, ALGORITHM=INSTANT;');
    // (5.7 has no RENAME COLUMN: the plan's first migration as the linter builds it for that version)
    const facts = { users: { pk: 'id', pkType: 'bigint', columns: new Map([['email', { name: 'email', type: 'varchar(320)' }]]) } };
    const first = firstPhase({ kind: 'rename-column', args: ['users.email', 'email_address'], engine: 'mysql', version: parseVersion('5.7')!, facts }, planBuilders['rename-column']);
    expect(first!.sql).toContain('ALTER TABLE users ADD COLUMN email_address varchar(320) NULL, ALGORITHM=INPLACE, LOCK=NONE;');
  });
});

describe('rename-table', () => {
  it('suggests rename plus an updatable view, then dropping the view later', async () => {
    const d = await one('ALTER TABLE accounts RENAME TO customers;', 'rename-table');
    expect(d.message).toContain('`accounts` to customers');
    expect(d.message).toContain('ERROR: relation "accounts" does not exist');
    // The plan's first migration, in one transaction so no query misses the old name.
    expect(d.suggestions![0].sql).toContain('BEGIN;\nALTER TABLE accounts RENAME TO customers;\nCREATE VIEW accounts AS SELECT * FROM customers;\nCOMMIT;');
    const sql = d.suggestions![1].sql;
    expect(sql).toContain('ALTER TABLE accounts RENAME TO customers;\n-- a simple view is updatable');
    expect(sql).toContain('CREATE VIEW accounts AS SELECT * FROM customers;');
    expect(sql.indexOf('CREATE VIEW')).toBeLessThan(sql.indexOf('DROP VIEW accounts;'));
    expect(d.planCommand).toBe('migrasafe plan rename-table accounts customers');
  });

  it('keeps the schema of a qualified table on the new name', async () => {
    const d = await one('ALTER TABLE billing.invoice RENAME TO invoices;', 'rename-table');
    expect(d.suggestions![1].sql).toContain('CREATE VIEW billing.invoice AS SELECT * FROM billing.invoices;');
  });

  it('accepts the rename when the same transaction keeps the old name as a view, not when it is later or outside', async () => {
    const view = 'ALTER TABLE accounts RENAME TO customers;\nCREATE VIEW accounts AS SELECT * FROM customers;';
    expect(await lintSql(`BEGIN;\n${view}\nCOMMIT;`, { only: ['rename-table'] })).toEqual([]);
    expect(await lintSql(view, { only: ['rename-table'] })).toHaveLength(1);
    expect(await lintSql(`BEGIN;\n${view.replace(';\n', ';\nCOMMIT;\nBEGIN;\n')}\nCOMMIT;`, { only: ['rename-table'] })).toHaveLength(1);
    expect(await lintSql('RENAME TABLE accounts TO customers;\nCREATE VIEW accounts AS SELECT * FROM customers;', { only: ['rename-table'], engine: 'mysql' })).toEqual([]);
  });
});

describe('MySQL wording in the breaking-change rules', () => {
  it('rename-table quotes the MySQL error, not PostgreSQL\'s', async () => {
    const d = await one('RENAME TABLE accounts TO customers;', 'rename-table', { engine: 'mysql' });
    expect(d.message).toContain("ERROR 1146 (42S02): Table '<database>.accounts' doesn't exist");
    expect(d.message).not.toMatch(/relation/);
  });

  it('rename-column quotes the MySQL error', async () => {
    const d = await one('ALTER TABLE users RENAME COLUMN email TO email_address;', 'rename-column', { engine: 'mysql' });
    expect(d.message).toContain("ERROR 1054 (42S22): Unknown column 'email' in 'field list'");
  });

  it('rename-column reports MySQL CHANGE old new <definition>, with the new type in the expand step', async () => {
    const d = await one('ALTER TABLE tokens CHANGE `request_id` `flow_id` CHAR(36) NOT NULL;', 'rename-column', { engine: 'mysql', history: 'CREATE TABLE tokens (id INT PRIMARY KEY, request_id CHAR(36) NOT NULL);' });
    expect(d.message).toContain('`tokens`.request_id to flow_id');
    expect(d.suggestions![0].sql).toContain('ALTER TABLE tokens ADD COLUMN flow_id CHAR(36)');
    expect(d.planCommand).toBe('migrasafe plan rename-column tokens.request_id flow_id');
  });

  it('drop-table suggests mysqldump on MySQL and pg_dump on PostgreSQL', async () => {
    const my = await one('DROP TABLE old_tokens;', 'drop-table', { engine: 'mysql' });
    expect(my.suggestions![0].sql).toContain('-- mysqldump --single-transaction <database> old_tokens > old_tokens.sql');
    expect(my.suggestions![0].sql).not.toContain('pg_dump');
    const pg = await one('DROP TABLE old_tokens;', 'drop-table');
    expect(pg.suggestions![0].sql).toContain('-- pg_dump --table=old_tokens');
    expect(pg.suggestions![0].sql).not.toContain('mysqldump');
  });
});

describe('drop-table', () => {
  it('reports only the existing tables of a multi-table drop and mentions CASCADE', async () => {
    const d = await one('CREATE TABLE staging (id int);\nDROP TABLE staging, old_tokens CASCADE;', 'drop-table');
    expect(d.message).toContain('`old_tokens`');
    expect(d.message).not.toContain('`staging`');
    expect(d.message).toContain('CASCADE also drops');
    const sql = d.suggestions![0].sql;
    expect(sql).toContain("FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = 'old_tokens'");
    expect(sql).toContain('ALTER TABLE old_tokens RENAME TO old_tokens_deprecated;');
    expect(sql).toContain('DROP TABLE old_tokens_deprecated;');
    expect(d.planCommand).toBeUndefined(); // no plan kind for a drop: the suggestion is the sequence
  });
});

describe('drop-column', () => {
  it('spells out the contract sequence with the user names', async () => {
    const d = await one('ALTER TABLE users DROP COLUMN legacy_flag;', 'drop-column');
    const sql = d.suggestions![0].sql;
    expect(sql).toContain('-- 1. Deploy code that no longer reads or writes legacy_flag');
    expect(sql).toContain('CREATE TABLE users_legacy_flag_backup AS SELECT <primary key>, legacy_flag FROM users;');
    expect(sql).toContain('ALTER TABLE users DROP COLUMN legacy_flag;');
    expect(d.planCommand).toBeUndefined();
  });
});

describe('drop-not-null', () => {
  it('orders the deploys: NULL-safe readers, then the migration, then writers of NULL', async () => {
    const d = await one('ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;', 'drop-not-null');
    expect(d.level).toBe('warn');
    expect(d.message).toContain('`users`.phone');
    const sql = d.suggestions![0].sql;
    const readers = sql.indexOf('readers handle NULL in phone');
    const alter = sql.indexOf('ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;');
    const writers = sql.indexOf('may write NULL into phone');
    expect(readers).toBeGreaterThan(0);
    expect(alter).toBeGreaterThan(readers);
    expect(writers).toBeGreaterThan(alter);
  });
});

describe('unbatched-backfill', () => {
  it('gives the backfill plan\'s resumable batched loop by primary-key range, with pause and replication-lag guard', async () => {
    const d = await one('UPDATE users SET locale = \'en\' WHERE locale IS NULL;', 'unbatched-backfill');
    expect(d.message).toContain("UPDATE of `users` (WHERE locale IS NULL)");
    expect(d.message).toContain('batches of 10000-100000 rows by id range');
    const sg = d.suggestions![0];
    expect(sg.sql).toContain("done AS (UPDATE users SET locale = 'en' WHERE id >= (SELECT lo FROM p) AND ((SELECT hi FROM h) IS NULL OR id < (SELECT hi FROM h)) AND (locale IS NULL) RETURNING 1)");
    expect(sg.sql).toContain('COMMIT;');
    expect(sg.sql).toContain('pg_sleep(0.1)');
    expect(sg.sql).toContain('FROM pg_stat_replication');
    expect(sg.edits).toEqual([{ range: { start: 0, end: 52 }, text: sg.sql }]);
    expect(d.planCommand).toBe('migrasafe plan backfill users --set "locale = \'en\'" --where "locale IS NULL"');
  });

  it('walks the primary key the schema knows', () => {
    const catalog = new Catalog(true);
    catalog.apply({ kind: 'create-table', table: { name: 'accounts' }, columns: [], constraints: [{ type: 'primary-key', columns: ['account_no'], notValid: false }], ifNotExists: false, asSelect: false, partitioned: false, temporary: false, unlogged: false }, 'before');
    expect(batchKey(catalog, { name: 'accounts' })).toEqual({ column: 'account_no', known: true });
    expect(batchKey(catalog, { name: 'other' }).column).toBe('id');
  });

  it('batches by the key the history gives', async () => {
    const d = await one("UPDATE accounts SET plan = 'free';", 'unbatched-backfill', { history: 'CREATE TABLE accounts (account_no bigint PRIMARY KEY, plan text);' });
    expect(d.message).toContain('by account_no range');
    expect(d.suggestions![0].sql).toContain('ORDER BY account_no OFFSET 10000 LIMIT 1');
  });

  it('does not offer the loop in place inside a transaction: it commits per batch', async () => {
    const d = await one('UPDATE users SET locale = \'en\';', 'unbatched-backfill', { toolTransaction: true });
    expect(d.suggestions![0].title).toContain('must run outside a transaction and this file runs in one');
    expect(d.suggestions![0].edits).toEqual([]);
  });

  it('keeps the alias and qualifies the key when the UPDATE joins another table', async () => {
    const d = await one('UPDATE "Team" t SET "orgId" = o.id FROM "Organisation" o WHERE t."ownerId" = o."ownerId";', 'unbatched-backfill');
    expect(d.suggestions![0].sql).toContain('done AS (UPDATE "Team" t SET "orgId" = o.id FROM "Organisation" o WHERE t.id >= (SELECT lo FROM p) AND ((SELECT hi FROM h) IS NULL OR t.id < (SELECT hi FROM h)) AND (t."ownerId" = o."ownerId") RETURNING 1)');
    expect(d.planCommand).toBe('migrasafe plan backfill Team --set "\\"orgId\\" = o.id FROM \\"Organisation\\" o" --where "t.\\"ownerId\\" = o.\\"ownerId\\"" --alias t');
  });

  it('batches a MySQL DELETE with the plan\'s stored procedure (one template for rules and plans)', async () => {
    const d = await one('DELETE FROM sessions WHERE expires_at < NOW();', 'unbatched-backfill', { engine: 'mysql' });
    const sql = d.suggestions![0].sql;
    expect(sql).toContain('WHILE v_finished = 0 DO');
    expect(sql).toContain('DELETE FROM sessions WHERE id >= @ms_lo AND (@ms_hi IS NULL OR id < @ms_hi) AND (expires_at < NOW());');
    expect(sql).toContain('DO SLEEP(0.1);');
    expect(sql).toContain('CALL migrasafe_backfill_sessions_delete();');
    expect(d.planCommand).toBe('migrasafe plan backfill sessions --delete --where "expires_at < NOW()"');
  });

  it('mentions the held locks inside a transaction', async () => {
    const d = await one('BEGIN;\nALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = \'en\';\nCOMMIT;', 'unbatched-backfill');
    expect(d.message).toContain('every lock the migration took before is held until it ends');
  });

  it('does not report a targeted change of one row by key, nor an OR that widens it', async () => {
    expect(await lintSql("UPDATE settings SET value = 'x' WHERE id = 7 AND value IS NULL;", { only: ['unbatched-backfill'] })).toEqual([]);
    expect(await lintSql("UPDATE settings SET value = 'x' WHERE id = 7 OR value IS NULL;", { only: ['unbatched-backfill'] })).toHaveLength(1);
  });
});

describe('mixed-schema-and-data', () => {
  it('counts schema and data statements and reports once, on the first data statement', async () => {
    const sql = "ALTER TABLE users ADD COLUMN locale text;\nCREATE INDEX users_locale_idx ON users (locale);\nUPDATE users SET locale = 'en';\nDELETE FROM sessions;\n";
    const d = await one(sql, 'mixed-schema-and-data');
    expect(d.location.start.line).toBe(3);
    expect(d.level).toBe('warn');
    expect(d.message).toContain('2 schema changes and 2 data changes (UPDATE/DELETE)');
    expect(d.suggestions![0].sql).toContain('-- migration N (schema):\n--   ALTER TABLE users ADD COLUMN locale text');
    expect(d.suggestions![0].sql).toContain("--   UPDATE users SET locale = 'en'");
  });

  it('reports seed INSERTs into a table the migration creates at info level', async () => {
    const d = await one("CREATE TABLE plans (id int PRIMARY KEY, name text);\nINSERT INTO plans VALUES (1, 'free');", 'mixed-schema-and-data');
    expect(d.level).toBe('info');
    expect(d.message).toContain('seed rows for a table it creates');
  });

  it('counts per segment: a schema segment and a data segment are separate migrations', async () => {
    const a = 'ALTER TABLE users ADD COLUMN locale text;\n';
    const b = "UPDATE users SET locale = 'en';\n";
    const sql = a + b;
    const segments = [
      { range: { start: 0, end: a.length }, direction: 'up' as const, toolTransaction: true },
      { range: { start: a.length, end: sql.length }, direction: 'up' as const, toolTransaction: true },
    ];
    expect(await lintSql(sql, { only: ['mixed-schema-and-data'], segments })).toEqual([]);
    expect(await lintSql(sql, { only: ['mixed-schema-and-data'] })).toHaveLength(1);
  });

  it('ignores the down direction', async () => {
    const a = 'ALTER TABLE users ADD COLUMN locale text;\n';
    const b = 'DELETE FROM users;\n';
    const segments = [
      { range: { start: 0, end: a.length }, direction: 'up' as const, toolTransaction: true },
      { range: { start: a.length, end: a.length + b.length }, direction: 'down' as const, toolTransaction: true },
    ];
    expect(await lintSql(a + b, { only: ['mixed-schema-and-data'], segments })).toEqual([]);
  });
});
