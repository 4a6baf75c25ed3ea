import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintSql } from '../helpers/lint-sql.js';
import { noRewriteTypeChanges, pgTypeChange } from '../../src/engines/postgres/type-changes.js';
import type { TypeSpec } from '../../src/core/operations.js';

const only = ['change-column-type'];
const ty = (name: string, ...modifiers: number[]): TypeSpec => ({ name, modifiers, arrayDims: 0, text: name });

describe('change-column-type', () => {
  it('knows the no-rewrite changes, per version and TimeZone', () => {
    const v16 = { version: 16, timezoneUtc: false };
    expect(pgTypeChange(ty('varchar', 50), ty('varchar', 100), v16).rewrite).toBe(false);
    expect(pgTypeChange(ty('varchar', 100), ty('varchar', 50), v16).rewrite).toBe(true);
    expect(pgTypeChange(ty('varchar'), ty('varchar', 50), v16).rewrite).toBe(true);
    expect(pgTypeChange(ty('numeric', 10, 2), ty('numeric', 12, 2), v16).rewrite).toBe(false);
    expect(pgTypeChange(ty('numeric', 10, 2), ty('numeric', 12, 3), v16).rewrite).toBe(true);
    expect(pgTypeChange(ty('numeric'), ty('numeric', 12, 2), v16).rewrite).toBe(true);
    expect(pgTypeChange(ty('int4'), ty('int8'), v16).rewrite).toBe(true);
    expect(pgTypeChange(ty('timestamp'), ty('timestamptz'), v16).rewrite).toBe(true);
    expect(pgTypeChange(ty('timestamp'), ty('timestamptz'), { version: 12, timezoneUtc: true }).rewrite).toBe(false);
    expect(pgTypeChange(ty('timestamp'), ty('timestamptz'), { version: 11, timezoneUtc: true }).rewrite).toBe(true);
    expect(pgTypeChange(ty('interval', 32767, 3), ty('interval', 32767, 6), v16).rewrite).toBe(false);
    expect(pgTypeChange(ty('interval', 7176, 3), ty('interval', 32767, 6), v16).rewrite).toBe(true);
  });

  it('lists every no-rewrite change in the docs page', () => {
    const doc = readFileSync(path.join(import.meta.dirname, '../../docs/rules/change-column-type.md'), 'utf8');
    for (const c of noRewriteTypeChanges) expect(doc).toContain(c.description);
  });

  it('names the old type and offers a CHECK for a shorter varchar', async () => {
    const sql = 'ALTER TABLE users ADD COLUMN email varchar(255);\nALTER TABLE users ALTER COLUMN email TYPE varchar(100);';
    const [d] = await lintSql(sql, { only });
    expect(d.message).toContain('TYPE varchar(100) from varchar(255) on `users`');
    expect(d.suggestions?.map((s) => s.title)).toHaveLength(3);
    expect(d.suggestions?.[0].sql).toContain('ALTER TABLE users ADD COLUMN email_new varchar(100);'); // the plan's first migration
    expect(d.suggestions?.[1].sql).toContain('CHECK (char_length(email) <= 100) NOT VALID');
    expect(d.suggestions?.[2].sql).toContain('ALTER TABLE users ADD COLUMN email_new varchar(100);');
  });

  it('keeps a quoted type name as written: Prisma\'s "Role" is not role, and the safe SQL must name it quoted', async () => {
    const sql = [
      `CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'LEGACY');`,
      // An existing table (created before this history): the change rewrites live rows.
      `ALTER TABLE "User" ADD COLUMN role "Role" NOT NULL DEFAULT 'USER';`,
      `CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');`,
      `ALTER TABLE "User" ALTER COLUMN role TYPE "Role_new" USING (role::text::"Role_new");`,
    ].join('\n');
    const [d] = await lintSql(sql, { only });
    expect(d.message).toContain('TYPE "Role_new" from "Role" on `User`');
    expect(d.suggestions?.[0].sql).toContain('ALTER TABLE "User" ADD COLUMN role_new "Role_new";');
  });

  it('honours the sessionTimeZoneUtc option and SET TIME ZONE on 12+', async () => {
    const sql = 'ALTER TABLE t ADD COLUMN at timestamp;\nALTER TABLE t ALTER COLUMN at TYPE timestamptz;';
    const [d] = await lintSql(sql, { only, version: '12' });
    expect(d.suggestions?.[1].sql).toBe("SET TimeZone = 'UTC';\nALTER TABLE t ALTER COLUMN at TYPE timestamptz;\nRESET TimeZone;");
    expect(await lintSql(sql, { only, version: '12', options: { 'change-column-type': { sessionTimeZoneUtc: true } } })).toEqual([]);
    expect(await lintSql(`SET TIME ZONE 'UTC';\n${sql}`, { only, version: '12' })).toEqual([]);
  });

  it('treats a computing USING as a rewrite even for a free type pair', async () => {
    const sql = "ALTER TABLE t ADD COLUMN v varchar(10);\nALTER TABLE t ALTER COLUMN v TYPE varchar(20) USING upper(v);";
    const [d] = await lintSql(sql, { only });
    expect(d.message).toContain('USING expression');
  });

  it('downgrades an unknown old type with a possibly free target to a warning', async () => {
    const [d] = await lintSql('ALTER TABLE users ALTER COLUMN email TYPE text;', { only });
    expect(d.level).toBe('warn');
    expect(d.message).toContain('does not know the column');
    const [e] = await lintSql('ALTER TABLE users ALTER COLUMN id TYPE bigint;', { only });
    expect(e.level).toBe('error');
  });
});
