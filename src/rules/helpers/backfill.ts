import type { QualifiedName } from '../../core/operations.js';
import type { Engine } from '../../core/types.js';
import { atLeast, type Version } from '../../engines/version.js';
import type { SchemaView } from '../../schema/catalog.js';
import { dialectFor } from './dialect.js';

/** Rows per batch in the templates: inside the 10k–100k range that keeps each transaction short. */
export const BATCH_SIZE = 10000;

export interface BackfillSpec {
  kind: 'update' | 'delete';
  table: QualifiedName;
  /** `SET ...` list for an UPDATE, as written. */
  set?: string;
  /** The statement's own WHERE condition, kept inside each batch. */
  where?: string;
  /** Primary-key column the batches walk. */
  key: string;
  /** The table's alias or name, when the statement joins other tables (`UPDATE t SET ... FROM u`). */
  qualifier?: string;
}

/** The single-column primary key the catalog knows for a table, else `id`. */
export function batchKey(schema: SchemaView, table: QualifiedName): { column: string; known: boolean } {
  const t = schema.table(table);
  for (const c of t?.constraints.values() ?? []) {
    if (c.type === 'primary-key' && c.columns.length === 1) return { column: c.columns[0], known: true };
  }
  return { column: 'id', known: !!t?.columns.has('id') };
}

/**
 * Does the WHERE pin the statement to a handful of rows: an equality between a key column and a
 * literal, as a top-level AND term (`WHERE id = 42`, `WHERE "id" = 'platform' AND ...`)?
 */
export function whereTargetsKey(where: string, keys: readonly string[]): boolean {
  // An OR at the top level can widen the set again; keep it simple and do not exempt it.
  if (/\bor\b/i.test(where.replace(/'(?:[^']|'')*'/g, "''"))) return false;
  const term = /(?:^|\band\s+|\()\s*(?:[A-Za-z_"][\w"]*\.)?"?([A-Za-z_][\w$]*)"?\s*=\s*(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?|\$\d+)(?:::[\w ]+)?\s*(?=$|\band\b|\))/gi;
  for (const m of where.matchAll(term)) {
    if (keys.includes(m[1].toLowerCase()) || keys.includes(m[1])) return true;
  }
  return false;
}

/** Columns that identify at most one row: `id`, the primary key, single-column unique constraints. */
export function keyColumns(schema: SchemaView, table: QualifiedName): string[] {
  const keys = new Set(['id']);
  for (const c of schema.table(table)?.constraints.values() ?? []) {
    if ((c.type === 'primary-key' || c.type === 'unique') && c.columns.length === 1) keys.add(c.columns[0]);
  }
  return [...keys];
}

/** A batched loop that applies the change by primary-key range, pausing and watching replica lag. */
export function batchedLoopTemplate(engine: Engine, version: Version, spec: BackfillSpec): string {
  const d = dialectFor(engine, version);
  const table = d.name(spec.table);
  // Keep the statement's alias on the target so its SET and WHERE still resolve.
  const t = spec.qualifier && spec.qualifier !== table ? `${table} ${spec.qualifier}` : table;
  const k = spec.qualifier ? `${spec.qualifier}.${d.ident(spec.key)}` : d.ident(spec.key);
  const extra = spec.where ? ` AND (${spec.where})` : '';
  if (engine === 'postgres') {
    const change =
      spec.kind === 'update'
        ? `UPDATE ${t} SET ${spec.set ?? '...'} WHERE ${k} > last_id AND ${k} <= last_id + batch_size${extra};`
        : `DELETE FROM ${t} WHERE ${k} > last_id AND ${k} <= last_id + batch_size${extra};`;
    const lines = [
      `-- Separate data migration, run outside a transaction block: each batch commits on its own.`,
      `DO $$`,
      `DECLARE`,
      `  batch_size constant bigint := ${BATCH_SIZE};   -- 10k-100k rows per batch`,
      `  max_lag    constant interval := '10 seconds';`,
      `  last_id    bigint := 0;                       -- to resume, start from the id printed when it stopped`,
      `  max_id     bigint;`,
      `BEGIN`,
      `  SELECT max(${d.ident(spec.key)}) INTO max_id FROM ${table};`,
      `  WHILE last_id < max_id LOOP`,
      `    ${change}`,
      `    last_id := last_id + batch_size;`,
      `    COMMIT;`,
      `    PERFORM pg_sleep(0.1);                       -- let other work through between batches`,
      `    IF EXISTS (SELECT 1 FROM pg_stat_replication WHERE replay_lag > max_lag) THEN`,
      `      RAISE EXCEPTION 'replication lag above %, stopped after ${spec.key} %', max_lag, last_id;`,
      `    END IF;`,
      `  END LOOP;`,
      `END $$;`,
    ];
    if (!atLeast(version, 11)) {
      lines.unshift(`-- PostgreSQL ${version.major} cannot COMMIT inside DO: run one batch per statement from a script instead.`);
    }
    return lines.join('\n');
  }
  const change =
    spec.kind === 'update'
      ? `UPDATE ${t} SET ${spec.set ?? '...'} WHERE ${k} > last_id AND ${k} <= last_id + batch_size${extra};`
      : `DELETE FROM ${t} WHERE ${k} > last_id AND ${k} <= last_id + batch_size${extra};`;
  const proc = d.ident(`backfill_${spec.table.name}`.slice(0, 64));
  return [
    `-- Separate data migration (autocommit: each batch commits on its own).`,
    `-- Between batches, check Seconds_Behind_Source in SHOW REPLICA STATUS on each replica and stop above ~10 s.`,
    `DELIMITER $$`,
    `CREATE PROCEDURE ${proc}()`,
    `BEGIN`,
    `  DECLARE batch_size BIGINT DEFAULT ${BATCH_SIZE};  -- 10k-100k rows per batch`,
    `  DECLARE last_id BIGINT DEFAULT 0;`,
    `  DECLARE max_id BIGINT;`,
    `  SELECT COALESCE(MAX(${d.ident(spec.key)}), 0) INTO max_id FROM ${table};`,
    `  WHILE last_id < max_id DO`,
    `    ${change}`,
    `    SET last_id = last_id + batch_size;`,
    `    DO SLEEP(0.1);`,
    `  END WHILE;`,
    `END$$`,
    `DELIMITER ;`,
    `CALL ${proc}();`,
    `DROP PROCEDURE ${proc};`,
  ].join('\n');
}
