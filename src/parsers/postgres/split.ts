import type { Range } from '../../core/types.js';
import { scanQuoted } from '../scan-quoted.js';

export interface Comment {
  range: Range;
  /** Text without the comment markers, trimmed. */
  body: string;
}

export interface StatementChunk {
  /** From the first token to the end of the last token, excluding the terminating semicolon. */
  range: Range;
  /** Offset just past the terminating `;`, or the chunk end when the file ends without one. */
  terminatorEnd: number;
  /** A psql meta-command line (`\connect`, `\set ...`), which the server never sees. */
  psqlMeta?: boolean;
}

export interface SplitResult {
  chunks: StatementChunk[];
  comments: Comment[];
}

const isIdentStart = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

/**
 * Splits PostgreSQL script text into statements the way psql does: on `;` outside quotes,
 * dollar-quoted bodies, comments and `BEGIN ATOMIC ... END` function bodies. Unlike psql,
 * parentheses do not hold a statement open, so one unbalanced `(` cannot swallow the rest
 * of the file. Never throws: an unterminated quote runs to the end of the file.
 */
export function splitPostgres(text: string): SplitResult {
  const chunks: StatementChunk[] = [];
  const comments: Comment[] = [];
  const n = text.length;
  // A UTF-8 byte order mark is not SQL; psql skips it (the server does not: see the byte-order-mark rule).
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let stmtStart = -1;
  let lastTokenEnd = -1;
  let atomicDepth = 0;
  let prevWord = '';
  let firstWord = '';

  const endStatement = (terminatorEnd: number) => {
    if (stmtStart >= 0) {
      chunks.push({ range: { start: stmtStart, end: lastTokenEnd }, terminatorEnd });
    }
    stmtStart = -1;
    atomicDepth = 0;
    prevWord = '';
    firstWord = '';
  };
  const markToken = (start: number, end: number) => {
    if (stmtStart < 0) stmtStart = start;
    lastTokenEnd = end;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // -- line comment
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      comments.push({ range: { start: i, end: j }, body: text.slice(i + 2, j).trim() });
      i = j;
      continue;
    }
    // /* block comment */, nestable in PostgreSQL
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text.charCodeAt(j) === 47 && text.charCodeAt(j + 1) === 42) {
          depth++;
          j += 2;
        } else if (text.charCodeAt(j) === 42 && text.charCodeAt(j + 1) === 47) {
          depth--;
          j += 2;
        } else j++;
      }
      comments.push({ range: { start: i, end: j }, body: text.slice(i + 2, Math.max(i + 2, j - 2)).trim() });
      i = j;
      continue;
    }
    // psql meta-command: a backslash at the start of a statement runs to end of line
    if (c === 92 && stmtStart < 0) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      chunks.push({ range: { start: i, end: j }, terminatorEnd: j, psqlMeta: true });
      i = j;
      continue;
    }
    if (c === 59) {
      // ';'
      if (atomicDepth > 0) {
        markToken(i, i + 1);
        i++;
        continue;
      }
      const stmt = stmtStart >= 0 ? text.slice(stmtStart, i) : '';
      endStatement(i + 1);
      i++;
      // psql sends the rows after `COPY ... FROM STDIN;` as data, ending at a line `\.`
      if (/^COPY\b[\s\S]*\bFROM\s+STDIN\b/i.test(stmt)) i = skipCopyData(text, i);
      continue;
    }
    // single-quoted string, including E'' (backslash escapes) and U&''
    if (c === 39) {
      const escapes = i > 0 && (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentChar(text.charCodeAt(i - 2));
      const j = scanQuoted(text, i, 39, escapes);
      markToken(i, j);
      i = j;
      continue;
    }
    if (c === 34) {
      const j = scanQuoted(text, i, 34, false);
      markToken(i, j);
      i = j;
      continue;
    }
    // dollar quote $tag$ ... $tag$ (not $1 parameters)
    if (c === 36 && !(i > 0 && isIdentChar(text.charCodeAt(i - 1)))) {
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const tag = m[0];
        const close = text.indexOf(tag, i + tag.length);
        const j = close < 0 ? n : close + tag.length;
        markToken(i, j);
        i = j;
        continue;
      }
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      const word = text.slice(i, j).toUpperCase();
      if (stmtStart < 0) firstWord = word;
      markToken(i, j);
      trackAtomic(word);
      prevWord = word;
      i = j;
      continue;
    }
    markToken(i, i + 1);
    i++;
  }
  endStatement(n);
  return { chunks, comments };

  // SQL-standard function bodies (`BEGIN ATOMIC ... END`) contain semicolons.
  function trackAtomic(word: string) {
    if (firstWord !== 'CREATE') return;
    if (word === 'ATOMIC' && prevWord === 'BEGIN') atomicDepth++;
    else if (atomicDepth > 0 && word === 'CASE') atomicDepth++;
    else if (atomicDepth > 0 && word === 'END') atomicDepth--;
  }
}

function skipCopyData(text: string, from: number): number {
  const end = /^\\\.\s*$/m.exec(text.slice(from));
  return end ? from + end.index + end[0].length : text.length;
}

