import { beforeAll, describe, expect, it } from 'vitest';
import { checkRevert } from '../../src/rules/helpers/revert-check.js';
import { parseSource } from '../../src/parsers/index.js';
import { initPostgresParser } from '../../src/parsers/postgres/parse.js';
import { Catalog } from '../../src/schema/replay.js';

const statements = (sql: string) => parseSource('postgres', sql).statements;

describe('checkRevert and the schema it is given', () => {
  beforeAll(() => initPostgresParser());

  it('never changes the schema before the up, whether or not it has to seed unknown tables and columns', () => {
    const before = new Catalog(false);
    for (const st of statements('CREATE TABLE users (id bigint PRIMARY KEY, email text);')) before.applyStatement(st, 'before');
    const pristine = structuredClone(before.state);

    // Seeding needed: accounts and users.name are not in the history.
    const up = statements('ALTER TABLE accounts DROP COLUMN legacy; ALTER TABLE users DROP COLUMN name;');
    expect(checkRevert(before, up, [statements('ALTER TABLE accounts ADD COLUMN legacy text; ALTER TABLE users ADD COLUMN name text;')], 'postgres').kind).toBe('reverts');
    expect(before.state).toEqual(pristine);
    // users.email is known: a down that does not bring it back differs.
    const upWithKnown = statements('ALTER TABLE accounts DROP COLUMN legacy; ALTER TABLE users DROP COLUMN email;');
    const partial = checkRevert(before, upWithKnown, [statements('ALTER TABLE accounts ADD COLUMN legacy text;')], 'postgres');
    expect(before.state).toEqual(pristine);
    expect(partial.kind === 'differs' ? partial.differences.map((d) => d.message).join('\n') : partial.kind).toMatch(/email/);

    // Nothing to seed: the down reverts the up exactly.
    const verdict = checkRevert(before, statements('ALTER TABLE users ADD COLUMN name text;'), [statements('ALTER TABLE users DROP COLUMN name;')], 'postgres');
    expect(verdict.kind).toBe('reverts');
    expect(before.state).toEqual(pristine);
  });
});
