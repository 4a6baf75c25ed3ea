import type { ColumnInfo, ConstraintInfo, EnumInfo, TableInfo } from './catalog.js';
import type { CatalogState } from './replay.js';

/**
 * The state a catalog copy (`Catalog.clone`) starts from: its own containers (maps, sets,
 * search paths), holding the same table, index, view and enum objects as the original. Those
 * are copied one by one when either catalog first changes them (copy-on-write, `Catalog.writable`).
 * Why: a rollback file, the schema before an up file with a rollback, and each revert check
 * replay on a copy of the whole schema but change a table or two; copying every table and column
 * on each copy was a tenth of the corpus run.
 */
export function shareState(s: CatalogState): CatalogState {
  return {
    ...s,
    defaultSearchPath: [...s.defaultSearchPath],
    searchPath: [...s.searchPath],
    schemas: new Set(s.schemas),
    tables: new Map(s.tables),
    views: new Map(s.views),
    indexes: new Map(s.indexes),
    enums: new Map(s.enums),
    sequences: new Set(s.sequences),
    types: new Set(s.types),
    functions: new Map(s.functions),
    gapNames: new Set(s.gapNames),
  };
}

/**
 * A table the replay may change: its column and constraint maps and the objects in them are its
 * own. Values only ever replaced whole (column types, column lists, FK targets) stay shared.
 */
export function copyTable(t: TableInfo): TableInfo {
  const columns = new Map<string, ColumnInfo>();
  for (const [n, c] of t.columns) columns.set(n, { ...c });
  const constraints = new Map<string, ConstraintInfo>();
  for (const [n, c] of t.constraints) constraints.set(n, { ...c });
  return { ...t, columns, constraints };
}

/** An enum the replay may change (its value list is appended to in place). */
export function copyEnum(e: EnumInfo): EnumInfo {
  return { ...e, values: [...e.values] };
}

/** Indexes and views: flat objects. */
export function copyFlat<T extends object>(v: T): T {
  return { ...v };
}
