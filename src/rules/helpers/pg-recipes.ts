import type { QualifiedName, TypeSpec } from '../../core/operations.js';
import { pgSince } from '../../engines/postgres/version-facts.js';
import { atLeast, type Version } from '../../engines/version.js';
import { quoteIdent, quoteName } from './sql-text.js';

/**
 * The safe multi-step alternatives, as SQL text with the user's own names. Several rules share
 * them (set-not-null and add-primary-key both need the NOT NULL recipe), so they live here.
 */

const ident63 = (s: string) => quoteIdent(s.slice(0, 63));

/** Name for the temporary NOT NULL constraint: `<table>_<column>_not_null`. */
export function notNullConstraintName(table: QualifiedName, column: string): string {
  return `${table.name}_${column}_not_null`.slice(0, 63);
}

/** Steps that make `column` NOT NULL without a long ACCESS EXCLUSIVE scan, for this version. */
export function notNullSteps(table: QualifiedName, column: string, version: Version): string[] {
  const t = quoteName(table);
  const col = quoteIdent(column);
  const check = quoteIdent(notNullConstraintName(table, column));
  if (atLeast(version, pgSince.notNullNotValid)) {
    return [
      `ALTER TABLE ${t} ADD CONSTRAINT ${check} NOT NULL ${col} NOT VALID;`,
      `-- in a separate transaction, after old rows are backfilled:`,
      `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
    ];
  }
  if (atLeast(version, pgSince.notNullViaCheck)) {
    return [
      `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${col} IS NOT NULL) NOT VALID;`,
      `-- in a separate transaction, after old rows are backfilled:`,
      `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
      `ALTER TABLE ${t} ALTER COLUMN ${col} SET NOT NULL; -- no scan: the valid CHECK proves it`,
      `ALTER TABLE ${t} DROP CONSTRAINT ${check};`,
    ];
  }
  return [
    `-- PostgreSQL ${version.major} always scans for SET NOT NULL; enforce it with a CHECK instead:`,
    `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${col} IS NOT NULL) NOT VALID;`,
    `-- in a separate transaction:`,
    `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
  ];
}

/** `CREATE UNIQUE INDEX CONCURRENTLY` then `ADD CONSTRAINT ... UNIQUE|PRIMARY KEY USING INDEX`. */
export function uniqueViaIndexSteps(table: QualifiedName, columns: string[], constraintName: string, kind: 'UNIQUE' | 'PRIMARY KEY'): string[] {
  const t = quoteName(table);
  const name = ident63(constraintName);
  return [
    `-- outside a transaction block: builds the index while reads and writes continue`,
    `CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${t} (${columns.map(quoteIdent).join(', ')});`,
    `-- then (brief ACCESS EXCLUSIVE lock, no index build; the index is renamed to the constraint):`,
    `ALTER TABLE ${t} ADD CONSTRAINT ${name} ${kind} USING INDEX ${name};`,
  ];
}

/** Expand-migrate-contract for a column type change: new column, dual write, backfill, switch, drop. */
export function typeChangeSteps(table: QualifiedName, column: string, type: TypeSpec, using?: string): string[] {
  const t = quoteName(table);
  const col = quoteIdent(column);
  const fresh = ident63(`${column}_new`);
  const expr = using ?? `${col}::${type.text}`;
  return [
    `-- release 1 (expand): a new column; the application (or a trigger) writes both`,
    `ALTER TABLE ${t} ADD COLUMN ${fresh} ${type.text};`,
    `-- data migration: backfill in batches (migrasafe plan backfill ${table.name} --set "${column}_new = ${expr.replace(/"/g, '\\"')}")`,
    `UPDATE ${t} SET ${fresh} = ${expr} WHERE ${fresh} IS NULL AND ctid IN (SELECT ctid FROM ${t} WHERE ${fresh} IS NULL LIMIT 10000);`,
    `-- release 2: read from ${column}_new; release 3 (contract), once nothing reads the old column:`,
    `ALTER TABLE ${t} DROP COLUMN ${col};`,
    `ALTER TABLE ${t} RENAME COLUMN ${fresh} TO ${col};`,
  ];
}

/** A length limit enforced by a CHECK instead of a rewrite to varchar(n). */
export function lengthCheckSteps(table: QualifiedName, column: string, max: number): string[] {
  const t = quoteName(table);
  const col = quoteIdent(column);
  const name = ident63(`${table.name}_${column}_length`);
  return [
    `ALTER TABLE ${t} ADD CONSTRAINT ${name} CHECK (char_length(${col}) <= ${max}) NOT VALID;`,
    `-- in a separate transaction:`,
    `ALTER TABLE ${t} VALIDATE CONSTRAINT ${name};`,
  ];
}
