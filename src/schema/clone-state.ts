import type { ColumnInfo, ConstraintInfo, EnumInfo, TableInfo } from './catalog.js';
import type { CatalogState } from './replay.js';

/**
 * The state a catalog copy (`Catalog.clone`) starts from: the same maps and sets (tables,
 * indexes, views, enums, ...) holding the same objects as the original. A container is copied
 * when either catalog first changes it (`Catalog.mut`), an object in it likewise
 * (`Catalog.writable`): copy-on-write at both levels.
 * Why: a rollback file, the schema before an up file with a rollback, and each revert check
 * replay on a copy of the whole schema but change a table or two; copying every table and column
 * on each copy was a tenth of the corpus run, and copying the maps alone was a quarter of a
 * 2,000-pair golang-migrate directory over 1,000 tables.
 */
export function shareState(s: CatalogState): CatalogState {
  return { ...s, defaultSearchPath: [...s.defaultSearchPath], searchPath: [...s.searchPath] };
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
