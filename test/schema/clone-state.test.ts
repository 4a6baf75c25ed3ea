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
});
