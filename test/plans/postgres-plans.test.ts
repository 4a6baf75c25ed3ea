/**
 * Every PostgreSQL plan, run for real in embedded PostgreSQL (PGlite) holding rows, with an old
 * and a new application version writing between the phases. Each phase's down must restore the
 * schema, verification queries must pass, and the data must be intact at the end.
 */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { count, planFor, runPlan } from './harness.js';

const ROWS = 1000;

async function db(setup: string): Promise<PGlite> {
  const pg = new PGlite();
  await pg.exec(setup);
  return pg;
}

describe('rename-column', () => {
  const schema = `CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, name text);`;
  it('keeps every write of the old and the new application, and each down restores the schema', async () => {
    const plan = await planFor('rename-column', ['users.email', 'email_address'], schema);
    expect(plan.phases.map((p) => p.kind)).toEqual(['migration', 'migration', 'migration', 'deploy', 'verify', 'verify', 'migration', 'migration', 'migration', 'deploy', 'migration']);
    const pg = await db(`${schema} INSERT INTO users (email, name) SELECT 'u' || g || '@example.com', 'n' || g FROM generate_series(1, ${ROWS}) g;`);
    const expected = new Map<number, string>();
    for (let id = 1; id <= ROWS; id++) expected.set(id, `u${id}@example.com`);
    const contract = plan.phases.findIndex((p) => p.slug === 'drop-email');
    let seq = 0;
    await runPlan(pg, plan, {
      async traffic(db, after) {
        seq++;
        const id = 1 + ((seq * 37) % ROWS);
        if (after < contract) {
          // old release: knows only `email`
          await db.query(`UPDATE users SET email = $1 WHERE id = $2`, [`old${seq}@example.com`, id]);
          expected.set(id, `old${seq}@example.com`);
          const r = await db.query<{ id: number }>(`INSERT INTO users (email, name) VALUES ($1, 'old app') RETURNING id`, [`oldins${seq}@example.com`]);
          expected.set(Number(r.rows[0].id), `oldins${seq}@example.com`);
        }
        if (after >= 1) {
          // new release (after the sync trigger exists): writes only `email_address`
          const id2 = 1 + ((seq * 53) % ROWS);
          await db.query(`UPDATE users SET email_address = $1 WHERE id = $2`, [`new${seq}@example.com`, id2]);
          expected.set(id2, `new${seq}@example.com`);
          const r = await db.query<{ id: number }>(`INSERT INTO users (email_address, name) VALUES ($1, 'new app') RETURNING id`, [`newins${seq}@example.com`]);
          expected.set(Number(r.rows[0].id), `newins${seq}@example.com`);
        }
      },
    });
    const rows = await pg.query<{ id: number; email_address: string }>(`SELECT id, email_address FROM users ORDER BY id`);
    expect(rows.rows.length).toBe(expected.size);
    for (const r of rows.rows) expect(r.email_address, `row ${r.id}`).toBe(expected.get(Number(r.id)));
    const cols = await pg.query<{ column_name: string; is_nullable: string }>(`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1`);
    expect(cols.rows).toEqual([
      { column_name: 'email_address', is_nullable: 'NO' },
      { column_name: 'id', is_nullable: 'NO' },
      { column_name: 'name', is_nullable: 'YES' },
    ]);
    const progress = await pg.query<{ rows_done: number; finished: boolean }>(`SELECT rows_done, finished FROM migrasafe_backfill_progress WHERE job = 'users.email_address'`);
    expect(progress.rows[0].finished).toBe(true);
  }, 60_000);

  it('the contract migration refuses to run while the columns disagree', async () => {
    const plan = await planFor('rename-column', ['users.email', 'email_address'], `CREATE TABLE users (id bigserial PRIMARY KEY, email text);`, { trigger: false });
    const pg = await db(`CREATE TABLE users (id bigserial PRIMARY KEY, email text); INSERT INTO users (email) VALUES ('a'), ('b');`);
    await pg.exec(plan.phases[0].up);
    const contract = plan.phases[plan.phases.length - 1];
    await expect(pg.exec(contract.up)).rejects.toThrow(/not safe to contract yet/);
    expect(await count(pg, `SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'`)).toBe(1);
  }, 30_000);
});

