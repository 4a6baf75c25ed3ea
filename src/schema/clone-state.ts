import type { ColumnInfo, ConstraintInfo, TableInfo } from './catalog.js';
import type { CatalogState } from './replay.js';

/**
 * A copy of the catalog state for a rollback file or a release member, which replay on their own
 * copy of the schema. Objects the replay changes field by field (tables, columns, constraints,
 * indexes, views, enums) and every Map/Set/array it changes in place are copied; values it only
 * ever replaces whole (column types, column lists, FK targets, gaps) are shared. On a long history
 * `structuredClone` of the whole state was a fifth of the corpus run; this is several times cheaper.
 */
export function cloneState(s: CatalogState): CatalogState {
  const tables = new Map<string, TableInfo>();
  for (const [k, t] of s.tables) {
    const columns = new Map<string, ColumnInfo>();
    for (const [n, c] of t.columns) columns.set(n, { ...c });
    const constraints = new Map<string, ConstraintInfo>();
    for (const [n, c] of t.constraints) constraints.set(n, { ...c });
    tables.set(k, { ...t, columns, constraints });
  }
  return {
    ...s,
    defaultSearchPath: [...s.defaultSearchPath],
    searchPath: [...s.searchPath],
    schemas: new Set(s.schemas),
    tables,
    views: copyValues(s.views),
    indexes: copyValues(s.indexes),
    enums: new Map([...s.enums].map(([k, e]) => [k, { ...e, values: [...e.values] }])),
    sequences: new Set(s.sequences),
    types: new Set(s.types),
    functions: new Map(s.functions),
    gapNames: new Set(s.gapNames),
  };
}

function copyValues<T extends object>(m: Map<string, T>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) out.set(k, { ...v });
  return out;
}
