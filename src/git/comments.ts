/**
 * Where comments are in a source file, by its extension, so a name mentioned only in a comment
 * does not count as a reference. Strings are skipped while scanning (a `//` inside a string is
 * not a comment) but are not comments: SQL in string literals is exactly what we look for.
 */
type Style = { line: string[]; block?: [string, string]; quotes: string[] };

const C_LIKE: Style = { line: ['//'], block: ['/*', '*/'], quotes: ['"', "'", '`'] };
const HASH: Style = { line: ['#'], quotes: ['"', "'"] };
const SQL: Style = { line: ['--'], block: ['/*', '*/'], quotes: ["'"] };

const BY_EXTENSION: Record<string, Style> = {};
for (const e of ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'java', 'kt', 'kts', 'go', 'rs', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'swift', 'scala', 'php', 'dart', 'groovy']) BY_EXTENSION[e] = C_LIKE;
for (const e of ['py', 'rb', 'sh', 'bash', 'yml', 'yaml', 'toml', 'r', 'pl', 'ex', 'exs', 'cr', 'nim']) BY_EXTENSION[e] = HASH;
for (const e of ['sql', 'pgsql', 'psql']) BY_EXTENSION[e] = SQL;

/** Comment ranges [start, end) of a file's text; empty for unknown file types. */
export function commentRanges(filePath: string, text: string): Array<[number, number]> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filePath)?.[1]?.toLowerCase() ?? '';
  const style = BY_EXTENSION[ext];
  if (!style) return [];
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    const q = style.quotes.find((c) => text[i] === c);
    if (q) {
      let j = i + 1;
      while (j < text.length && text[j] !== q && !(text[j] === '\n' && q !== '`')) j += text[j] === '\\' && q !== "'" ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (style.line.some((l) => text.startsWith(l, i))) {
      const end = text.indexOf('\n', i);
      out.push([i, end < 0 ? text.length : end]);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (style.block && text.startsWith(style.block[0], i)) {
      const end = text.indexOf(style.block[1], i + 2);
      const stop = end < 0 ? text.length : end + style.block[1].length;
      out.push([i, stop]);
      i = stop;
      continue;
    }
    i++;
  }
  return out;
}
