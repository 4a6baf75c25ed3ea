import type { QualifiedName } from '../../core/operations.js';
import type { SchemaView } from '../../schema/catalog.js';

/** Rows per batch in the templates: inside the 10k–100k range that keeps each transaction short. */
export const BATCH_SIZE = 10000;

/** The single-column primary key the catalog knows for a table, else `id`. */
export function batchKey(schema: SchemaView, table: QualifiedName): { column: string; known: boolean } {
  const t = schema.table(table);
  for (const c of t?.constraints.values() ?? []) {
    if (c.type === 'primary-key' && c.columns.length === 1) return { column: c.columns[0], known: true };
  }
  return { column: 'id', known: !!t?.columns.has('id') };
}

/**
 * Does the WHERE pin the statement to a handful of rows: an equality between a key column and a
 * literal, as a top-level AND term (`WHERE id = 42`, `WHERE "id" = 'platform' AND ...`)?
 */
export function whereTargetsKey(where: string, keys: readonly string[]): boolean {
  // An OR at the top level can widen the set again; keep it simple and do not exempt it.
  if (/\bor\b/i.test(where.replace(/'(?:[^']|'')*'/g, "''"))) return false;
  const term = /(?:^|\band\s+|\()\s*(?:[A-Za-z_"][\w"]*\.)?"?([A-Za-z_][\w$]*)"?\s*=\s*(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?|\$\d+)(?:::[\w ]+)?\s*(?=$|\band\b|\))/gi;
  for (const m of where.matchAll(term)) {
    if (keys.includes(m[1].toLowerCase()) || keys.includes(m[1])) return true;
  }
  return false;
}

/** Columns that identify at most one row: `id`, the primary key, single-column unique constraints. */
export function keyColumns(schema: SchemaView, table: QualifiedName): string[] {
  const keys = new Set(['id']);
  for (const c of schema.table(table)?.constraints.values() ?? []) {
    if ((c.type === 'primary-key' || c.type === 'unique') && c.columns.length === 1) keys.add(c.columns[0]);
  }
  return [...keys];
}
