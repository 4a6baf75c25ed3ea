import { UsageError } from '../../core/errors.js';
import type { Plan, PlanInput } from './types.js';
import { required } from './args.js';
import { migration, verify } from './phase.js';
import { backfillLockSql, backfillDown, backfillMigration, backfillScript, bareTable, ident, objectName, tableName, updateStatement, type BackfillSpec } from './sql.js';

const USAGE = 'migrasafe plan backfill <table> --set "<column> = <expr>" [--where <condition>] [--batch-size N] [--pause S] [--max-lag S]';

/** A large UPDATE split into resumable primary-key-range batches, as a migration and as a standalone script. */
export function backfillPlan(input: PlanInput): Plan {
  const table = required(input.args[0], 'the table', USAGE);
  const set = required(input.set, '--set "<column> = <expr>"', USAGE);
  const m = /^\s*("?[\w$]+"?|`[^`]+`)\s*=\s*([\s\S]+)$/.exec(set);
  if (!m) throw new UsageError(`--set expects "<column> = <expression>", got "${set}".`);
  const column = m[1].replace(/^["`]|["`]$/g, '');
  const { engine, version } = input;
  const facts = input.table(table);
  const c = ident(engine, column);
  const assignments = `${c} = ${m[2].trim()}`;
  const spec: BackfillSpec = {
    engine,
    job: `${table}.${column}`,
    table,
    pk: facts.pk,
    pkType: facts.pkType,
    statement: updateStatement(engine, table, assignments, input.where),
    batch: input.batch,
  };
  const remaining = input.where ? `SELECT COUNT(*) FROM ${tableName(engine, table)} WHERE ${input.where};` : undefined;
  const scriptName = `${objectName('backfill', bareTable(table), column)}.sh`;
  const phases = [
    migration(engine, version, {
      slug: `backfill-${column}`,
      title: `Set ${table}.${column} in batches of ${input.batch.batchSize} rows by ${facts.pk} (resumable, pauses on replica lag)`,
      up: backfillMigration(spec),
      down: backfillDown(spec),
      lockSql: engine === 'postgres' ? backfillLockSql(spec) : undefined,
      commits: true,
      next: remaining ? 'Check that no row is left to update.' : 'Done.',
    }),
    ...(remaining ? [verify('verify', `Verify no row still matches --where`, remaining, 'Expect 0 (unless the application keeps writing such rows).')] : []),
  ];
  return {
    kind: 'backfill',
    engine,
    version,
    title: `backfill ${table}: ${assignments}${input.where ? ` where ${input.where}` : ''}`,
    phases,
    notes: [
      `Rows are visited once, in ${facts.pk} order; progress is saved in migrasafe_backfill_progress after every batch, so an interrupted run resumes. Delete the job's row to run it again.`,
      `Rows inserted after the run started are not visited: the application must already write the new value.`,
    ],
    scripts: [{ name: scriptName, text: backfillScript(spec), description: 'the same backfill as a standalone script, run outside the migration tool' }],
  };
}
