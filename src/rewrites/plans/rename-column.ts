import type { Plan, PlanInput } from './types.js';
import { columnType, required, tableColumn } from './args.js';
import { deploy, migration, verify } from './phase.js';
import { backfillDown, backfillMigration, distinctSql, backfillLockSql, ident, identity, objectName, syncTrigger, tableName, updateStatement, verifyGuard, bareTable, type BackfillSpec } from './sql.js';
import { notNullPhases } from './add-not-null.js';

const USAGE = 'migrasafe plan rename-column <table>.<old> <new> [--type <type>]';

/**
 * Rename a column without breaking the running application: add the new column, keep both in
 * sync while old and new code run, backfill, move reads, verify, move writes, drop the old one.
 */
export function renameColumnPlan(input: PlanInput): Plan {
  const { table, column: old } = tableColumn(input.args[0], USAGE);
  const neu = required(input.args[1], 'the new column name', USAGE);
  const { engine, version } = input;
  const type = columnType(input, table, old);
  const facts = input.table(table);
  const t = tableName(engine, table);
  const o = ident(engine, old);
  const n = ident(engine, neu);
  const name = objectName('migrasafe_sync', bareTable(table), neu);
  const trigger = syncTrigger({ engine, version, table, oldColumn: old, newColumn: neu, conversion: identity, name });
  const mismatch = `SELECT COUNT(*) FROM ${t} WHERE ${distinctSql(engine, n, o)}`;
  const backfill: BackfillSpec = {
    engine,
    job: `${table}.${neu}`,
    table,
    pk: facts.pk,
    pkType: facts.pkType,
    statement: updateStatement(engine, table, `${n} = ${o}`, distinctSql(engine, n, o)),
    batch: input.batch,
  };
  const addColumn = engine === 'postgres' ? `ALTER TABLE ${t} ADD COLUMN ${n} ${type};` : `ALTER TABLE ${t} ADD COLUMN ${n} ${type} NULL, ALGORITHM=INSTANT;`;
  const dropNew = engine === 'postgres' ? `ALTER TABLE ${t} DROP COLUMN ${n};` : `ALTER TABLE ${t} DROP COLUMN ${n}, ALGORITHM=INSTANT;`;
  const dropOld = engine === 'postgres' ? `ALTER TABLE ${t} DROP COLUMN ${o};` : `ALTER TABLE ${t} DROP COLUMN ${o}, ALGORITHM=INSTANT;`;
  const reAddOld = engine === 'postgres' ? `ALTER TABLE ${t} ADD COLUMN ${o} ${type};` : `ALTER TABLE ${t} ADD COLUMN ${o} ${type} NULL, ALGORITHM=INSTANT;`;
  const oldNotNull = facts.columns.get(old)?.notNull;

  const phases = [
    migration(engine, version, {
      slug: `add-${neu}`,
      title: `Add ${table}.${neu} (nullable, no default: no rewrite)`,
      up: addColumn,
      down: dropNew,
      next: 'Nothing to deploy yet; the application does not know the new column.',
    }),
    ...(input.trigger
      ? [
          migration(engine, version, {
            slug: `sync-${old}-${neu}`,
            title: `Keep ${old} and ${neu} in sync with a trigger (covers application versions that write only one of them)`,
            up: trigger.up,
            down: trigger.down,
            next: `Deploy the dual-write release: it writes both ${old} and ${neu} (still reads ${old}).`,
          }),
        ]
      : [deploy('dual-write', `Deploy code that writes both ${old} and ${neu} (still reads ${old})`, `Every running instance must write both columns before the backfill starts.`)]),
    migration(engine, version, {
      slug: `backfill-${neu}`,
      title: `Copy ${old} into ${neu} for existing rows, in batches of ${input.batch.batchSize}`,
      up: backfillMigration(backfill),
      down: backfillDown(backfill),
      lockSql: engine === 'postgres' ? backfillLockSql(backfill) : undefined,
      commits: true,
      next: `Deploy code that reads ${neu} (and still writes both).`,
    }),
    deploy('read-new', `Deploy code that reads ${neu} and writes both columns`, `Run the verification query.`),
    verify('verify', `Verify the columns agree, and monitor errors`, `${mismatch};`, `Expect 0. Then deploy code that uses only ${neu}.`),
    ...(oldNotNull ? notNullPhases(input, table, neu, type, undefined) : []),
    deploy('use-new-only', `Deploy code that uses only ${neu}`, `No running instance may read or write ${old} before the contract phase.`),
    migration(engine, version, {
      slug: `drop-${old}`,
      title: `Contract: drop the sync trigger and ${table}.${old}`,
      up: [verifyGuard(engine, mismatch, `${table}.${neu} differs from ${old}`), input.trigger ? trigger.down : '', dropOld].filter(Boolean).join('\n'),
      down: [reAddOld, `UPDATE ${t} SET ${o} = ${n};`, oldNotNull ? (engine === 'postgres' ? `ALTER TABLE ${t} ALTER COLUMN ${o} SET NOT NULL;` : `ALTER TABLE ${t} MODIFY ${o} ${type} NOT NULL;`) : '', input.trigger ? trigger.up : ''].filter(Boolean).join('\n'),
      lockSql: [input.trigger ? trigger.down : '', dropOld].filter(Boolean).join('\n'),
      verify: `${mismatch};`,
      next: 'Done.',
    }),
  ];
  const notes = [
    `Indexes, constraints, defaults and grants on ${old} are not copied: recreate those you need on ${neu} (indexes with CREATE INDEX CONCURRENTLY) before the contract phase.`,
    ...(oldNotNull ? [`${old} is NOT NULL, so ${neu} is made NOT NULL without a long lock before the contract phase.`] : []),
  ];
  return { kind: 'rename-column', engine, version, title: `rename column ${table}.${old} to ${neu}`, phases, notes, scripts: [] };
}
