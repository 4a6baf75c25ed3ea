import { UsageError } from '../../core/errors.js';
import type { Plan, PlanInput } from './types.js';
import { required } from './args.js';
import { deploy, migration, verify } from './phase.js';
import { distinctSql, backfillLockSql, backfillDown, backfillMigration, bareTable, ident, objectName, tableName, verifyGuard, type BackfillSpec } from './sql.js';

const USAGE = 'migrasafe plan split-table <table> --columns a,b --into <new_table> [--type "a=text,b=int"]';

/** Column types for the moved columns: `--type "a=text,b=int"` or the catalog. */
function movedTypes(input: PlanInput, table: string, columns: string[]): string[] {
  const given = new Map<string, string>();
  for (const part of (input.type ?? '').split(/,(?![^(]*\))/)) {
    const m = /^\s*([\w$]+)\s*[=:]\s*(.+?)\s*$/.exec(part);
    if (m) given.set(m[1], m[2]);
  }
  return columns.map((c) => {
    const t = given.get(c) ?? input.table(table).columns.get(c)?.type;
    if (!t) throw new UsageError(`The type of ${table}.${c} is unknown: give --type "${c}=<type>,...", or run from the project so the migration history can be read (--dir).`);
    return t;
  });
}

/**
 * Move columns to a new table keyed by the same primary key: create it, keep both sides in
 * sync with triggers, backfill, switch reads, verify, then drop the triggers and the old columns.
 */
