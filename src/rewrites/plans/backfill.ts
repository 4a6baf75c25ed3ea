import { UsageError } from '../../core/errors.js';
import type { Plan, PlanInput } from './types.js';
import { columnType, required } from './args.js';
import { addColumnPhase } from './add-not-null.js';
import { migration, verify } from './phase.js';
import { backfillLockSql, backfillDown, backfillMigration, backfillScript, bareTable, deleteStatement, ident, objectName, tableName, updateStatement, type BackfillSpec } from './sql.js';

const USAGE = 'migrasafe plan backfill <table> (--set "<column> = <expr>" | --delete) [--where <condition>] [--add-column --type <type>] [--alias <a>] [--batch-size N] [--pause S] [--max-lag S]';

/** What one batch changes: an UPDATE of one column, or (--delete) a DELETE of the matching rows. */
function change(input: PlanInput, table: string): { what: string; job: string; column?: string; expression?: string; statement: BackfillSpec['statement'] } {
  const { engine } = input;
  if (input.delete) {
    if (input.set) throw new UsageError(`Give either --set or --delete, not both. Usage: ${USAGE}`);
    return { what: `delete from ${table}`, job: `${table}.delete`, statement: deleteStatement(engine, table, input.where, input.alias) };
  }
  const set = required(input.set, '--set "<column> = <expr>" (or --delete)', USAGE);
  const m = /^\s*("?[\w$]+"?|`[^`]+`)\s*=\s*([\s\S]+)$/.exec(set);
  if (!m) throw new UsageError(`--set expects "<column> = <expression>", got "${set}".`);
  const column = m[1].replace(/^["`]|["`]$/g, '');
  const assignments = `${ident(engine, column)} = ${m[2].trim()}`;
  return { what: `backfill ${table}: ${assignments}`, job: `${table}.${column}`, column, expression: m[2].trim(), statement: updateStatement(engine, table, assignments, input.where, input.alias) };
}

/** A large UPDATE (or DELETE) split into resumable primary-key-range batches, as a migration and as a standalone script. */
export function backfillPlan(input: PlanInput): Plan {
  const table = required(input.args[0], 'the table', USAGE);
  const { engine, version } = input;
  const facts = input.table(table);
  const c = change(input, table);
  // --add-column: the column is new; add it with the expression as the default for new rows, then fill the old rows.
  const added = input.addColumn && c.column ? addColumnPhase(input, table, c.column, columnType(input, table, c.column), c.expression) : undefined;
  const where = added && !input.where ? `${ident(engine, c.column!)} IS NULL` : input.where;
  if (added) c.statement = updateStatement(engine, table, `${ident(engine, c.column!)} = ${c.expression}`, where, input.alias);
  const spec: BackfillSpec = {
    engine,
    job: c.job,
    table,
    pk: facts.pk,
    pkType: facts.pkType,
    statement: c.statement,
    batch: input.batch,
    alias: input.alias,
  };
  const target = input.alias ? `${tableName(engine, table)} ${input.alias}` : tableName(engine, table);
  // With a join (`--set "... FROM other"`) the WHERE names the other table: no standalone check.
  const joins = !!c.expression && /\bfrom\b/i.test(c.expression.replace(/'(?:[^']|'')*'/g, "''"));
  const remaining = where && !joins ? `SELECT COUNT(*) FROM ${target} WHERE ${where};` : undefined;
  const scriptName = `${objectName('backfill', bareTable(table), c.column ?? 'delete')}.sh`;
  const phases = [
    ...(added ? [added] : []),
    migration(engine, version, {
      slug: c.column ? `backfill-${c.column}` : 'batched-delete',
      title: `${c.column ? `Set ${table}.${c.column}` : `Delete the matching rows of ${table}`} in batches of ${input.batch.batchSize} rows by ${facts.pk} (resumable, pauses on replica lag)`,
      up: backfillMigration(spec),
      down: backfillDown(spec),
      lockSql: engine === 'postgres' ? backfillLockSql(spec) : undefined,
      commits: true,
      next: remaining ? `Check that no row is left to ${c.column ? 'update' : 'delete'}.` : 'Done.',
    }),
    ...(remaining ? [verify('verify', `Verify no row still matches --where`, remaining, 'Expect 0 (unless the application keeps writing such rows).')] : []),
  ];
  return {
    kind: 'backfill',
    engine,
    version,
    title: `${c.what}${where ? ` where ${where}` : ''}`,
    phases,
    notes: [
      `Rows are visited once, in ${facts.pk} order; progress is saved in migrasafe_backfill_progress after every batch, so an interrupted run resumes. Delete the job's row to run it again.`,
      ...(c.column
        ? [`Rows inserted after the run started are not visited: the application must already write the new value.`]
        : [`Deleted rows cannot be restored by the down migration: take a backup (or copy the rows aside) first.`]),
    ],
    scripts: [{ name: scriptName, text: backfillScript(spec), description: `the same ${c.column ? 'backfill' : 'batched delete'} as a standalone script, run outside the migration tool` }],
  };
}
