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
  identity: boolean;
  generated?: 'stored' | 'virtual';
  origin: Origin;
}

export interface ConstraintInfo {
  name: string;
  type: ConstraintSpec['type'];
  columns: string[];
  validated: boolean;
  checksNotNullOf?: string;
  origin: Origin;
}

export interface IndexInfo {
  name: string;
  table: string;
  unique: boolean;
  partial: boolean;
  valid: boolean;
  columns: string[];
  origin: Origin;
}

export interface TableInfo {
  schema: string;
  name: string;
  columns: Map<string, ColumnInfo>;
  constraints: Map<string, ConstraintInfo>;
  origin: Origin;
  partitioned: boolean;
  /** Created on first mention because the history did not show its creation. */
  placeholder?: boolean;
}

/**
 * The schema as it stands just before a statement. Rules read it through this interface; the
 * replay in `schema/` keeps it current. Names are already folded (unquoted to lower case).
 */
export interface SchemaView {
  table(name: QualifiedName): TableInfo | undefined;
  column(table: QualifiedName, column: string): ColumnInfo | undefined;
  index(name: QualifiedName): IndexInfo | undefined;
  /** Is the table created in this file or in this release (so no live traffic or data depend on it)? */
  isNewTable(name: QualifiedName): boolean;
  /** A validated `CHECK (col IS NOT NULL)` exists on the column. */
  hasValidatedNotNullCheck(table: QualifiedName, column: string): boolean;
  /** True when the history was replayed (the table set is complete enough to call things unknown). */
  readonly complete: boolean;
}

export function columnInfoFromSpec(spec: ColumnSpec, origin: Origin): ColumnInfo {
  return {
    name: spec.name,
    type: spec.type,
    notNull: spec.notNull,
    hasDefault: !!spec.default && !spec.default.isNull,
    identity: spec.identity || spec.serial,
    generated: spec.generated,
    origin,
  };
}
