/**
 * Every PostgreSQL plan, run for real in embedded PostgreSQL (PGlite) holding rows, with an old
 * and a new application version writing between the phases. Each phase's down must restore the
 * schema, verification queries must pass, and the data must be intact at the end.
 */
import { describe, expect, it } from 'vitest';
import { count, db, planFor, runPlan, runSql } from './harness.js';

const ROWS = 1000;

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

describe('change-type', () => {
  it('int -> bigint: both application versions keep writing, the swap keeps values, rollback columns stay in sync', async () => {
    const schema = `CREATE TABLE events (id integer PRIMARY KEY, amount integer NOT NULL);`;
    const plan = await planFor('change-type', ['events.amount', 'bigint'], schema);
    const pg = await db(`${schema} INSERT INTO events SELECT g, g * 10 FROM generate_series(1, ${ROWS}) g;`);
    const expected = new Map<number, number>();
    for (let id = 1; id <= ROWS; id++) expected.set(id, id * 10);
    const swap = plan.phases.findIndex((p) => p.slug === 'swap-amount');
    let seq = 0;
    await runPlan(pg, plan, {
      async traffic(db, after) {
        seq++;
        const id = 1 + ((seq * 41) % ROWS);
        // values only bigint can hold are written once the rollback column (still int) is gone
        const value = after === plan.phases.length - 1 ? 3_000_000_000 + seq : after >= swap ? 1_000_000 + seq : seq * 7;
        await db.query(`UPDATE events SET amount = $1 WHERE id = $2`, [value, id]);
        expected.set(id, value);
      },
    });
    const type = await pg.query<{ data_type: string }>(`SELECT data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'amount'`);
    expect(type.rows[0].data_type).toBe('bigint');
    const rows = await pg.query<{ id: number; amount: string }>(`SELECT id, amount FROM events ORDER BY id`);
    for (const r of rows.rows) expect(Number(r.amount), `row ${r.id}`).toBe(expected.get(Number(r.id)));
    expect(await count(pg, `SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'events'`)).toBe(2);
    expect(await count(pg, `SELECT MAX(amount) FROM events`)).toBeGreaterThan(2 ** 31);
  }, 90_000);

  it('while the rollback column exists, a value the old type cannot hold is refused, not silently lost', async () => {
    const schema = `CREATE TABLE events (id integer PRIMARY KEY, amount integer);`;
    const plan = await planFor('change-type', ['events.amount', 'bigint'], schema);
    const pg = await db(`${schema} INSERT INTO events VALUES (1, 1);`);
    for (const p of plan.phases.slice(0, plan.phases.findIndex((x) => x.slug === 'swap-amount') + 1)) if (p.kind === 'migration') await runSql(pg, p.up, p.transaction);
    await expect(pg.query(`UPDATE events SET amount = 3000000000 WHERE id = 1`)).rejects.toThrow(/out of range/);
  }, 30_000);
});

describe('split-table', () => {
  it('moves columns to a new table while old code writes the old columns and new code the new table', async () => {
    const schema = `CREATE TABLE users (id bigint PRIMARY KEY, email text, street text, city text);`;
    const plan = await planFor('split-table', ['users'], schema, { columns: ['street', 'city'], into: 'addresses' });
    const pg = await db(`${schema} INSERT INTO users SELECT g, 'u' || g, 's' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || g END FROM generate_series(1, ${ROWS}) g;`);
    const expected = new Map<number, [string | null, string | null]>();
    for (let id = 1; id <= ROWS; id++) expected.set(id, [`s${id}`, id % 5 === 0 ? null : `c${id}`]);
    const readNew = plan.phases.findIndex((p) => p.slug === 'read-new-table');
    const contract = plan.phases.length - 1;
    let seq = 0;
    let nextId = ROWS;
    await runPlan(pg, plan, {
      async traffic(db, after) {
        seq++;
        if (after < contract) {
          const id = 1 + ((seq * 31) % ROWS);
          await db.query(`UPDATE users SET street = $1 WHERE id = $2`, [`old-street-${seq}`, id]);
          expected.set(id, [`old-street-${seq}`, expected.get(id)![1]]);
          nextId++;
          await db.query(`INSERT INTO users (id, email, street, city) VALUES ($1, 'x', $2, 'old-city')`, [nextId, `old-ins-${seq}`]);
          expected.set(nextId, [`old-ins-${seq}`, 'old-city']);
        }
        if (after >= readNew) {
          const id = 1 + ((seq * 59) % ROWS);
          await db.query(`INSERT INTO addresses (id, street, city) VALUES ($1, $2, 'new-city') ON CONFLICT (id) DO UPDATE SET street = EXCLUDED.street, city = EXCLUDED.city`, [id, `new-street-${seq}`]);
          expected.set(id, [`new-street-${seq}`, 'new-city']);
          nextId++;
          await db.query(`INSERT INTO users (id, email) VALUES ($1, 'y')`, [nextId]);
          await db.query(`INSERT INTO addresses (id, street, city) VALUES ($1, $2, NULL)`, [nextId, `new-ins-${seq}`]);
          expected.set(nextId, [`new-ins-${seq}`, null]);
        }
      },
    });
    const rows = await pg.query<{ id: number; street: string | null; city: string | null }>(`SELECT u.id, a.street, a.city FROM users u LEFT JOIN addresses a ON a.id = u.id ORDER BY u.id`);
    expect(rows.rows.length).toBe(expected.size);
    for (const r of rows.rows) expect([r.street, r.city], `row ${r.id}`).toEqual(expected.get(Number(r.id)));
    expect(await count(pg, `SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'users'`)).toBe(2);
    // deleting a user removes its address row
    await pg.exec(`DELETE FROM users WHERE id = 1`);
    expect(await count(pg, `SELECT COUNT(*) FROM addresses WHERE id = 1`)).toBe(0);
  }, 90_000);
});