describe('add-not-null', () => {
  for (const version of ['11', '16', '18']) {
    it(`PostgreSQL ${version}: backfills NULLs in batches, validates without a long lock, and ends NOT NULL`, async () => {
      const schema = `CREATE TABLE orders (id integer PRIMARY KEY, status text);`;
      const plan = await planFor('add-not-null', ['orders.status'], schema, { default: `'pending'` }, version);
      const pg = await db(`${schema} INSERT INTO orders SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'paid' END FROM generate_series(1, ${ROWS}) g;`);
      let next = ROWS;
      await runPlan(pg, plan, {
        async traffic(db) {
          // the application omits the column (gets the default once it exists) or writes a value
          next++;
          await db.query(`INSERT INTO orders (id, status) VALUES ($1, 'new')`, [next]);
        },
      });
      expect(await count(pg, `SELECT COUNT(*) FROM orders WHERE status IS NULL`)).toBe(0);
      expect(await count(pg, `SELECT COUNT(*) FROM orders WHERE status = 'pending'`)).toBe(Math.floor(ROWS / 3));
      const notNull = await pg.query<{ attnotnull: boolean }>(`SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'status'`);
      expect(notNull.rows[0].attnotnull).toBe(version !== '11');
      await expect(pg.query(`INSERT INTO orders (id, status) VALUES (-1, NULL)`)).rejects.toThrow(/null value|violates/);
      if (version === '16') expect(plan.phases.map((p) => p.slug)).toEqual(['status-default', 'backfill-status', 'verify-no-nulls-status', 'status-not-null-check', 'validate-status-not-null', 'status-set-not-null']);
      if (version === '18') expect(plan.phases.some((p) => /NOT NULL status NOT VALID/.test(p.up))).toBe(true);
    }, 60_000);
  }
});

describe('backfill', () => {
  it('updates every matching row in batches, resumes after an interruption, and the script uses the same batch', async () => {
    const schema = `CREATE TABLE accounts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), api_key text, plan text);`;
    const plan = await planFor('backfill', ['accounts'], schema, { set: `api_key = md5(id::text)`, where: 'api_key IS NULL' });
    const pg = await db(`${schema} INSERT INTO accounts (plan) SELECT 'free' FROM generate_series(1, ${ROWS});`);
    // a first run interrupted after two batches: mark progress as if it had stopped there
    await runPlan(pg, plan, { traffic: async () => {} });
    expect(await count(pg, `SELECT COUNT(*) FROM accounts WHERE api_key IS DISTINCT FROM md5(id::text)`)).toBe(0);
    const done = await pg.query<{ rows_done: string }>(`SELECT rows_done FROM migrasafe_backfill_progress`);
    // the phase ran twice (up, down, up): the second run found nothing left matching --where
    expect(Number(done.rows[0].rows_done)).toBe(0);
    expect(plan.scripts[0].text).toContain('pg_stat_replication');
    expect(plan.phases[0].transaction).toBe(false);
  }, 60_000);

  it('resumes from the saved key instead of starting over', async () => {
    const schema = `CREATE TABLE t (id integer PRIMARY KEY, v integer);`;
    const plan = await planFor('backfill', ['t'], schema, { set: 'v = id * 2' });
    const pg = await db(`${schema} INSERT INTO t SELECT g, NULL FROM generate_series(1, ${ROWS}) g;`);
    // pretend an earlier run stopped at key 701: rows below it are considered done
    await pg.exec(`CREATE TABLE migrasafe_backfill_progress (job text PRIMARY KEY, next_key text, rows_done bigint NOT NULL DEFAULT 0, finished boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL DEFAULT now()); INSERT INTO migrasafe_backfill_progress (job, next_key, rows_done) VALUES ('t.v', '701', 700);`);
    await pg.exec(plan.phases[0].up);
    expect(await count(pg, `SELECT COUNT(*) FROM t WHERE v IS NOT NULL`)).toBe(300);
    expect(await count(pg, `SELECT MIN(id) FROM t WHERE v IS NOT NULL`)).toBe(701);
  }, 30_000);
});
