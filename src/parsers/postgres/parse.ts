import { loadModule, parseSync } from 'libpg-query';
import { byteToCharConverter } from '../../core/line-index.js';
import type { ParsedSource, Statement } from '../../core/statement.js';
import { unwrap } from './ast-helpers.js';
import { operationsFromAst } from './operations-from-ast.js';
import { splitPostgres, type StatementChunk } from './split.js';
import { doBlockStatements } from './do-block.js';

let loaded: Promise<void> | undefined;

/** Loads the WASM parser once per process. Every entry point awaits this before parsing. */
export function initPostgresParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

// The editor re-lints a file on every keystroke and --fix re-lints after each pass: only the
// statement that changed needs the parser again. ASTs are shared, so nothing may mutate them.
const astCache = new Map<string, ReturnType<typeof parseSync>>();
const AST_CACHE_SIZE = 4000;

function parseCached(text: string): ReturnType<typeof parseSync> {
  const hit = astCache.get(text);
  if (hit) return hit;
  const result = parseSync(text);
  if (text.length < 50_000) {
    if (astCache.size >= AST_CACHE_SIZE) astCache.delete(astCache.keys().next().value!);
    astCache.set(text, result);
  }
  return result;
}

/**
 * Splits and parses a PostgreSQL migration. Each statement is parsed on its own so that one
 * broken statement is reported with its position and the rest of the file is still linted.
 */
export function parsePostgres(text: string): ParsedSource {
  const { chunks, comments } = splitPostgres(text);
  const statements: Statement[] = [];
  for (const chunk of chunks) {
    statements.push(...parseChunk(text, chunk, statements.length));
  }
  return { statements, comments };
}

function parseChunk(fileText: string, chunk: StatementChunk, index: number): Statement[] {
  const text = fileText.slice(chunk.range.start, chunk.range.end);
  const base = chunk.range.start;
  if (chunk.psqlMeta) {
    return [{ index, range: chunk.range, terminatorEnd: chunk.terminatorEnd, text, kind: 'meta', statementType: 'psql-meta', ops: [] }];
  }
  const char = byteToCharConverter(text);
  try {
    const result = parseCached(text);
    const stmts = result.stmts ?? [];
    if (stmts.length <= 1) {
      const ast = stmts[0]?.stmt;
      const [statementType] = unwrap(ast);
      const inner = statementType === 'DoStmt' ? innerStatements(fileText, base, doBlockStatements(text, ast, char), index) : [];
      return [{
        index,
        range: chunk.range,
        terminatorEnd: chunk.terminatorEnd,
        text,
        kind: 'parsed',
        ast,
        statementType: statementType || 'Empty',
        ops: ast ? operationsFromAst(ast, { text, char, base }) : [],
        ...(inner.length ? { inner } : {}),
      }];
    }
    // The splitter and the parser disagree (rare): trust the parser's own boundaries.
    return stmts.map((s, k) => {
      const startByte = s.stmt_location ?? 0;
      const start = char(startByte);
      const end = s.stmt_len ? char(startByte + s.stmt_len) : text.length;
      const stmtText = text.slice(start, end);
      const [statementType] = unwrap(s.stmt);
      const subChar = byteToCharConverter(stmtText);
      const range = { start: base + start, end: base + end };
      return {
        index: index + k,
        range,
        terminatorEnd: k === stmts.length - 1 ? chunk.terminatorEnd : range.end,
        text: stmtText,
        kind: 'parsed' as const,
        ast: s.stmt,
        statementType,
        ops: operationsFromAst(s.stmt, { text: stmtText, char: subChar, base: base + start }),
      };
    });
  } catch (error) {
    const details = (error as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    // PostgreSQL's error cursor counts characters (code points), not bytes; libpg-query makes it 0-based.
    const at = details && details.cursorPosition > 0 ? codePointToChar(text, details.cursorPosition) : 0;
    const errStart = base + Math.min(at, text.length);
    const tokenEnd = /^[^\s;(),]*/.exec(text.slice(at))?.[0].length ?? 0;
    return [{
      index,
      range: chunk.range,
      terminatorEnd: chunk.terminatorEnd,
      text,
      kind: 'unparsed',
      statementType: classifyByTokens(text),
      ops: [],
      error: { message, range: { start: errStart, end: errStart + Math.max(1, tokenEnd) } },
    }];
  }
}

/** A DO block's statements parsed where they stand in the file; each carries the DO statement's index. */
function innerStatements(fileText: string, base: number, found: ReturnType<typeof doBlockStatements>, index: number): Statement[] {
  return found.flatMap(({ start, text }) => {
    const end = base + start + text.length;
    const chunk = { range: { start: base + start, end }, terminatorEnd: fileText.charCodeAt(end) === 59 /* ; */ ? end + 1 : end };
    return parseChunk(fileText, chunk, index).filter((st) => st.kind === 'parsed').map((st) => ({ ...st, index }));
  });
}

/** UTF-16 offset of the code point at index `cp` (they differ only around astral characters). */
function codePointToChar(text: string, cp: number): number {
  let i = 0;
  for (let k = 0; k < cp && i < text.length; k++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** A rough statement type from the leading keywords, for messages about unparsable statements. */
export function classifyByTokens(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).map((w) => w.toUpperCase());
  if (words[0] === 'CREATE' && (words[1] === 'UNIQUE' || words[1] === 'OR')) return words.slice(0, 3).join(' ');
  return words.slice(0, 2).join(' ');
}
