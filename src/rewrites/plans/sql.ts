import type { Engine } from '../../core/types.js';
import type { Version } from '../../engines/version.js';
import type { BatchOptions } from './types.js';

/**
 * SQL builders shared by the plans: identifier quoting, the sync trigger that keeps an old and a
 * new column equal while two application versions run, the verification guard, and the batched,
 * resumable backfill (one batch statement, reused by the in-migration loop and the standalone script).
 */

const PG_RESERVED = new Set(['all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'into', 'limit', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'primary', 'references', 'select', 'table', 'then', 'to', 'true', 'union', 'unique', 'user', 'using', 'when', 'where', 'window', 'with']);
const MYSQL_RESERVED = new Set(['add', 'all', 'alter', 'and', 'as', 'asc', 'by', 'case', 'change', 'check', 'column', 'condition', 'constraint', 'create', 'cross', 'default', 'delete', 'desc', 'distinct', 'drop', 'else', 'exists', 'for', 'foreign', 'from', 'group', 'having', 'in', 'index', 'insert', 'interval', 'into', 'is', 'join', 'key', 'keys', 'like', 'limit', 'lock', 'not', 'null', 'on', 'or', 'order', 'primary', 'range', 'rank', 'references', 'rename', 'select', 'set', 'show', 'table', 'to', 'trigger', 'union', 'unique', 'update', 'usage', 'use', 'using', 'values', 'when', 'where', 'with']);

/** Quotes an identifier for the engine only when it needs it. */
export function ident(engine: Engine, name: string): string {
  if (engine === 'postgres') {
    if (/^[a-z_][a-z0-9_$]*$/.test(name) && !PG_RESERVED.has(name)) return name;
    return `"${name.replace(/"/g, '""')}"`;
  }
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !MYSQL_RESERVED.has(name.toLowerCase())) return name;
  return `\`${name.replace(/`/g, '``')}\``;
}