describe('rename-table', () => {
  it('old code keeps reading and writing through the compatibility view until it is dropped', async () => {
    const schema = `CREATE TABLE customer (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`;
    const plan = await planFor('rename-table', ['customer', 'customers'], schema);
    const pg = await db(`${schema} INSERT INTO customer (name) SELECT 'c' || g FROM generate_series(1, 100) g;`);
    const contract = plan.phases.length - 1;
    let seq = 0;
    await runPlan(pg, plan, {
      async traffic(db, after) {
        seq++;
        if (after < contract) {
          // old release: the old name, relying on column defaults
          await db.query(`INSERT INTO customer (name) VALUES ($1)`, [`old${seq}`]);
          await db.query(`UPDATE customer SET name = $1 WHERE id = 1`, [`renamed-old${seq}`]);
        }
        if (after >= 0) await db.query(`INSERT INTO customers (name) VALUES ($1)`, [`new${seq}`]);
      },
    });
    expect(await count(pg, `SELECT COUNT(*) FROM customers WHERE name LIKE 'old%' AND created_at IS NOT NULL`)).toBe(contract);
    expect(await count(pg, `SELECT COUNT(*) FROM customers WHERE name LIKE 'new%'`)).toBe(plan.phases.length);
    expect(await count(pg, `SELECT COUNT(*) FROM pg_class WHERE relname = 'customer'`)).toBe(0);
  }, 60_000);
});

describe('add-foreign-key, add-unique, add-index', () => {
  it('run as NOT VALID + VALIDATE and concurrent builds, each in the transaction mode it needs', async () => {
    const schema = `CREATE TABLE users (id bigint PRIMARY KEY, email text); CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, ref text);`;
    const pg = await db(`${schema} INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 200) g; INSERT INTO orders SELECT g, 1 + g % 200, 'r' || g FROM generate_series(1, ${ROWS}) g;`);
    const fk = await planFor('add-foreign-key', ['orders.user_id', 'users.id'], schema);
    const unique = await planFor('add-unique', ['users.email'], schema);
    const index = await planFor('add-index', ['orders.user_id'], schema);
    expect(index.phases[0].transaction).toBe(false);
    expect(unique.phases.map((p) => [p.kind, p.transaction])).toEqual([['verify', false], ['migration', false], ['migration', true]]);
    expect(fk.phases.filter((p) => p.kind === 'migration').every((p) => p.transaction)).toBe(true);
    let seq = 0;
    const traffic = { traffic: async () => void (await pg.query(`INSERT INTO orders (id, user_id) VALUES ($1, 5)`, [100_000 + ++seq])) };
    for (const plan of [index, fk, unique]) await runPlan(pg, plan, traffic);
    // the constraints are real and validated
    await expect(pg.query(`INSERT INTO orders (id, user_id) VALUES (-1, 999999)`)).rejects.toThrow(/foreign key/);
    await expect(pg.query(`INSERT INTO users (id, email) VALUES (-1, 'u1')`)).rejects.toThrow(/unique|duplicate/);
    expect(await count(pg, `SELECT COUNT(*) FROM pg_constraint WHERE NOT convalidated`)).toBe(0);
    expect(await count(pg, `SELECT COUNT(*) FROM pg_index WHERE indexrelid = 'orders_user_id_idx'::regclass AND indisvalid`)).toBe(1);
  }, 90_000);

  it('the unique plan stops at its gate when duplicates exist', async () => {
    const schema = `CREATE TABLE users (id bigint PRIMARY KEY, email text);`;
    const pg = await db(`${schema} INSERT INTO users VALUES (1, 'a'), (2, 'a'), (3, NULL), (4, NULL);`);
    const unique = await planFor('add-unique', ['users.email'], schema);
    expect(await count(pg, unique.phases[0].up)).toBe(1);
  }, 30_000);
});
