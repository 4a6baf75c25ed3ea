import { beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/schema/replay.js';
import { parseSource } from '../../src/parsers/index.js';
import { initPostgresParser } from '../../src/parsers/postgres/parse.js';

const HISTORY = `
CREATE TYPE mood AS ENUM ('ok');
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, m mood, team_id bigint REFERENCES teams (id), CHECK (email <> ''));
CREATE UNIQUE INDEX users_email ON users (email);
CREATE VIEW active_users AS SELECT id FROM users;
CREATE SEQUENCE s;
`;
const CHANGES = `
ALTER TABLE users ADD COLUMN name text;
ALTER TABLE users RENAME COLUMN email TO mail;
ALTER TABLE users ALTER COLUMN m TYPE text;
ALTER TABLE users ALTER COLUMN mail DROP NOT NULL;
ALTER TYPE mood ADD VALUE 'sad';
DROP INDEX users_email;
DROP VIEW active_users;
CREATE SCHEMA app;
SET search_path = app;
CREATE TABLE t2 (id int);
DROP TABLE teams CASCADE;
`;

// Statements that change objects in place: renames that move indexes and constraints, schema moves,
// enum values, identity, validation, and a view renamed through ALTER TABLE.
const IN_PLACE = [
  `ALTER TABLE users ADD CONSTRAINT users_team_ok CHECK (team_id > 0) NOT VALID;
   ALTER TABLE users VALIDATE CONSTRAINT users_team_ok;`,
  `ALTER INDEX users_email RENAME TO users_email_key;
   ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk;`,
  `ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';
   ALTER TABLE users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
   ALTER TABLE active_users RENAME TO people_view;`,
  `CREATE SCHEMA archive;
   ALTER TABLE users RENAME TO people;
   ALTER TABLE people SET SCHEMA archive;
   ALTER TABLE archive.people RENAME COLUMN team_id TO squad_id;`,
];

function apply(c: Catalog, sql: string): void {
  for (const st of parseSource('postgres', sql).statements) c.applyStatement(st, 'before');
}

describe('Catalog.clone', () => {
  beforeAll(() => initPostgresParser());

  it('copies the whole state (equal to structuredClone of it)', () => {
    const catalog = new Catalog(true);
    apply(catalog, HISTORY);
    expect(catalog.clone().state).toEqual(structuredClone(catalog.state));
  });

  it('shares the maps and sets until one side changes one; neither then sees the other\'s changes', () => {
    // Every kind of container: sequences, types, schemas, indexes, functions whose bodies do DDL, gap names.
    const MORE = `
      CREATE SEQUENCE s2; DROP SEQUENCE s; CREATE TYPE pair AS (a int, b int); CREATE SCHEMA extra;
      CREATE INDEX users_id2 ON users (id);
      CREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'CREATE TABLE made (id int)'; END $$;
      DO $$ BEGIN ALTER TABLE users ADD COLUMN z int; END $$;`;
    const original = new Catalog(true);
    apply(original, HISTORY);
    const pristine = structuredClone(original.state);
    const copy = original.clone();
    for (const k of ['tables', 'indexes', 'sequences', 'functions', 'gapNames'] as const) expect(copy.state[k]).toBe(original.state[k]);
    apply(copy, MORE);
    expect(original.state).toEqual(pristine);
    expect(copy.state.sequences.has('public.s2') && !copy.state.sequences.has('public.s')).toBe(true);
    expect(copy.state.functions.has('mk')).toBe(true);
    expect(copy.state.gapNames.has('users')).toBe(true);
    expect(copy.state.indexes.has('public.users_id2')).toBe(true);
    // The other way round: the original changes, a copy taken before does not see it.
    const before = original.clone();
    apply(original, MORE);
    expect(before.state).toEqual(pristine);
    expect(original.state).toEqual(copy.state);
  });

  it('a copy and its original do not see each other\'s later changes, in either direction', () => {
    const original = new Catalog(true);
    apply(original, HISTORY);
    const pristine = structuredClone(original.state);

    const copy = original.clone();
    apply(copy, CHANGES);
    copy.relabel('before', 'release');
    expect(copy.state).not.toEqual(pristine);
    expect(original.state).toEqual(pristine);

    const copy2 = original.clone();
    apply(original, CHANGES);
    original.relabel('before', 'release');
    expect(copy2.state).toEqual(pristine);
  });

  it('copies of copies stay independent while each goes on changing objects in place (copy-on-write)', () => {
    const first = new Catalog(true);
    apply(first, HISTORY);
    const chain = [first];
    const snapshots = [structuredClone(first.state)];
    for (const sql of IN_PLACE) {
      const next = chain[chain.length - 1].clone();
      apply(next, sql);
      next.relabel('before', 'file');
      chain.push(next);
      snapshots.push(structuredClone(next.state));
    }
    // Each catalog changed after copies were taken from it: none of the copies may see it.
    for (const [k, c] of chain.entries()) {
      expect(c.state).toEqual(snapshots[k]);
      apply(c, IN_PLACE[k] ?? CHANGES);
    }
    expect(snapshots[4].tables.get('archive.people')?.columns.has('squad_id')).toBe(true);
    expect(snapshots[0].tables.get('public.users')?.constraints.has('users_pkey')).toBe(true);
    expect(snapshots[2].indexes.get('public.users_email_key')?.name).toBe('users_email_key');
    expect(snapshots[3].enums.get('public.mood')?.values).toEqual(['fine']);
    // ...while each did change: the first catalog now has the constraint its copy added first.
    expect(first.state.tables.get('public.users')?.constraints.has('users_team_ok')).toBe(true);
  });

  it('seeds a column on a copy without touching the original', () => {
    const original = new Catalog(true);
    apply(original, HISTORY);
    const pristine = structuredClone(original.state);
    const copy = original.clone();
    expect(copy.seedColumn({ name: 'users' }, 'legacy')).toBe(true);
    expect(copy.seedColumn({ name: 'users' }, 'legacy')).toBe(false);
    expect(copy.seedColumn({ name: 'ghosts' }, undefined)).toBe(false);
    expect(copy.column({ name: 'users' }, 'legacy')).toMatchObject({ notNull: false, origin: 'before' });
    expect(copy.table({ name: 'ghosts' })?.placeholder).toBe(true);
    expect(original.state).toEqual(pristine);
  });
});
