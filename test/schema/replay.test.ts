import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseSource } from '../../src/parsers/index.js';
import type { Origin } from '../../src/schema/catalog.js';
import { Catalog } from '../../src/schema/replay.js';
import { makeObjectName } from '../../src/schema/names.js';

/** Replays migration files (one string each) in order, as the lint orchestrator does. */
function replay(files: string[], origins: Origin[] = [], catalog = new Catalog(true)): Catalog {
  files.forEach((sql, i) => {
    catalog.beginFile();
    for (const st of parseSource('postgres', sql).statements) catalog.applyStatement(st, origins[i] ?? 'before');
  });
  return catalog;
}

beforeAll(() => initParser('postgres'));

describe('schema replay', () => {
  it('records column types with modifiers, nullability, defaults, identity and generated columns', () => {
    const c = replay([
      `CREATE TABLE items (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         sku varchar(64) NOT NULL,
         price numeric(10, 2) DEFAULT 0,
         tags text[],
         total numeric GENERATED ALWAYS AS (price * 2) STORED,
         legacy serial
       );`,
    ]);
    expect(c.column({ name: 'items' }, 'sku')).toMatchObject({ type: { name: 'varchar', modifiers: [64] }, notNull: true, hasDefault: false });
    expect(c.column({ name: 'items' }, 'price')).toMatchObject({ type: { name: 'numeric', modifiers: [10, 2] }, notNull: false, hasDefault: true, default: '0' });
    expect(c.column({ name: 'items' }, 'tags')?.type).toMatchObject({ name: 'text', arrayDims: 1 });
    expect(c.column({ name: 'items' }, 'id')).toMatchObject({ identity: true, notNull: true });
    expect(c.column({ name: 'items' }, 'total')?.generated).toBe('stored');
    expect(c.column({ name: 'items' }, 'legacy')).toMatchObject({ identity: true, hasDefault: true, type: { name: 'int4' } });
  });

  it('knows the type a later file changed a column to (for change-column-type)', () => {
    const c = replay([
      'CREATE TABLE users (id int PRIMARY KEY, name varchar(50));',
      'ALTER TABLE users ALTER COLUMN name TYPE varchar(200);',
      'ALTER TABLE users ALTER COLUMN id TYPE bigint;',
    ]);
    expect(c.column({ name: 'users' }, 'name')?.type).toMatchObject({ name: 'varchar', modifiers: [200] });
    expect(c.column({ name: 'users' }, 'id')?.type?.name).toBe('int8');
  });

  it('follows table, column, index and constraint renames', () => {
    const c = replay([
      'CREATE TABLE accounts (id int PRIMARY KEY, email text UNIQUE);',
      'CREATE INDEX accounts_email_lower ON accounts (email);',
      'ALTER TABLE accounts RENAME TO users;',
      'ALTER TABLE users RENAME COLUMN email TO email_address;',
      'ALTER INDEX accounts_email_lower RENAME TO users_email_lower;',
      'ALTER TABLE users RENAME CONSTRAINT accounts_email_key TO users_email_key;',
    ]);
    expect(c.table({ name: 'accounts' })).toBeUndefined();
    const users = c.table({ name: 'users' })!;
    expect([...users.columns.keys()]).toEqual(['id', 'email_address']);
    // Renaming a table keeps its constraint names; renaming a constraint renames its index.
    expect([...users.constraints.keys()].sort()).toEqual(['accounts_pkey', 'users_email_key']);
    expect(c.index({ name: 'users_email_key' })).toMatchObject({ unique: true, columns: ['email_address'], constraint: 'users_email_key', table: 'public.users' });
    expect(c.index({ name: 'users_email_lower' })?.columns).toEqual(['email_address']);
    expect(c.index({ name: 'accounts_email_lower' })).toBeUndefined();
    expect(c.indexesOf({ name: 'users' }).map((i) => i.name).sort()).toEqual(['accounts_pkey', 'users_email_key', 'users_email_lower']);
  });

  it('tracks enum types and their values', () => {
    const c = replay([
      "CREATE TYPE status AS ENUM ('draft', 'sent');",
      "ALTER TYPE status ADD VALUE 'paid';",
      "ALTER TYPE status ADD VALUE IF NOT EXISTS 'paid';",
      "ALTER TYPE status RENAME VALUE 'sent' TO 'delivered';",
    ]);
    expect(c.enumType({ name: 'status' })?.values).toEqual(['draft', 'delivered', 'paid']);
    replay(['DROP TYPE status;'], [], c);
    expect(c.enumType({ name: 'status' })).toBeUndefined();
  });

  it('carries NOT VALID constraints until VALIDATE CONSTRAINT in a later file', () => {
    const c = replay([
      'CREATE TABLE orders (id int, customer_id int);',
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_present CHECK (customer_id IS NOT NULL) NOT VALID;',
    ]);
    expect(c.constraint({ name: 'orders' }, 'orders_customer_present')).toMatchObject({ validated: false, checksNotNullOf: 'customer_id' });
    expect(c.hasValidatedNotNullCheck({ name: 'orders' }, 'customer_id')).toBe(false);
    replay(['ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_present;'], [], c);
    expect(c.hasValidatedNotNullCheck({ name: 'orders' }, 'customer_id')).toBe(true);
  });

  it('folds unquoted identifiers and keeps quoted ones as written', () => {
    const c = replay(['CREATE TABLE "User" ("Email" text, Name text);', 'CREATE TABLE Orders (ID int);']);
    expect(c.table({ name: 'User' })).toBeDefined();
    expect(c.table({ name: 'user' })).toBeUndefined();
    expect(c.column({ name: 'User' }, 'Email')).toBeDefined();
    expect(c.column({ name: 'User' }, 'name')).toBeDefined();
    expect(c.table({ name: 'orders' })?.columns.has('id')).toBe(true);
    expect(c.tableExists({ name: 'user' })).toBe('missing');
  });

  it('resolves names through search_path, reset at each file', () => {
    const c = replay(['CREATE SCHEMA app; SET search_path TO app, public; CREATE TABLE jobs (id int); CREATE TABLE public.plain (id int);', 'CREATE TABLE jobs (id int);']);
    expect(c.table({ schema: 'app', name: 'jobs' })).toBeDefined();
    expect(c.table({ schema: 'public', name: 'jobs' })).toBeDefined();
    expect(c.table({ schema: 'app', name: 'plain' })).toBeUndefined();
    expect(c.resolve({ name: 'jobs' }).schema).toBe('public');
    replay(["SELECT pg_catalog.set_config('search_path', 'app', false); ALTER TABLE jobs ADD COLUMN note text;"], [], c);
    expect(c.column({ schema: 'app', name: 'jobs' }, 'note')).toBeDefined();
    expect(c.column({ schema: 'public', name: 'jobs' }, 'note')).toBeUndefined();
  });

  it('names unnamed constraints and indexes the way PostgreSQL does', () => {
    const c = replay([
      `CREATE TABLE line_items (
         id int PRIMARY KEY,
         order_id int REFERENCES orders (id),
         qty int CHECK (qty > 0),
         a int, b int,
         UNIQUE (order_id, a),
         CHECK (a < b),
         FOREIGN KEY (a, b) REFERENCES pairs (x, y)
       );
       CREATE INDEX ON line_items (order_id);
       CREATE INDEX ON line_items (order_id);
       CREATE INDEX ON line_items (lower(a::text));`,
    ]);
    expect([...c.table({ name: 'line_items' })!.constraints.keys()].sort()).toEqual([
      'line_items_a_b_fkey',
      'line_items_check',
      'line_items_order_id_a_key',
      'line_items_order_id_fkey',
      'line_items_pkey',
      'line_items_qty_check',
    ]);
    expect(c.index({ name: 'line_items_order_id_idx' })).toBeDefined();
    expect(c.index({ name: 'line_items_order_id_idx1' })).toBeDefined();
    expect(c.index({ name: 'line_items_expr_idx' })).toBeDefined();
    // Long names are cut to 63 bytes, the longer part first.
    expect(makeObjectName('a'.repeat(40), 'b'.repeat(40), 'fkey')).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
  });

  it('drops indexes and constraints with their column or table', () => {
    const c = replay(['CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE, n int); CREATE INDEX t_n ON t (n, code);', 'ALTER TABLE t DROP COLUMN code;']);
    expect(c.index({ name: 't_n' })).toBeUndefined();
    expect(c.constraint({ name: 't' }, 't_code_key')).toBeUndefined();
    replay(['DROP TABLE t;'], [], c);
    expect(c.index({ name: 't_pkey' })).toBeUndefined();
  });

  it('records where objects came from', () => {
    const c = replay(['CREATE TABLE old (id int);', 'CREATE TABLE shipped_now (id int);', 'CREATE TABLE here (id int); ALTER TABLE old ADD COLUMN x int;'], ['before', 'release', 'file']);
    expect(c.isNewTable({ name: 'old' })).toBe(false);
    expect(c.isNewTable({ name: 'shipped_now' })).toBe(true);
    expect(c.table({ name: 'here' })?.origin).toBe('file');
    expect(c.column({ name: 'old' }, 'x')?.origin).toBe('file');
    c.relabel('file', 'before');
    expect(c.isNewTable({ name: 'here' })).toBe(false);
  });

  it('copies partition parent columns and tracks views', () => {
    const c = replay(['CREATE TABLE m (id int, at date) PARTITION BY RANGE (at); CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\'); CREATE VIEW v AS SELECT 1; CREATE MATERIALIZED VIEW mv AS SELECT 1;']);
    expect([...c.table({ name: 'm_2024' })!.columns.keys()]).toEqual(['id', 'at']);
    expect(c.table({ name: 'm' })?.partitioned).toBe(true);
    expect(c.view({ name: 'mv' })?.materialized).toBe(true);
    expect(c.tableExists({ name: 'v' })).toBe('exists');
  });

  it('leaves the catalog unchanged for code it cannot follow, and stops calling its names missing', () => {
    const c = replay([
      'CREATE TABLE a (id int);',
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN ALTER TABLE a ADD COLUMN flag boolean; CREATE TABLE b (id int); END IF; END $$;",
    ]);
    expect(c.column({ name: 'a' }, 'flag')).toBeUndefined();
    expect(c.columnExists({ name: 'a' }, 'flag')).toBe('unknown');
    expect(c.tableExists({ name: 'b' })).toBe('unknown');
    expect(c.tableExists({ name: 'zzz' })).toBe('missing');
    replay(["CREATE FUNCTION mk(t text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('CREATE TABLE %I (id int)', t); END $$;", "SELECT mk('zzz');"], [], c);
    expect(c.tableExists({ name: 'zzz' })).toBe('unknown');
  });

  it("replays an ALTER TABLE's drops before its other subcommands, as PostgreSQL runs them", () => {
    // Checked on PGlite: both statements succeed and leave the column the ADD defines.
    const c = replay([
      "CREATE TYPE vis AS ENUM ('a', 'b'); CREATE TABLE d (id int, v text NOT NULL, CONSTRAINT d_v_check CHECK (v <> ''));",
      "ALTER TABLE d DROP COLUMN v, ADD COLUMN v vis NOT NULL DEFAULT 'a';",
    ]);
    expect(c.column({ name: 'd' }, 'v')).toMatchObject({ type: { name: 'vis' }, notNull: true, hasDefault: true });
    replay(['ALTER TABLE d ADD COLUMN v text, DROP COLUMN v;'], [], c);
    expect(c.column({ name: 'd' }, 'v')).toMatchObject({ type: { name: 'text' }, notNull: false, hasDefault: false });
    replay(['ALTER TABLE d ADD CONSTRAINT d_id_check CHECK (id > 0);', 'ALTER TABLE d ADD CONSTRAINT d_id_check CHECK (id > 0), DROP CONSTRAINT d_id_check;'], [], c);
    expect(c.table({ name: 'd' })?.constraints.has('d_id_check')).toBe(true);
  });

  it('round-trips through clone without sharing state', () => {
    const c = replay(['CREATE TABLE a (id int);']);
    const copy = c.clone();
    replay(['ALTER TABLE a ADD COLUMN x int;'], [], copy);
    expect(c.column({ name: 'a' }, 'x')).toBeUndefined();
    expect(copy.column({ name: 'a' }, 'x')).toBeDefined();
  });
});
