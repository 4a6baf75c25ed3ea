/**
 * End offset of a quoted string or identifier starting at `start` (the opening quote), for the
 * splitters: a doubled quote is an escaped quote, a backslash escapes the next character when
 * the dialect says so. An unterminated quote runs to the end of the text.
 */
export function scanQuoted(text: string, start: number, quote: number, backslashEscapes: boolean): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (backslashEscapes && c === 92) {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (text.charCodeAt(j + 1) === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return n;
}
