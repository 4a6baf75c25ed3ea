import type { ColumnSpec, QualifiedName } from '../../core/operations.js';
import type { PlanRef } from '../../rewrites/plans/command-line.js';

/** A table as `migrasafe plan` names it: `users`, or `app.users` when the statement qualifies it. */
export function planTable(table: QualifiedName): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

/** `users.email` (or `app.users.email`). */
export function planColumn(table: QualifiedName, column: string): string {
  return `${planTable(table)}.${column}`;
}

/**
 * The plan for a column added in one unsafe step (NOT NULL without a default, a volatile default):
 * add it nullable with the default for new rows, backfill, then (NOT NULL) prove and set it.
 * Undefined when the type is unknown; only the command when the column carries constraints the
 * plan does not restate (UNIQUE, REFERENCES, CHECK, PRIMARY KEY).
 */
export function newColumnPlan(table: QualifiedName, column: ColumnSpec): (PlanRef & { firstPhase?: false }) | undefined {
  const type = column.type?.text;
  if (!type) return undefined;
  const def = column.default && !column.default.isNull ? column.default.text : undefined;
  const extra = column.unique || column.primaryKey || column.check || !!column.references;
  const base = { 'add-column': true, type };
  const ref: PlanRef | undefined = column.notNull
    ? { kind: 'add-not-null', args: [planColumn(table, column.name)], flags: { ...base, default: def } }
    : def
      ? { kind: 'backfill', args: [planTable(table)], flags: { ...base, set: `${column.name} = ${def}` } }
      : undefined;
  return ref && extra ? { ...ref, firstPhase: false } : ref;
}
