/** Pieces of statement text that suggestions reuse; the parser gives the WHERE, these find the rest. */

/**
 * The `SET ...` list of an UPDATE (with any `FROM ...`), without the WHERE and RETURNING:
 * `UPDATE t SET a = 1 FROM u WHERE t.x = u.x` -> `a = 1 FROM u`.
 */
export function updateSetText(statementText: string, where: string | undefined): string | undefined {
  const m = /\bset\b/i.exec(statementText);
  if (!m) return undefined;
  let end = statementText.length;
  if (where) {
    const at = statementText.lastIndexOf(where);
    if (at > 0) {
      const before = statementText.slice(0, at);
      const kw = /\bwhere[\s(]*$/i.exec(before);
      end = kw ? kw.index : at;
    }
  } else {
    const ret = /\breturning\b/i.exec(statementText.slice(m.index));
    if (ret) end = m.index + ret.index;
  }
  const text = statementText.slice(m.index + m[0].length, end).trim();
  return text || undefined;
}

/**
 * How to name the target table's columns when an UPDATE/DELETE joins others (`FROM` / `USING`):
 * its alias (`UPDATE "Team" t ...` -> `t`) or its name; undefined when nothing is joined.
 */
export function targetQualifier(statementText: string, setText: string | undefined, tableText: string): string | undefined {
  const joins = setText ? /\bfrom\b/i.test(setText) : /\busing\b/i.test(statementText);
  if (!joins) return undefined;
  const alias = /^\s*(?:update|delete\s+from)\s+(?:only\s+)?(?:"[^"]+"|[\w.]+)(?:\.(?:"[^"]+"|\w+))?\s+(?:as\s+)?(?!set\b|using\b|where\b)("[^"]+"|\w+)/i.exec(statementText);
  return alias ? alias[1] : tableText;
}
