import type { Statement } from '../core/statement.js';

/** Schema names of a search_path value (`a, "B", public`): unquoted names fold to lower case. */
export function splitSearchPath(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/"((?:[^"]|"")*)"|'([^']*)'|([^\s,'"]+)/g)) {
    if (m[1] !== undefined) out.push(m[1].replace(/""/g, '"'));
    else if (m[2] !== undefined) out.push(...splitSearchPath(m[2]));
    else out.push(m[3].toLowerCase());
  }
  return out.filter((s) => s !== '');
}

/**
 * The search_path a statement sets, `'default'` when it resets it, undefined when it does not
 * touch it. Handles `SET [LOCAL|SESSION] search_path TO/= ...`, `RESET search_path` and
 * pg_dump's `SELECT pg_catalog.set_config('search_path', '...', false)`.
 */
export function parseSearchPath(st: Statement): string[] | 'default' | undefined {
  for (const op of st.ops) {
    if (op.kind !== 'set' || op.name !== 'search_path') continue;
    if (op.reset) return 'default';
    const m = /\bsearch_path\s*(?:=|\bto\b)\s*([\s\S]*)$/i.exec(st.text);
    if (!m) return undefined;
    const value = m[1].trim();
    if (/^default$/i.test(value)) return 'default';
    return splitSearchPath(value);
  }
  if (st.statementType === 'SelectStmt') {
    const m = /set_config\s*\(\s*'search_path'\s*,\s*'([^']*)'/i.exec(st.text);
    if (m) return splitSearchPath(m[1]);
  }
  return undefined;
}
