import type { QualifiedName } from '../../core/operations.js';
import type { Engine } from '../../core/types.js';
import type { Version } from '../../engines/version.js';
import { BATCH_SIZE } from './backfill.js';
import { dialectFor } from './dialect.js';
import type { SchemaView } from '../../schema/catalog.js';

/**
 * No running code can read the column, so dropping or renaming it breaks nothing: it was added
 * earlier in this file or release, or the complete history never had it (the statement fails, or
 * a DO block's IF EXISTS guard skips it: unknown-object's concern, not a breaking change).
 */
export function columnHasNoReaders(schema: SchemaView, table: QualifiedName, column: string): boolean {
  return schema.isNewColumn(table, column) || (schema.complete && schema.columnExists(table, column) === 'missing');
}

/** One deploy of an expand-migrate-contract sequence: what ships, and the SQL when it is a migration. */
export interface DeployStep {
  title: string;
  sql?: string[];
  notes?: string[];
}

/** Numbered deploys as commented SQL, ready to paste into separate migrations. */
export function stepsText(intro: string, steps: DeployStep[]): string {
  const out = [`-- ${intro}`, `-- Each step is a separate deploy; do not start one before the previous is live everywhere.`];
  steps.forEach((s, i) => {
    out.push(`-- ${i + 1}. ${s.title}`);
    for (const n of s.notes ?? []) out.push(`--    ${n}`);
    for (const l of s.sql ?? []) out.push(l);
  });
  return out.join('\n');
}

interface RenameColumnInput {
  engine: Engine;
  version: Version;
  table: QualifiedName;
  column: string;
  newName: string;
  /** The column's type when the schema knows it. */
  typeText?: string;
}

/** The seven deploys that rename a column without breaking the running code. */
export function renameColumnSteps(i: RenameColumnInput): DeployStep[] {
  const d = dialectFor(i.engine, i.version);
  const t = d.name(i.table);
  const o = d.ident(i.column);
  const n = d.ident(i.newName);
  return [
    { title: `Expand (migration): add the new column.`, sql: [`ALTER TABLE ${t} ADD COLUMN ${n} ${i.typeText ?? `<type of ${i.column}>`};`] },
    {
      title: `Dual-write: deploy code that writes both ${i.column} and ${i.newName}; for instances still on the old code, keep them in sync with a trigger (migration):`,
      sql: d.syncColumnsTrigger(i.table, i.column, i.newName),
    },
    {
      title: `Backfill (separate data migration, in batches of ${BATCH_SIZE} rows by primary key):`,
      notes: [`migrasafe plan backfill ${i.table.name} --set "${i.newName} = ${i.column}" --where "${i.newName} IS NULL"`],
    },
    { title: `Switch reads: deploy code that reads ${i.newName}.` },
    { title: `Verify (must return 0), and watch errors for a while:`, sql: [`SELECT count(*) FROM ${t} WHERE ${d.isDistinct(n, o)};`] },
    { title: `Stop using the old column: deploy code that no longer reads or writes ${i.column}, then drop the trigger (migration):`, sql: d.dropSyncTrigger(i.table, i.column) },
    { title: `Contract (migration, next release): drop the old column.`, sql: [`ALTER TABLE ${t} DROP COLUMN ${o};`] },
  ];
}

export function renameTableSteps(engine: Engine, version: Version, table: QualifiedName, newName: string): DeployStep[] {
  const d = dialectFor(engine, version);
  return [
    { title: `Expand (migration): rename and keep the old name working through a view.`, sql: d.renameTableWithCompat(table, newName) },
    { title: `Switch: deploy code that uses ${newName} only.` },
    { title: `Verify that nothing uses the old name any more (application logs, query statistics).` },
    { title: `Contract (migration, next release): drop the compatibility view.`, sql: [d.dropCompat(table)] },
  ];
}

export function dropColumnSteps(engine: Engine, version: Version, table: QualifiedName, column: string): DeployStep[] {
  const d = dialectFor(engine, version);
  const t = d.name(table);
  const c = d.ident(column);
  return [
    { title: `Deploy code that no longer reads or writes ${column} (ORMs: mark it ignored first, so \`SELECT *\` mappings do not ask for it).` },
    {
      title: `Verify nothing uses it (application logs, query statistics); optionally keep the data, keyed by the primary key:`,
      sql: [`CREATE TABLE ${d.ident(`${table.name}_${column}_backup`.slice(0, 63))} AS SELECT <primary key>, ${c} FROM ${t};`],
    },
    { title: `Contract (migration, next release): drop the column.`, sql: [`ALTER TABLE ${t} DROP COLUMN ${c};`] },
  ];
}

export function dropTableSteps(engine: Engine, version: Version, table: QualifiedName): DeployStep[] {
  const d = dialectFor(engine, version);
  const t = d.name(table);
  const parkedName = `${table.name}_deprecated`.slice(0, 63);
  const parked = d.ident(parkedName);
  return [
    { title: `Deploy code that no longer reads or writes ${table.name}.` },
    { title: `Verify nothing touches it: run this twice, a day apart; the counters must not move.`, sql: [d.tableUsageQuery(table)] },
    {
      title: `Optionally keep a backup and park it first (reversible with one rename):`,
      sql: [`-- ${d.backupTableCommand(table)}`, `ALTER TABLE ${t} RENAME TO ${parked};`],
    },
    { title: `Contract (migration, next release): drop it.`, sql: [`DROP TABLE ${d.name({ schema: table.schema, name: parkedName })};`] },
  ];
}

export function dropNotNullSteps(column: string, alterSql: string): DeployStep[] {
  return [
    { title: `Deploy code whose readers handle NULL in ${column} (null checks, ORM field made optional), while writers still always set it.` },
    { title: `Migration: drop the constraint.`, sql: [alterSql] },
    { title: `Only then deploy code that may write NULL into ${column}.` },
  ];
}
