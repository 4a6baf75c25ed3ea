import type { Range } from '../../core/types.js';
import type { SourceComment } from '../../core/statement.js';
import { scanQuoted } from '../scan-quoted.js';

/** One lexical token of MySQL text, with its exact range in the file. */
export interface Token {
  type: 'word' | 'ident' | 'string' | 'number' | 'var' | 'punct';
  /** Source text of the token. */
  text: string;
  /** Words: upper case; identifiers and strings: unquoted value; others: the text. */
  value: string;
  start: number;
  end: number;
}

export interface MysqlChunk {
  /** From the first token to the end of the last token, excluding the delimiter. */
  range: Range;
  /** Offset just past the delimiter, or the chunk end when there is none. */
  terminatorEnd: number;
  tokens: Token[];
  /** A client command the server never sees (`DELIMITER $$`). */
  clientCommand?: boolean;
  /** Ranges of `/*!50001` openers and their `*\/` closers inside the chunk (blanked before parsing). */
  versionMarkers: Range[];
}

export interface MysqlSplitResult {
  chunks: MysqlChunk[];
  comments: SourceComment[];
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentChar = (c: number) => isIdentStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

/** Words after which `BEGIN` opens a compound-statement body (stored programs). */
const ROUTINE_WORDS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);
/** ... unless the statement is about a table, view or index named like one (`CREATE TABLE event`). */
const NOT_ROUTINE = new Set(['TABLE', 'VIEW', 'INDEX', 'DATABASE', 'SCHEMA']);

/**
 * Splits MySQL/MariaDB script text into statements the way the mysql client does: on the
 * current delimiter (`;`, or whatever `DELIMITER` set) outside quotes and comments. Stored
 * program bodies (`BEGIN ... END`, with nested `BEGIN`/`CASE`) hold the statement open even
 * without `DELIMITER`, as tools that send a whole file do. `/*! ... *\/` version comments are
 * code (the server runs them). Never throws: an unterminated quote runs to the end.
 */
