import type { Statement } from '../core/statement.js';
import type { ColumnSpec, ConstraintSpec, QualifiedName, TypeSpec } from '../core/operations.js';

/**
 * Where an object came from, relative to the statement being checked: created earlier in the
 * same file, in another file of the release being linted, or already deployed before it.
 */
export type Origin = 'file' | 'release' | 'before';

export interface ColumnInfo {
  name: string;
  type?: TypeSpec;
  notNull: boolean;
  hasDefault: boolean;
  /** Source text of the default expression, when it has one. */
  default?: string;
  identity: boolean;
  generated?: 'stored' | 'virtual';
  /** MySQL: the column's own CHARACTER SET (absent: the table's default). */
  charset?: string;
  /** MySQL: the column's own COLLATE, when written. */
  collate?: string;
  origin: Origin;
}

export interface ConstraintInfo {
  name: string;
  type: ConstraintSpec['type'];
  columns: string[];
  /** False while `NOT VALID` (until `VALIDATE CONSTRAINT`). */
  validated: boolean;
  checksNotNullOf?: string;
  expression?: string;
  references?: { table: QualifiedName; columns: string[] };
  origin: Origin;
}

export interface IndexInfo {
  name: string;
  schema: string;
  /** Key (`schema.table`) of the indexed table. */
  table: string;
  unique: boolean;
  partial: boolean;
  /** Source text of a partial index's WHERE predicate. */
  predicate?: string;
  /** False for `CREATE INDEX ON ONLY` a partitioned table until every partition's index is attached. */
  valid: boolean;
  columns: string[];
  /** The index backs a PRIMARY KEY / UNIQUE / EXCLUDE constraint of the same name. */
  constraint?: string;
  origin: Origin;
}

export interface TableInfo {
  schema: string;
  name: string;
  columns: Map<string, ColumnInfo>;
  constraints: Map<string, ConstraintInfo>;
  origin: Origin;
  partitioned: boolean;
  temporary?: boolean;
  /** Created on first mention because the history did not show its creation. */
  placeholder?: boolean;
  /** False when some columns came from somewhere the replay cannot see (`AS SELECT`, `LIKE`, a placeholder). */
  columnsComplete: boolean;
  /** False when constraint names may be unknown (LIKE ... INCLUDING, INHERITS, unnamed CHECKs over several columns). */
  constraintsComplete: boolean;
  /** MySQL: the table's default character set when the history names one (else the database/server default). */
  charset?: string;
}

export interface EnumInfo {
  schema: string;
  name: string;
  values: string[];
  origin: Origin;
}

export interface ViewInfo {
  schema: string;
  name: string;
  materialized: boolean;
  origin: Origin;
}

/**
 * Whether an object exists just before the statement. `unknown` when the replay cannot tell:
 * the history is partial (a single file, a baseline the directory does not hold), a statement the
 * catalog cannot follow (DO block, dynamic SQL) may have created it, or it lives in a schema the
 * history never creates (managed by someone else).
 */
export type Existence = 'exists' | 'missing' | 'unknown';

/**
 * The schema as it stands just before a statement. Rules read it through this interface; the
 * replay in `schema/` keeps it current. Names are already folded (unquoted to lower case); an
 * unqualified name is looked up through the `search_path` in force.
 */
export interface SchemaView {
  table(name: QualifiedName): TableInfo | undefined;
  column(table: QualifiedName, column: string): ColumnInfo | undefined;
  index(name: QualifiedName): IndexInfo | undefined;
  constraint(table: QualifiedName, name: string): ConstraintInfo | undefined;
  /** Indexes on a table (including those backing its constraints). */
  indexesOf(table: QualifiedName): IndexInfo[];
  enumType(name: QualifiedName): EnumInfo | undefined;
  view(name: QualifiedName): ViewInfo | undefined;
  hasSchema(name: string): boolean;
  /** The schema an unqualified name resolves to (or is created in), following `search_path`. */
  resolve(name: QualifiedName): { schema: string; name: string };
  readonly searchPath: readonly string[];
  /** Is the table created in this file or in this release (so no live traffic or data depend on it)? */
  isNewTable(name: QualifiedName): boolean;
  /** Is the column new: its table is new, or the column was added in this file or release? */
  isNewColumn(table: QualifiedName, column: string): boolean;
  /** A validated `CHECK (col IS NOT NULL)` exists on the column. */
  hasValidatedNotNullCheck(table: QualifiedName, column: string): boolean;
  tableExists(name: QualifiedName): Existence;
  columnExists(table: QualifiedName, column: string): Existence;
  indexExists(name: QualifiedName): Existence;
  constraintExists(table: QualifiedName, name: string): Existence;
  /** The column exists and the history that created it is complete and followed (for "ADD COLUMN of an existing column"). */
  columnSurelyExists(table: QualifiedName, column: string): boolean;
  /** True when the history was replayed (the table set is complete enough to call things unknown). */
  readonly complete: boolean;
  /** Why the replay cannot follow this statement (a DO block or function doing DDL, dynamic SQL), if it cannot. */
  gapOf(statement: Statement): { reason: string } | undefined;
  /** How many statements of the current file the replay could not follow so far. */
  readonly gapsInFile: number;
}

export function columnInfoFromSpec(spec: ColumnSpec, origin: Origin): ColumnInfo {
  const hasDefault = !!spec.default && !spec.default.isNull;
  return {
    name: spec.name,
    type: spec.type,
    notNull: spec.notNull,
    hasDefault: hasDefault || spec.serial,
    default: hasDefault ? spec.default?.text : undefined,
    identity: spec.identity || spec.serial,
    generated: spec.generated,
    ...(spec.charset ? { charset: spec.charset } : {}),
    ...(spec.collate ? { collate: spec.collate } : {}),
    origin,
  };
}