export function splitTablePlan(input: PlanInput): Plan {
  const table = required(input.args[0], 'the table', USAGE);
  const into = required(input.into, '--into <new_table>', USAGE);
  const columns = input.columns ?? [];
  if (columns.length === 0) throw new UsageError(`Missing --columns a,b. Usage: ${USAGE}`);
  const { engine, version } = input;
  const pg = engine === 'postgres';
  const facts = input.table(table);
  const types = movedTypes(input, table, columns);
  const t = tableName(engine, table);
  const n = tableName(engine, into);
  const pk = ident(engine, facts.pk);
  const cols = columns.map((c) => ident(engine, c));
  const list = cols.join(', ');
  const row = (prefix: string) => `ROW(${cols.map((c) => `${prefix}${c}`).join(', ')})`;
  const tFn = ident(engine, objectName('migrasafe_split', bareTable(table), bareTable(into)));
  const nFn = ident(engine, objectName('migrasafe_split', bareTable(into), bareTable(table)));
  const exec = version.major >= 11 ? 'EXECUTE FUNCTION' : 'EXECUTE PROCEDURE';

  const create = pg
    ? `CREATE TABLE ${n} (\n  ${pk} ${facts.pkType} PRIMARY KEY REFERENCES ${t} (${pk}) ON DELETE CASCADE,\n${columns.map((c, i) => `  ${cols[i]} ${types[i]}`).join(',\n')}\n);`
    : `CREATE TABLE ${n} (\n  ${pk} ${facts.pkType} NOT NULL PRIMARY KEY,\n${columns.map((c, i) => `  ${cols[i]} ${types[i]} NULL`).join(',\n')},\n  CONSTRAINT ${ident(engine, objectName(bareTable(into), facts.pk, 'fkey'))} FOREIGN KEY (${pk}) REFERENCES ${t} (${pk}) ON DELETE CASCADE\n);`;

  const upsert = pg
    ? `INSERT INTO ${n} (${pk}, ${list}) VALUES (NEW.${pk}, ${cols.map((c) => `NEW.${c}`).join(', ')})\n    ON CONFLICT (${pk}) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}\n    WHERE ${row(`${n}.`)} IS DISTINCT FROM ${row('EXCLUDED.')};`
    : `INSERT INTO ${n} (${pk}, ${list}) VALUES (NEW.${pk}, ${cols.map((c) => `NEW.${c}`).join(', ')}) ON DUPLICATE KEY UPDATE ${cols.map((c) => `${c} = NEW.${c}`).join(', ')}`;
  const triggers = pg
    ? {
        up: [
          `CREATE OR REPLACE FUNCTION ${tFn}() RETURNS trigger LANGUAGE plpgsql AS $sync$`,
          `BEGIN`,
          `  -- rows inserted without any moved value need no row in ${into}`,
          `  IF TG_OP = 'INSERT' AND ${row('NEW.')} IS NOT DISTINCT FROM ROW(${cols.map(() => 'NULL').join(', ')}) THEN RETURN NULL; END IF;`,
          `  ${upsert}`,
          `  RETURN NULL;`,
          `END`,
          `$sync$;`,
          `CREATE TRIGGER ${tFn} AFTER INSERT OR UPDATE OF ${list} ON ${t} FOR EACH ROW ${exec} ${tFn}();`,
          `CREATE OR REPLACE FUNCTION ${nFn}() RETURNS trigger LANGUAGE plpgsql AS $sync$`,
          `BEGIN`,
          `  IF TG_OP = 'DELETE' THEN`,
          `    UPDATE ${t} SET ${cols.map((c) => `${c} = NULL`).join(', ')} WHERE ${pk} = OLD.${pk} AND ${row(`${t}.`)} IS DISTINCT FROM ROW(${cols.map(() => 'NULL').join(', ')});`,
          `  ELSE`,
          `    UPDATE ${t} SET ${cols.map((c) => `${c} = NEW.${c}`).join(', ')} WHERE ${pk} = NEW.${pk} AND ${row(`${t}.`)} IS DISTINCT FROM ${row('NEW.')};`,
          `  END IF;`,
          `  RETURN NULL;`,
          `END`,
          `$sync$;`,
          `CREATE TRIGGER ${nFn} AFTER INSERT OR UPDATE OR DELETE ON ${n} FOR EACH ROW ${exec} ${nFn}();`,
        ].join('\n'),
        down: [`DROP TRIGGER IF EXISTS ${nFn} ON ${n};`, `DROP FUNCTION IF EXISTS ${nFn}();`, `DROP TRIGGER IF EXISTS ${tFn} ON ${t};`, `DROP FUNCTION IF EXISTS ${tFn}();`].join('\n'),
      }
    : {
        // MySQL forbids a trigger writing back to the table of the statement that fired it, so sync is one-way (old table -> new).
        up: [
          `CREATE TRIGGER ${ident(engine, `${bareTable(table)}_split_ins`)} AFTER INSERT ON ${t} FOR EACH ROW`,
          `  ${upsert};`,
          `CREATE TRIGGER ${ident(engine, `${bareTable(table)}_split_upd`)} AFTER UPDATE ON ${t} FOR EACH ROW`,
          `  ${upsert};`,
        ].join('\n'),
        down: [`DROP TRIGGER IF EXISTS ${ident(engine, `${bareTable(table)}_split_ins`)};`, `DROP TRIGGER IF EXISTS ${ident(engine, `${bareTable(table)}_split_upd`)};`].join('\n'),
      };
  const distinct = pg ? `${row('src.')} IS DISTINCT FROM ${row('dst.')}` : cols.map((c) => distinctSql(engine, `src.${c}`, `dst.${c}`)).join(' OR ');
  const mismatch = `SELECT COUNT(*) FROM ${t} AS src LEFT JOIN ${n} AS dst ON dst.${pk} = src.${pk} WHERE ${distinct}`;
  const spec: BackfillSpec = {
    engine,
    job: `${table}->${into}`,
    table,
    pk: facts.pk,
    pkType: facts.pkType,
    statement: (range) =>
      pg
        ? `INSERT INTO ${n} (${pk}, ${list}) SELECT ${pk}, ${list} FROM ${t} WHERE ${range} ON CONFLICT (${pk}) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} WHERE ${row(`${n}.`)} IS DISTINCT FROM ${row('EXCLUDED.')}`
        : `INSERT INTO ${n} (${pk}, ${list}) SELECT ${pk}, ${list} FROM ${t} WHERE ${range} ON DUPLICATE KEY UPDATE ${cols.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
    batch: input.batch,
  };
  const dropCols = pg ? `ALTER TABLE ${t} ${cols.map((c) => `DROP COLUMN ${c}`).join(', ')};` : `ALTER TABLE ${t} ${cols.map((c) => `DROP COLUMN ${c}`).join(', ')}, ALGORITHM=INSTANT;`;
  const addCols = pg ? `ALTER TABLE ${t} ${cols.map((c, i) => `ADD COLUMN ${c} ${types[i]}`).join(', ')};` : `ALTER TABLE ${t} ${cols.map((c, i) => `ADD COLUMN ${c} ${types[i]} NULL`).join(', ')}, ALGORITHM=INSTANT;`;
  const refill = pg ? `UPDATE ${t} AS src SET ${cols.map((c) => `${c} = dst.${c}`).join(', ')} FROM ${n} AS dst WHERE dst.${pk} = src.${pk};` : `UPDATE ${t} AS src JOIN ${n} AS dst ON dst.${pk} = src.${pk} SET ${cols.map((c) => `src.${c} = dst.${c}`).join(', ')};`;

  const phases = [
    migration(engine, version, { slug: `create-${bareTable(into)}`, title: `Create ${into} keyed by ${table}.${facts.pk}`, up: create, down: `DROP TABLE ${n};`, next: 'Install the sync triggers.' }),
    migration(engine, version, {
      slug: `sync-${bareTable(into)}`,
      title: pg ? `Keep ${into} and ${table} (${columns.join(', ')}) in sync both ways with triggers` : `Copy every write of ${columns.join(', ')} on ${table} into ${into} with triggers`,
      up: triggers.up,
      down: triggers.down,
      next: pg ? 'Backfill existing rows.' : `Backfill existing rows. New code must write ${table} (MySQL triggers cannot sync back) until the contract phase.`,
    }),
    migration(engine, version, {
      slug: `backfill-${bareTable(into)}`,
      title: `Copy ${columns.join(', ')} of existing rows into ${into}, in batches of ${input.batch.batchSize}`,
      up: backfillMigration(spec),
      down: backfillDown(spec),
      lockSql: pg ? backfillLockSql(spec) : undefined,
      commits: true,
      next: `Deploy code that reads ${columns.join(', ')} from ${into} (LEFT JOIN: a missing row means all NULL) and writes with INSERT ... ON CONFLICT (${facts.pk}) DO UPDATE.`,
    }),
    deploy('read-new-table', `Deploy code that reads from ${into}`, 'Run the verification query.'),
    verify('verify', `Verify ${into} matches ${table} on every row`, `${mismatch};`, 'Expect 0.'),
    deploy('use-new-table-only', `Deploy code that no longer reads or writes ${table}.(${columns.join(', ')})`, 'No running instance may use the old columns before the contract phase.'),
    migration(engine, version, {
      slug: `drop-${bareTable(table)}-${columns.join('-')}`,
      title: `Contract: drop the sync triggers and ${table}.(${columns.join(', ')})`,
      up: [verifyGuard(engine, mismatch, `${into} differs from ${table}`), triggers.down, dropCols].join('\n'),
      down: [addCols, refill, triggers.up].join('\n'),
      lockSql: [triggers.down, dropCols].join('\n'),
      verify: `${mismatch};`,
      next: 'Done.',
    }),
  ];
  const notes = [`Indexes and constraints on the moved columns are not copied: create them on ${into} before switching reads.`];
  return { kind: 'split-table', engine, version, title: `move ${table}.(${columns.join(', ')}) into ${into}`, phases, notes, scripts: [] };
}
