import type { Statement } from '../core/statement.js';

/**
 * Statements the catalog cannot follow: code that changes the schema at run time (a `DO` block
 * with DDL, `EXECUTE` of built SQL, a call of a function whose body does DDL) and statements the
 * parser could not read. The catalog stays unchanged for them, and every name the code mentions
 * becomes "unknown" for the existence checks; built SQL (`format('%I')`, `||`) makes every name
 * unknown from there on.
 */
export interface Gap {
  reason: string;
  /** Lower-cased words the code mentions, or 'all' when it builds names at run time. */
  names: Set<string> | 'all';
}

const DDL = /\b(create|alter|drop|rename|truncate)\s+(table|index|unique|column|constraint|type|view|materialized|schema|sequence|or\s+replace\s+view)\b|\balter\s+table\b/i;
const EXECUTE = /\bexecute\b/i;
/** Signs that the executed SQL is assembled from values (names unknown statically). */
const BUILT_SQL = /%I|%s|\|\||quote_ident\s*\(|format\s*\(/i;

/** Identifier-like words of a text, lower-cased, plus quoted identifiers as written. */
export function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"]|"")+)"|[A-Za-z_][A-Za-z0-9_$]*/g)) out.add(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0].toLowerCase());
  return out;
}

/** What running this code may do to the schema: undefined when it does no DDL. */
export function codeEffect(body: string, reason: string): Gap | undefined {
  const dynamic = EXECUTE.test(body);
  if (!dynamic && !DDL.test(body)) return undefined;
  return { reason, names: dynamic && BUILT_SQL.test(body) ? 'all' : wordsOf(body) };
}

/** Functions and procedures whose bodies change the schema, by lower-case name. */
export type DdlFunctions = Map<string, Gap>;

/**
 * The gap a statement opens, if any. `functions` holds functions created earlier whose bodies do
 * DDL, so that calling one (`SELECT f()`, `CALL f()`) is a gap too; `remember`, when given, is
 * told what a CREATE FUNCTION leaves there (its effect, or undefined when its body does no DDL).
 */
export function statementGap(st: Statement, functions: DdlFunctions, remember?: (name: string, effect: Gap | undefined) => void): Gap | undefined {
  // A MySQL statement node-sql-parser rejected but the token classifier read (`recovered`, a known
  // statement type) carries the same operations as a parsed one: replay it, do not open a gap.
  const classified = st.kind === 'unparsed' && !!st.error?.recovered && st.statementType !== 'unknown';
  if (st.kind === 'unparsed' && st.error && !classified) return codeEffect(st.text, 'a statement that could not be parsed');
  if (st.kind !== 'parsed' && !classified) return undefined;
  for (const op of st.ops) {
    if (op.kind === 'do-block') return codeEffect(st.text, 'a DO block that changes the schema');
    if (op.kind === 'create-function') {
      const effect = codeEffect(st.text, `a call of ${op.name.name}(), whose body changes the schema`);
      remember?.(op.name.name.toLowerCase(), effect);
      return undefined;
    }
  }
  if (functions.size === 0) return undefined;
  const calls = st.statementType === 'SelectStmt' || st.statementType === 'CallStmt' || st.ops.some((op) => op.kind === 'insert' || op.kind === 'update');
  if (!calls) return undefined;
  for (const m of st.text.matchAll(/([A-Za-z_][A-Za-z0-9_$]*)\s*\(/g)) {
    const effect = functions.get(m[1].toLowerCase());
    if (effect) return effect;
  }
  return undefined;
}