/** `schema.table` -> quoted parts joined by dots. */
export function tableName(engine: Engine, name: string): string {
  return name.split('.').map((p) => ident(engine, p)).join('.');
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Names we create (triggers, functions, constraints), kept under PostgreSQL's 63-byte limit. */
export function objectName(...parts: string[]): string {
  const raw = parts.join('_').replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
  return raw.length <= 63 ? raw : raw.slice(0, 63);
}

export function bareTable(name: string): string {
  return name.split('.').pop()!;
}

/** How one column's value is derived from the other (`x` is replaced by the source expression). */
export interface Conversion {
  toNew: (source: string) => string;
  toOld: (source: string) => string;
}

export const identity: Conversion = { toNew: (s) => s, toOld: (s) => s };

export interface SyncTriggerSpec {
  engine: Engine;
  version: Version;
  table: string;
  oldColumn: string;
  newColumn: string;
  conversion: Conversion;
  /** Base name of the trigger (and PostgreSQL function). */
  name: string;
}

/*
 * MySQL's null-safe `<=>` spelled out: node-sql-parser cannot read `<=>`, and the plans' MySQL SQL
 * is checked with it. A NULL on one side makes `a = b` / `a <> b` NULL, which IF and WHERE treat as false.
 */
function sameValue(a: string, b: string): string {
  return `${a} = ${b} OR (${a} IS NULL AND ${b} IS NULL)`;
}

/** `a` and `b` differ, NULL counting as a value: PostgreSQL `IS DISTINCT FROM`, MySQL spelled out. */
export function distinctSql(engine: Engine, a: string, b: string): string {
  return engine === 'postgres' ? `${a} IS DISTINCT FROM ${b}` : `(${a} <> ${b} OR (${a} IS NULL) <> (${b} IS NULL))`;
}

/**
 * A BEFORE INSERT OR UPDATE trigger keeping two columns equal: a write to either one is copied
 * to the other, so the old application (writing the old column) and the new one (writing the new
 * column) can run side by side. On INSERT the new column wins when it is given.
 */
export function syncTrigger(spec: SyncTriggerSpec): { up: string; down: string } {
  const { engine, table, name, conversion } = spec;
  const t = tableName(engine, table);
  const o = ident(engine, spec.oldColumn);
  const n = ident(engine, spec.newColumn);
  if (engine === 'postgres') {
    const fn = ident(engine, name);
    const exec = spec.version.major >= 11 ? 'EXECUTE FUNCTION' : 'EXECUTE PROCEDURE';
    const up = [
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $sync$`,
      `BEGIN`,
      `  IF TG_OP = 'INSERT' THEN`,
      `    IF NEW.${n} IS NULL THEN NEW.${n} := ${conversion.toNew(`NEW.${o}`)}; ELSE NEW.${o} := ${conversion.toOld(`NEW.${n}`)}; END IF;`,
      `  ELSIF NEW.${n} IS DISTINCT FROM OLD.${n} THEN`,
      `    NEW.${o} := ${conversion.toOld(`NEW.${n}`)};`,
      `  ELSIF NEW.${o} IS DISTINCT FROM OLD.${o} THEN`,
      `    NEW.${n} := ${conversion.toNew(`NEW.${o}`)};`,
      `  END IF;`,
      `  RETURN NEW;`,
      `END`,
      `$sync$;`,
      `CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW ${exec} ${fn}();`,
    ].join('\n');
    const down = [`DROP TRIGGER IF EXISTS ${fn} ON ${t};`, `DROP FUNCTION IF EXISTS ${fn}();`].join('\n');
    return { up, down };
  }
  // MySQL: one statement per trigger body (no DELIMITER needed); SET assigns left to right.
  const ins = ident(engine, `${name}_ins`.slice(0, 64));
  const upd = ident(engine, `${name}_upd`.slice(0, 64));
  const up = [
    `CREATE TRIGGER ${ins} BEFORE INSERT ON ${t} FOR EACH ROW`,
    `  SET NEW.${n} = COALESCE(NEW.${n}, ${conversion.toNew(`NEW.${o}`)}), NEW.${o} = ${conversion.toOld(`NEW.${n}`)};`,
    `CREATE TRIGGER ${upd} BEFORE UPDATE ON ${t} FOR EACH ROW`,
    `  SET NEW.${o} = IF(${sameValue(`NEW.${n}`, `OLD.${n}`)}, NEW.${o}, ${conversion.toOld(`NEW.${n}`)}),`,
    `      NEW.${n} = IF(${sameValue(`NEW.${o}`, `OLD.${o}`)}, NEW.${n}, ${conversion.toNew(`NEW.${o}`)});`,
  ].join('\n');
  const down = [`DROP TRIGGER IF EXISTS ${ins};`, `DROP TRIGGER IF EXISTS ${upd};`].join('\n');
  return { up, down };
}

/**
 * A guard that makes the contract migration refuse to run while the verification query finds
 * rows (PostgreSQL: a DO block that raises). MySQL has no anonymous blocks, so there it is a
 * comment naming the query to run first.
 */
export function verifyGuard(engine: Engine, countQuery: string, what: string): string {
  if (engine !== 'postgres') return `-- Run first and expect 0 (${what}):\n-- ${countQuery.replace(/\n/g, '\n-- ')}`;
  return [
    `DO $verify$`,
    `BEGIN`,
    `  IF (${countQuery.replace(/;\s*$/, '')}) > 0 THEN`,
    `    RAISE EXCEPTION 'migrasafe: not safe to contract yet: %', ${literal(what)};`,
    `  END IF;`,
    `END`,
    `$verify$;`,
  ].join('\n');
}

export const progressTable = 'migrasafe_backfill_progress';

/** What one batch does to the rows of `table` whose primary key satisfies `range` (a SQL predicate). */
export interface BackfillSpec {
  engine: Engine;
  /** Unique job name: progress is kept per job, so an interrupted run resumes where it stopped. */
  job: string;
  table: string;
  pk: string;
  pkType: string;
  /** The data-modifying statement for one batch, limited by the range predicate. */
  statement: (range: string) => string;
  batch: BatchOptions;
  /** The table's alias in the statement (an UPDATE ... FROM joining other tables): the range names `alias.pk`. */
  alias?: string;
}

/** The primary key as the batch statement's range names it (qualified by the alias when the statement joins). */
function rangeKey(spec: BackfillSpec): string {
  const pk = ident(spec.engine, spec.pk);
  return spec.alias ? `${spec.alias}.${pk}` : pk;
}

/** UPDATE batch: `SET <assignments> WHERE <range> AND (<where>)`; `assignments` may end in `FROM ...` (PostgreSQL joins). */
export function updateStatement(engine: Engine, table: string, assignments: string, where?: string, alias?: string): (range: string) => string {
  return (range) => `UPDATE ${tableName(engine, table)}${alias ? ` ${alias}` : ''} SET ${assignments} WHERE ${range}${where ? ` AND (${where})` : ''}`;
}

/** DELETE batch: the rows of the range that match `<where>`. */
export function deleteStatement(engine: Engine, table: string, where?: string, alias?: string): (range: string) => string {
  return (range) => `DELETE FROM ${tableName(engine, table)}${alias ? ` ${alias}` : ''} WHERE ${range}${where ? ` AND (${where})` : ''}`;
}

function progressDdl(engine: Engine): string {
  return engine === 'postgres'
    ? `CREATE TABLE IF NOT EXISTS ${progressTable} (job text PRIMARY KEY, next_key text, rows_done bigint NOT NULL DEFAULT 0, finished boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL DEFAULT now());`
    : `CREATE TABLE IF NOT EXISTS ${progressTable} (job VARCHAR(191) PRIMARY KEY, next_key VARCHAR(191) NULL, rows_done BIGINT NOT NULL DEFAULT 0, finished TINYINT NOT NULL DEFAULT 0, updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);`;
}

/** Registers the job with the first key of the table (ordering by the key works for any key type). */
export function backfillStart(spec: BackfillSpec): string {
  const { engine } = spec;
  const t = tableName(engine, spec.table);
  const pk = ident(engine, spec.pk);
  if (engine === 'postgres') {
    return `${progressDdl(engine)}\nINSERT INTO ${progressTable} (job, next_key) VALUES (${literal(spec.job)}, (SELECT ${pk}::text FROM ${t} ORDER BY ${pk} LIMIT 1)) ON CONFLICT (job) DO NOTHING;`;
  }
  return `${progressDdl(engine)}\nINSERT IGNORE INTO ${progressTable} (job, next_key) VALUES (${literal(spec.job)}, (SELECT ${pk} FROM ${t} ORDER BY ${pk} LIMIT 1));`;
}

function mysqlCast(pkType: string): string {
  return /int|serial/i.test(pkType) ? 'SIGNED' : 'CHAR';
}

/**
 * One batch: the next `batchSize` keys from the saved position, the change applied to them, the
 * position moved on, all in one statement (PostgreSQL) or one transaction (MySQL). Returns
 * whether the job is finished (PostgreSQL: `RETURNING finished`; MySQL: the last SELECT).
 */
export function backfillBatch(spec: BackfillSpec): string {
  const { engine, batch } = spec;
  const t = tableName(engine, spec.table);
  const pk = ident(engine, spec.pk);
  const job = literal(spec.job);
  const key = rangeKey(spec);
  if (engine === 'postgres') {
    const range = `${key} >= (SELECT lo FROM p) AND ((SELECT hi FROM h) IS NULL OR ${key} < (SELECT hi FROM h))`;
    return [
      `WITH p AS (SELECT next_key::${spec.pkType} AS lo FROM ${progressTable} WHERE job = ${job} AND NOT finished),`,
      `h AS (SELECT (SELECT ${pk} FROM ${t} WHERE ${pk} >= (SELECT lo FROM p) ORDER BY ${pk} OFFSET ${batch.batchSize} LIMIT 1) AS hi),`,
      `done AS (${spec.statement(range)} RETURNING 1)`,
      `UPDATE ${progressTable} SET next_key = (SELECT hi FROM h)::text, finished = (SELECT hi FROM h) IS NULL,`,
      `  rows_done = rows_done + (SELECT count(*) FROM done), updated_at = now()`,
      `WHERE job = ${job} AND NOT finished`,
      `RETURNING finished`,
    ].join('\n');
  }
  const cast = mysqlCast(spec.pkType);
  const range = `${key} >= @ms_lo AND (@ms_hi IS NULL OR ${key} < @ms_hi)`;
  return [
    `START TRANSACTION;`,
    `SET @ms_lo = (SELECT CAST(next_key AS ${cast}) FROM ${progressTable} WHERE job = ${job} AND finished = 0 FOR UPDATE);`,
    `SET @ms_hi = (SELECT ${pk} FROM ${t} WHERE ${pk} >= @ms_lo ORDER BY ${pk} LIMIT 1 OFFSET ${batch.batchSize});`,
    `${spec.statement(range)};`,
    `SET @ms_rows = ROW_COUNT();`,
    `UPDATE ${progressTable} SET next_key = @ms_hi, finished = (@ms_hi IS NULL), rows_done = rows_done + @ms_rows WHERE job = ${job} AND finished = 0;`,
    `COMMIT;`,
    `SELECT COALESCE((SELECT finished FROM ${progressTable} WHERE job = ${job}), 1) AS finished;`,
  ].join('\n');
}

/** A plain statement standing for one batch, whose operation the lock facts describe. */
export function backfillLockSql(spec: BackfillSpec): string {
  return `${spec.statement(`${rangeKey(spec)} IS NOT NULL`)};`;
}

/** PostgreSQL standby replay lag in seconds, as the primary sees it. */
export const pgReplicaLagQuery = 'SELECT coalesce(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication';

/**
 * The backfill as a migration. PostgreSQL: one DO block that COMMITs after every batch (so it must
 * run outside a transaction, as the file's only statement), waits while a standby lags, and
 * sleeps between batches. MySQL: a stored procedure looping over the same batch (the replica lag
 * check needs a connection to the replica, so it is in the standalone script only).
 */
export function backfillMigration(spec: BackfillSpec): string {
  const { batch } = spec;
  if (spec.engine === 'postgres') {
    const body = backfillBatch(spec).replace(/\n/g, '\n    ');
    return [
      `-- Batched backfill (${batch.batchSize} rows per batch), resumable: progress is kept in ${progressTable}, job ${literal(spec.job)}.`,
      `-- Must run outside a transaction: it commits after every batch. Keep it the only statement of the file.`,
      `DO $backfill$`,
      `DECLARE`,
      `  v_finished boolean;`,
      `  v_lag double precision;`,
      `BEGIN`,
      `  ${backfillStart(spec).replace(/\n/g, '\n  ')}`,
      `  COMMIT;`,
      `  LOOP`,
      `    ${body}`,
      `    INTO v_finished;`,
      `    COMMIT;`,
      `    EXIT WHEN v_finished IS NOT FALSE;`,
      `    -- replication-lag guard: wait while a standby replays more than ${batch.maxLag} s behind`,
      `    LOOP`,
      `      ${pgReplicaLagQuery} INTO v_lag;`,
      `      EXIT WHEN v_lag <= ${batch.maxLag};`,
      `      RAISE NOTICE 'backfill %: replica lag % s, waiting', ${literal(spec.job)}, v_lag;`,
      `      PERFORM pg_sleep(1);`,
      `    END LOOP;`,
      `    PERFORM pg_sleep(${batch.pause});`,
      `  END LOOP;`,
      `END`,
      `$backfill$;`,
    ].join('\n');
  }
  const proc = ident('mysql', objectName('migrasafe_backfill', spec.job).slice(0, 64));
  const body = backfillBatch(spec)
    .split('\n')
    .filter((l) => !l.startsWith('SELECT COALESCE'))
    .join('\n    ');
  return [
    `-- Batched backfill (${batch.batchSize} rows per batch), resumable: progress is kept in ${progressTable}, job ${literal(spec.job)}.`,
    `-- With replicas, prefer the standalone script: it pauses while SHOW REPLICA STATUS reports lag.`,
    backfillStart(spec),
    `DROP PROCEDURE IF EXISTS ${proc};`,
    `DELIMITER $$`,
    `CREATE PROCEDURE ${proc}()`,
    `BEGIN`,
    `  DECLARE v_finished INT DEFAULT 0;`,
    `  WHILE v_finished = 0 DO`,
    `    ${body}`,
    `    SET v_finished = COALESCE((SELECT finished FROM ${progressTable} WHERE job = ${literal(spec.job)}), 1);`,
    `    DO SLEEP(${batch.pause});`,
    `  END WHILE;`,
    `END$$`,
    `DELIMITER ;`,
    `CALL ${proc}();`,
    `DROP PROCEDURE ${proc};`,
  ].join('\n');
}

/** Undo for a backfill phase: forget the job so running the phase again redoes it. The data written stays. */
export function backfillDown(spec: BackfillSpec): string {
  return `-- The rows already written stay; forget the progress so the backfill can run again.\nDELETE FROM ${progressTable} WHERE job = ${literal(spec.job)};`;
}

/** The standalone backfill script (bash + psql/mysql), run outside the migration tool. */
export function backfillScript(spec: BackfillSpec): string {
  const { batch } = spec;
  const heredoc = (sql: string) => `<<'SQL'\n${sql}\nSQL`;
  if (spec.engine === 'postgres') {
    return [
      `#!/usr/bin/env bash`,
      `# Backfill job ${spec.job} on ${spec.table}, in batches of ${batch.batchSize} rows by ${spec.pk}, outside the migration tool.`,
      `# Resumable: progress is kept in ${progressTable}; run it again after an interruption.`,
      `# Usage: DATABASE_URL=postgres://... ./this-script   (BATCH_PAUSE=${batch.pause} MAX_REPLICA_LAG=${batch.maxLag} to override)`,
      `set -euo pipefail`,
      `: "\${DATABASE_URL:?set DATABASE_URL to the primary}"`,
      `q() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt "$@"; }`,
      `q ${heredoc(backfillStart(spec))}`,
      `while :; do`,
      `  lag=$(q -c "${pgReplicaLagQuery}")`,
      `  if awk -v l="$lag" -v m="\${MAX_REPLICA_LAG:-${batch.maxLag}}" 'BEGIN { exit !(l > m) }'; then`,
      `    echo "replica lag \${lag}s > \${MAX_REPLICA_LAG:-${batch.maxLag}}s, waiting" >&2; sleep 1; continue`,
      `  fi`,
      `  finished=$(q ${heredoc(`${backfillBatch(spec)};`)}`,
      `  )`,
      `  [ "$finished" = "f" ] || break`,
      `  sleep "\${BATCH_PAUSE:-${batch.pause}}"`,
      `done`,
      `echo "backfill ${spec.job} finished: $(q -c "SELECT rows_done FROM ${progressTable} WHERE job = ${literal(spec.job).replace(/'/g, "'")}") rows"`,
    ].join('\n');
  }
  return [
    `#!/usr/bin/env bash`,
    `# Backfill job ${spec.job} on ${spec.table}, in batches of ${batch.batchSize} rows by ${spec.pk}, outside the migration tool.`,
    `# Resumable: progress is kept in ${progressTable}; run it again after an interruption.`,
    `# Usage: MYSQL_PRIMARY="-h primary -u app -p... dbname" MYSQL_REPLICAS="-h replica1 -u monitor ...;..." ./this-script`,
    `# Pauses while any replica's Seconds_Behind_Source (SHOW REPLICA STATUS, MySQL 8.0.22+) exceeds MAX_REPLICA_LAG.`,
    `set -euo pipefail`,
    `: "\${MYSQL_PRIMARY:?set MYSQL_PRIMARY to the mysql client arguments for the primary}"`,
    `q() { mysql $MYSQL_PRIMARY -N -B "$@"; }`,
    `replica_lag() {`,
    `  local max=0 lag`,
    `  IFS=';' read -ra replicas <<< "\${MYSQL_REPLICAS:-}"`,
    `  for r in "\${replicas[@]}"; do`,
    `    [ -n "$r" ] || continue`,
    `    lag=$(mysql $r -e 'SHOW REPLICA STATUS\\G' | awk '/Seconds_Behind_Source:/ { print $2 }')`,
    `    [ "$lag" = "NULL" ] && lag=999999  # replication stopped: wait`,
    `    [ "\${lag:-0}" -gt "$max" ] && max=$lag`,
    `  done`,
    `  echo "$max"`,
    `}`,
    `q ${heredoc(backfillStart(spec))}`,
    `while :; do`,
    `  lag=$(replica_lag)`,
    `  if [ "$lag" -gt "\${MAX_REPLICA_LAG:-${batch.maxLag}}" ]; then echo "replica lag \${lag}s, waiting" >&2; sleep 1; continue; fi`,
    `  finished=$(q ${heredoc(backfillBatch(spec))}`,
    `  )`,
    `  [ "$finished" = "0" ] || break`,
    `  sleep "\${BATCH_PAUSE:-${batch.pause}}"`,
    `done`,
  ].join('\n');
}
