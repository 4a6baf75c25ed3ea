import type { Plan, PlanInput } from './types.js';
import { required, tableColumn } from './args.js';
import { deploy, migration, verify } from './phase.js';
import { notNullPhases } from './add-not-null.js';
import { backfillLockSql, backfillDown, backfillMigration, bareTable, ident, distinctSql, identity, objectName, syncTrigger, tableName, updateStatement, verifyGuard, type BackfillSpec, type Conversion } from './sql.js';
import { UsageError } from '../../core/errors.js';

const USAGE = 'migrasafe plan change-type <table>.<column> <new type> [--type <current type>]';

/**
 * Change a column's type without a table rewrite under ACCESS EXCLUSIVE: add a column of the new
 * type, keep it in sync, backfill, then swap names in one quick transaction (the old column is
 * kept, synced the other way, for rollback) and drop it in a later release.
 */
export function changeTypePlan(input: PlanInput): Plan {
  const { table, column } = tableColumn(input.args[0], USAGE);
  const newType = required(input.args[1], 'the new type', USAGE);
  const { engine, version } = input;
  const facts = input.table(table);
  const oldType = input.type ?? facts.columns.get(column)?.type;
  if (!oldType) throw new UsageError(`The current type of ${table}.${column} is unknown: give --type <current type>, or run from the project so the migration history can be read (--dir).`);
  const notNull = !!facts.columns.get(column)?.notNull;
  const shadow = objectName(column, 'new');
  const retired = objectName(column, 'old');
  const t = tableName(engine, table);
  const c = ident(engine, column);
  const s = ident(engine, shadow);
  const r = ident(engine, retired);
  const pg = engine === 'postgres';
  const conv: Conversion = pg ? { toNew: (x) => `(${x})::${newType}`, toOld: (x) => `(${x})::${oldType}` } : identity;
  const forward = syncTrigger({ engine, version, table, oldColumn: column, newColumn: shadow, conversion: conv, name: objectName('migrasafe_sync', bareTable(table), shadow) });
  const backward = syncTrigger({ engine, version, table, oldColumn: retired, newColumn: column, conversion: conv, name: objectName('migrasafe_sync', bareTable(table), retired) });
  const distinct = (a: string, b: string) => distinctSql(engine, a, b);
  const mismatch = `SELECT COUNT(*) FROM ${t} WHERE ${distinct(s, conv.toNew(c))}`;
  const spec: BackfillSpec = {
    engine,
    job: `${table}.${shadow}`,
    table,
    pk: facts.pk,
    pkType: facts.pkType,
    statement: updateStatement(engine, table, `${s} = ${conv.toNew(c)}`, distinct(s, conv.toNew(c))),
    batch: input.batch,
  };
  const add = (col: string, type: string) => (pg ? `ALTER TABLE ${t} ADD COLUMN ${col} ${type};` : `ALTER TABLE ${t} ADD COLUMN ${col} ${type} NULL, ALGORITHM=INSTANT;`);
  const drop = (col: string) => (pg ? `ALTER TABLE ${t} DROP COLUMN ${col};` : `ALTER TABLE ${t} DROP COLUMN ${col}, ALGORITHM=INSTANT;`);
  const rename = (a: string, b: string) => `ALTER TABLE ${t} RENAME COLUMN ${a} TO ${b};`;
  const swapAfter = `SELECT COUNT(*) FROM ${t} WHERE ${distinct(c, conv.toNew(r))}`;
  const phases = [
    migration(engine, version, { slug: `add-${shadow}`, title: `Add ${table}.${shadow} ${newType} (nullable, no default: no rewrite)`, up: add(s, newType), down: drop(s), next: 'Create the sync trigger.' }),
    migration(engine, version, {
      slug: `sync-${shadow}`,
      title: `Keep ${shadow} equal to ${column} (converted) on every write`,
      up: forward.up,
      down: forward.down,
      next: 'Backfill existing rows.',
    }),
    migration(engine, version, {
      slug: `backfill-${shadow}`,
      title: `Copy ${column} into ${shadow} for existing rows, in batches of ${input.batch.batchSize}`,
      up: backfillMigration(spec),
      down: backfillDown(spec),
      lockSql: pg ? backfillLockSql(spec) : undefined,
      commits: true,
      next: 'Run the verification query.',
    }),
    verify('verify', `Verify ${shadow} matches ${column} on every row`, `${mismatch};`, 'Expect 0.'),
    ...(notNull ? notNullPhases(input, table, shadow, newType, undefined) : []),
    migration(engine, version, {
      slug: `swap-${column}`,
      title: `Swap: ${column} becomes the ${newType} column; the old values stay in ${retired}, kept in sync for rollback`,
      up: [verifyGuard(engine, mismatch, `${table}.${shadow} differs from ${column}`), forward.down, rename(c, r), rename(s, c), backward.up].join('\n'),
      down: [backward.down, rename(c, s), rename(r, c), forward.up].join('\n'),
      lockSql: [forward.down, rename(c, r), rename(s, c), backward.up].join('\n'),
      verify: `${mismatch};`,
      next: `Deploy and run the application against the new type; keep ${retired} until you are sure you will not roll back.`,
    }),
    deploy('use-new-type', `Deploy code that no longer mentions ${retired}`, `Verify nothing reads ${retired}.`),
    migration(engine, version, {
      slug: `drop-${retired}`,
      title: `Contract: drop ${retired} and its sync trigger`,
      up: [backward.down, drop(r)].join('\n'),
      down: [add(r, oldType), `UPDATE ${t} SET ${r} = ${conv.toOld(c)};`, ...(notNull ? [pg ? `ALTER TABLE ${t} ALTER COLUMN ${r} SET NOT NULL;` : `ALTER TABLE ${t} MODIFY ${r} ${oldType} NOT NULL;`] : []), backward.up].join('\n'),
      verify: `${swapAfter};`,
      next: 'Done.',
    }),
  ];
  const notes = [
    `Indexes, constraints and defaults on ${column} are not copied: create them on ${shadow} (CREATE INDEX CONCURRENTLY) before the swap.`,
    `Values that do not convert make the sync trigger and the backfill fail loudly; clean them first.`,
    `Until the contract phase drops ${retired}, every value must still fit ${oldType} (the rollback column is kept in sync, and a write that does not fit fails). Write values only ${newType} can hold after it.`,
    ...(pg ? [] : ['MySQL: changing a type in place with ALGORITHM=INPLACE is not possible for most types (COPY blocks writes); this plan or gh-ost/pt-online-schema-change avoids it.']),
  ];
  return { kind: 'change-type', engine, version, title: `change ${table}.${column} from ${oldType} to ${newType}`, phases, notes, scripts: [] };
}
