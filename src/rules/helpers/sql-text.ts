import type { QualifiedName } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { Range } from '../../core/types.js';

const PG_RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check', 'collate', 'column',
  'constraint', 'create', 'current_catalog', 'current_date', 'current_role', 'current_time', 'current_timestamp', 'current_user',
  'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from', 'grant',
  'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not',
  'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select', 'session_user', 'some',
  'symmetric', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with',
]);

/** Quotes an identifier for PostgreSQL only when it needs it (upper case, spaces, reserved words). */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !PG_RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteName(q: QualifiedName): string {
  return q.schema ? `${quoteIdent(q.schema)}.${quoteIdent(q.name)}` : quoteIdent(q.name);
}

/** Human form for messages: `"public.users"` style without redundant quoting. */
export function displayName(q: QualifiedName): string {
  return `\`${q.schema ? `${q.schema}.` : ''}${q.name}\``;
}

/**
 * File offset range of the first match of `pattern` in the statement text, skipping quoted
 * strings and comments is unnecessary here because the patterns anchor on leading keywords.
 */
export function findInStatement(statement: Statement, pattern: RegExp): Range | undefined {
  const m = pattern.exec(statement.text);
  if (!m) return undefined;
  const start = statement.range.start + m.index;
  return { start, end: start + m[0].length };
}

/** PostgreSQL's default constraint name: `<table>_<col>_fkey`, `<table>_<col>_check`, truncated like NAMEDATALEN. */
export function defaultConstraintName(table: string, columns: string[], suffix: string): string {
  const base = [table, ...columns.slice(0, 1)].join('_');
  return `${base}_${suffix}`.slice(0, 63);
}

/** The statement's text with `insert` placed at file offset `at` (unchanged when `at` is undefined). */
export function statementWith(statement: Statement, at: number | undefined, insert: string): string {
  if (at === undefined) return statement.text;
  const k = at - statement.range.start;
  return statement.text.slice(0, k) + insert + statement.text.slice(k);
}
