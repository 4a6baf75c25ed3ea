import { PGlite } from '@electric-sql/pglite';
import { expect } from 'vitest';
import { parseVersion } from '../../src/engines/version.js';
import { initParser, parseSource } from '../../src/parsers/index.js';
import { buildPlan, type Plan, type PlanInput } from '../../src/rewrites/plans/index.js';
import { tableFacts } from '../../src/rewrites/plans/table-facts.js';
import { Catalog } from '../../src/schema/replay.js';

/** An embedded PostgreSQL holding what `setup` creates. */
export async function db(setup: string): Promise<PGlite> {
  const pg = new PGlite();
  await pg.exec(setup);
  return pg;
}

/** Builds a plan the way the CLI does, with the schema replayed from `schemaSql`. */
export async function planFor(kind: string, args: string[], schemaSql: string, extra: Partial<PlanInput> = {}, version = '16', engine: 'postgres' | 'mysql' = 'postgres'): Promise<Plan> {
  await initParser('postgres');
  const catalog = new Catalog(true);
  for (const st of parseSource('postgres', schemaSql).statements) for (const op of st.ops) catalog.apply(op, 'before');
  return buildPlan(kind, {
    engine,
    version: parseVersion(version)!,
    args,
    trigger: true,
    batch: { batchSize: 300, pause: 0, maxLag: 10 },
    table: (name) => tableFacts(catalog, engine, name),
    ...extra,
  });
}

/**
 * Runs SQL the way a migration tool would: statement by statement, inside BEGIN/COMMIT when the
 * phase runs in a transaction, each statement alone otherwise (so a DO block may COMMIT).
 */
export async function runSql(db: PGlite, sql: string, transaction: boolean): Promise<void> {
  const statements = parseSource('postgres', sql).statements.filter((s) => s.kind !== 'meta' && s.text.trim());
  if (transaction) await db.exec('BEGIN');
  try {
    for (const st of statements) await db.exec(st.text);
    if (transaction) await db.exec('COMMIT');
  } catch (error) {
    if (transaction) await db.exec('ROLLBACK');
    throw error;
  }
}

export async function count(db: PGlite, query: string): Promise<number> {
  const r = await db.query<Record<string, unknown>>(query.replace(/;\s*$/, ''));
  return Number(Object.values(r.rows[0])[0]);
}

/** Everything a phase's down must restore: columns, constraints (with validity), indexes, triggers, views, functions. */
export async function snapshot(db: PGlite): Promise<string> {
  const parts = await Promise.all([
    db.query(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrasafe_backfill_progress' ORDER BY 1, 2`),
    // PostgreSQL 18 names the NOT NULL of a column after it when it is created; plans for older
    // versions cannot choose that name, so NOT NULL constraints are compared by column, not by name.
    db.query(`SELECT conrelid::regclass::text AS t, CASE WHEN contype = 'n' THEN 'not null ' || (SELECT string_agg(attname, ',') FROM pg_attribute WHERE attrelid = conrelid AND attnum = ANY (conkey)) ELSE conname END AS name, contype, convalidated FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'migrasafe_backfill_progress' ORDER BY 1, 2`),
    db.query(`SELECT indexrelid::regclass::text AS i, indisvalid, indisunique FROM pg_index WHERE indrelid::regclass::text NOT LIKE 'pg_%' AND indrelid::regclass::text <> 'migrasafe_backfill_progress' ORDER BY 1`),
    db.query(`SELECT tgrelid::regclass::text AS t, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    db.query(`SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') AND relname <> 'migrasafe_backfill_progress' ORDER BY 1`),
    db.query(`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`),
  ]);
  return JSON.stringify(parts.map((p) => p.rows), null, 1);
}

export interface Scenario {
  /** Simulated application writes after phase `index` (0-based) has been applied. */
  traffic(db: PGlite, afterPhase: number): Promise<void>;
}

/**
 * Applies the plan phase by phase. Every migration's down is run and must restore the schema as
 * it was, then the up is applied again; verify phases (and contract gates) must return 0; the
 * application traffic of the scenario runs after each step.
 */
export async function runPlan(db: PGlite, plan: Plan, scenario: Scenario): Promise<void> {
  for (let i = 0; i < plan.phases.length; i++) {
    const p = plan.phases[i];
    if (p.kind === 'migration') {
      if (p.verify) expect(await count(db, p.verify), `gate of step ${i + 1} (${p.title})`).toBe(0);
      const before = await snapshot(db);
      await runSql(db, p.up, p.transaction);
      const after = await snapshot(db);
      await runSql(db, p.down, p.transaction);
      expect(await snapshot(db), `down of step ${i + 1} (${p.title}) restores the schema`).toBe(before);
      await runSql(db, p.up, p.transaction);
      expect(await snapshot(db)).toBe(after);
    } else if (p.kind === 'verify') {
      expect(await count(db, p.up), `verification of step ${i + 1}: ${p.up}`).toBe(0);
    }
    await scenario.traffic(db, i);
  }
}