export function splitMysql(text: string): MysqlSplitResult {
  const chunks: MysqlChunk[] = [];
  const comments: SourceComment[] = [];
  const n = text.length;
  let delimiter = ';';
  let tokens: Token[] = [];
  let versionMarkers: Range[] = [];
  let inVersionComment = false;
  let depth = 0;
  let routine = false;
  // A UTF-8 byte order mark is not SQL (whether the tool strips it is the byte-order-mark rule's question).
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endStatement = (terminatorEnd: number) => {
    if (tokens.length > 0) {
      chunks.push({ range: { start: tokens[0].start, end: tokens[tokens.length - 1].end }, terminatorEnd, tokens, versionMarkers });
    }
    tokens = [];
    versionMarkers = [];
    depth = 0;
    routine = false;
  };
  const push = (t: Token) => {
    tokens.push(t);
    if (t.type !== 'word') return;
    const w = t.value;
    const first = tokens[0].value;
    if (ROUTINE_WORDS.has(w) && (first === 'CREATE' || first === 'ALTER') && tokens.length <= 12 && !tokens.some((x) => x.type === 'word' && NOT_ROUTINE.has(x.value))) routine = true;
    // MariaDB anonymous blocks: BEGIN NOT ATOMIC ... END
    if (w === 'ATOMIC' && tokens.length === 3 && first === 'BEGIN' && tokens[1].value === 'NOT') routine = true;
    if (!routine) return;
    if (w === 'BEGIN' || (w === 'ATOMIC' && tokens.length === 3)) {
      if (w === 'BEGIN' && tokens.length === 1) return;
      depth++;
    } else if (w === 'CASE' && depth > 0 && tokens[tokens.length - 2]?.value !== 'END') depth++;
    else if (w === 'END' && depth > 0) {
      // END IF / END LOOP / END WHILE / END REPEAT close blocks that were not counted
      if (!/^\s+(IF|LOOP|WHILE|REPEAT)\b/i.test(text.slice(t.end, t.end + 12))) depth--;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // DELIMITER is a client command: only at the start of a statement, runs to the end of the line
    if (tokens.length === 0 && (c === 68 || c === 100) && /^delimiter[ \t]+\S/i.test(text.slice(i, i + 12))) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      const line = text.slice(i, j).replace(/\r$/, '');
      const m = /^delimiter[ \t]+(\S+)/i.exec(line)!;
      delimiter = m[1];
      const end = i + line.trimEnd().length;
      chunks.push({ range: { start: i, end }, terminatorEnd: end, tokens: [{ type: 'word', text: 'DELIMITER', value: 'DELIMITER', start: i, end: i + 9 }], clientCommand: true, versionMarkers: [] });
      i = j;
      continue;
    }
    // the current delimiter ends the statement, unless a stored-program body is open
    if (text.startsWith(delimiter, i) && (delimiter !== ';' || depth === 0)) {
      endStatement(i + delimiter.length);
      i += delimiter.length;
      continue;
    }
    // -- comment (needs a space or control character after it in MySQL) and # comment
    if ((c === 45 && text.charCodeAt(i + 1) === 45 && (i + 2 >= n || text.charCodeAt(i + 2) <= 32)) || c === 35) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      comments.push({ range: { start: i, end: j }, body: text.slice(i + (c === 35 ? 1 : 2), j).trim() });
      i = j;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      // /*! version comment */ (and MariaDB /*M! */): the content is code
      const vm = /^\/\*M?!\d*/.exec(text.slice(i, i + 12));
      if (vm && !inVersionComment) {
        versionMarkers.push({ start: i, end: i + vm[0].length });
        inVersionComment = true;
        i += vm[0].length;
        continue;
      }
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      comments.push({ range: { start: i, end: j }, body: text.slice(i + 2, Math.max(i + 2, j - 2)).trim() });
      i = j;
      continue;
    }
    if (c === 42 && text.charCodeAt(i + 1) === 47 && inVersionComment) {
      versionMarkers.push({ start: i, end: i + 2 });
      inVersionComment = false;
      i += 2;
      continue;
    }
    if (c === 39 || c === 34 || c === 96) {
      const j = scanQuoted(text, i, c, c !== 96);
      const raw = text.slice(i, j);
      const q = String.fromCharCode(c);
      const inner = raw.slice(1, raw.endsWith(q) && raw.length > 1 ? -1 : undefined).split(q + q).join(q);
      const value = c === 96 ? inner : inner.replace(/\\(.)/g, '$1');
      push({ type: c === 96 ? 'ident' : 'string', text: raw, value, start: i, end: j });
      i = j;
      continue;
    }
    if (c === 64) {
      // @var, @@session.var, @'quoted'
      let j = i + 1;
      while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 64 || text.charCodeAt(j) === 46)) j++;
      push({ type: 'var', text: text.slice(i, j), value: text.slice(i, j).toLowerCase(), start: i, end: j });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      // 1e10, 0x1F, and identifiers that start with a digit (`1col`) all come out as one token
      const raw = text.slice(i, j);
      push({ type: /^[0-9.]+$/.test(raw) ? 'number' : 'word', text: raw, value: raw.toUpperCase(), start: i, end: j });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      // the mysql client finds a custom delimiter anywhere, even glued to a name (`p_name$$`)
      while (j < n && isIdentChar(text.charCodeAt(j)) && !(delimiter !== ';' && text.startsWith(delimiter, j))) j++;
      const raw = text.slice(i, j);
      push({ type: 'word', text: raw, value: raw.toUpperCase(), start: i, end: j });
      i = j;
      continue;
    }
    push({ type: 'punct', text: text[i], value: text[i], start: i, end: i + 1 });
    i++;
  }
  endStatement(n);
  return { chunks, comments };
}

/** Scans a quoted string or identifier; doubled quotes escape, and backslashes in strings. */
