/** Identifier tokens of a SQL statement's text, skipping strings, dollar-quoted bodies and comments. */
export interface IdentifierToken {
  /** Folded name: unquoted to lower case, quoted as written. */
  name: string;
  /** Offsets into the statement text. */
  start: number;
  end: number;
}

export function identifierTokens(text: string): IdentifierToken[] {
  const out: IdentifierToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'") {
      i++;
      while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
      i++;
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(text.slice(i));
      if (tag) {
        const end = text.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? text.length : end + tag[0].length;
      } else i++;
    } else if (c === '"') {
      let j = i + 1;
      let name = '';
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            name += '"';
            j += 2;
            continue;
          }
          break;
        }
        name += text[j++];
      }
      out.push({ name, start: i, end: j + 1 });
      i = j + 1;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(text.slice(i))!;
      out.push({ name: m[0].toLowerCase(), start: i, end: i + m[0].length });
      i += m[0].length;
    } else i++;
  }
  return out;
}

/** The first `maxBytes` bytes of a name, never cutting a UTF-8 character in half (PostgreSQL's pg_mbcliplen). */
export function truncateIdentifier(name: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of name) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > maxBytes) break;
    bytes += b;
    out += ch;
  }
  return out;
}
