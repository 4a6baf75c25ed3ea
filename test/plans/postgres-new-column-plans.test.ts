/**
 * The plan variants findings ask for, run in embedded PostgreSQL (PGlite) holding rows: a column
 * added in one unsafe step (`--add-column`), a batched DELETE (`--delete`) and an UPDATE that joins
 * another table (`--alias`). Each phase's down restores the schema (the harness checks it).
 */
import { describe, expect, it } from 'vitest';
import { count, db, planFor, runPlan } from './harness.js';

const ROWS = 1000;

describe('add-not-null --add-column (ADD COLUMN ... NOT NULL DEFAULT <volatile>)', () => {
  it('adds the column nullable with the default for new rows, fills each old row with its own value, ends NOT NULL', async () => {
    const schema = `CREATE TABLE accounts (id integer PRIMARY KEY, name text);`;
    const plan = await planFor('add-not-null', ['accounts.api_key'], schema, { addColumn: true, type: 'uuid', default: 'gen_random_uuid()' });
    expect(plan.phases[0].up).toBe('ALTER TABLE accounts ADD COLUMN api_key uuid;\nALTER TABLE accounts ALTER COLUMN api_key SET DEFAULT gen_random_uuid();');
    const pg = await db(`${schema} INSERT INTO accounts SELECT g, 'n' || g FROM generate_series(1, ${ROWS}) g;`);
    let next = ROWS;
    await runPlan(pg, plan, {
      async traffic(db, after) {
        next++;
        // the running application does not know the column: it relies on the default once it exists
        await db.query(`INSERT INTO accounts (id, name) VALUES ($1, 'app')`, [next]);
        if (after === 0) expect(await count(db, `SELECT COUNT(*) FROM accounts WHERE id = ${next} AND api_key IS NULL`)).toBe(0);
      },
    });
    expect(await count(pg, `SELECT COUNT(*) FROM accounts WHERE api_key IS NULL`)).toBe(0);
    // a volatile default evaluated per row, as the original ADD COLUMN would have done
    expect(await count(pg, `SELECT COUNT(DISTINCT api_key) FROM accounts`)).toBe(next);
    const notNull = await pg.query<{ attnotnull: boolean }>(`SELECT attnotnull FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'api_key'`);
    expect(notNull.rows[0].attnotnull).toBe(true);
  }, 60_000);

  it('without a default: adds the column nullable and stops at the gate until the application filled it', async () => {
    const schema = `CREATE TABLE users (id integer PRIMARY KEY);`;
    const plan = await planFor('add-not-null', ['users.tenant_id'], schema, { addColumn: true, type: 'bigint' });
    expect(plan.phases.map((p) => p.kind)).toEqual(['migration', 'verify', 'migration', 'migration', 'migration']);
    const pg = await db(`${schema} INSERT INTO users SELECT g FROM generate_series(1, 10) g;`);
    await pg.exec(plan.phases[0].up);
    expect(await count(pg, plan.phases[1].up)).toBe(10);
  }, 30_000);
});

describe('backfill --add-column (ADD COLUMN ... DEFAULT <volatile>, nullable)', () => {
  it('adds the column, gives new rows the default, fills the old rows in batches', async () => {
    const schema = `CREATE TABLE users (id integer PRIMARY KEY, email text);`;
    const plan = await planFor('backfill', ['users'], schema, { addColumn: true, type: 'text', set: 'token = md5(random()::text)' });
    expect(plan.phases.map((p) => p.slug)).toEqual(['add-token', 'backfill-token', 'verify']);
    const pg = await db(`${schema} INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, ${ROWS}) g;`);
    await runPlan(pg, plan, { traffic: async () => {} });
    expect(await count(pg, `SELECT COUNT(*) FROM users WHERE token IS NULL`)).toBe(0);
    expect(await count(pg, `SELECT COUNT(DISTINCT token) FROM users`)).toBe(ROWS);
  }, 60_000);
});

describe('backfill --delete', () => {
  it('deletes only the matching rows, in batches that each commit', async () => {
    const schema = `CREATE TABLE sessions (id integer PRIMARY KEY, expires_at timestamptz NOT NULL);`;
    const plan = await planFor('backfill', ['sessions'], schema, { delete: true, where: `expires_at < now() - interval '30 days'` });
    expect(plan.phases[0].transaction).toBe(false);
    const pg = await db(`${schema} INSERT INTO sessions SELECT g, CASE WHEN g % 4 = 0 THEN now() ELSE now() - interval '60 days' END FROM generate_series(1, ${ROWS}) g;`);
    await runPlan(pg, plan, { traffic: async () => {} });
    expect(await count(pg, `SELECT COUNT(*) FROM sessions`)).toBe(ROWS / 4);
    const done = await pg.query<{ rows_done: string; finished: boolean }>(`SELECT rows_done, finished FROM migrasafe_backfill_progress WHERE job = 'sessions.delete'`);
    expect(done.rows[0].finished).toBe(true);
  }, 60_000);
});

describe('backfill --alias (UPDATE t a SET ... FROM other)', () => {
  it('keeps the join and qualifies the key the batches walk', async () => {
    const schema = `CREATE TABLE "Organisation" (id integer PRIMARY KEY, "ownerId" integer); CREATE TABLE "Team" (id integer PRIMARY KEY, "ownerId" integer, "orgId" integer);`;
    const plan = await planFor('backfill', ['Team'], schema, { set: '"orgId" = o.id FROM "Organisation" o', where: 't."ownerId" = o."ownerId"', alias: 't' });
    const pg = await db(`${schema} INSERT INTO "Organisation" SELECT g, g FROM generate_series(1, ${ROWS}) g; INSERT INTO "Team" SELECT g, 1 + g % 50, NULL FROM generate_series(1, ${ROWS}) g;`);
    await runPlan(pg, plan, { traffic: async () => {} });
    expect(await count(pg, `SELECT COUNT(*) FROM "Team" t JOIN "Organisation" o ON o."ownerId" = t."ownerId" WHERE t."orgId" IS DISTINCT FROM o.id`)).toBe(0);
  }, 60_000);
});
