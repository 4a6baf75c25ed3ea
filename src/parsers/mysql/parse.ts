import type { ParsedSource, Statement } from '../../core/statement.js';
import type { Range } from '../../core/types.js';
import { classifyMysql } from './classify.js';
import { splitMysql, type MysqlChunk } from './split.js';
import { hostImport } from '../../core/host-import.js';

type Dialect = 'mysql' | 'mariadb';
interface SqlParser {
  astify(sql: string, opt?: { database?: string; parseOptions?: { includeLocations?: boolean } }): unknown;
}

// node-sql-parser's per-dialect builds take about 0.35 s to load: only MySQL runs pay for it.
const parsers = new Map<Dialect, SqlParser>();
const loading = new Map<Dialect, Promise<void>>();

export function initMysqlParser(dialect: Dialect): Promise<void> {
  let p = loading.get(dialect);
  if (!p) {
    p = (async () => {
      const mod = (await hostImport(dialect === 'mysql' ? 'node-sql-parser/build/mysql.js' : 'node-sql-parser/build/mariadb.js')) as unknown as { Parser?: new () => SqlParser; default?: { Parser: new () => SqlParser } };
      const Parser = mod.Parser ?? mod.default!.Parser;
      parsers.set(dialect, new Parser());
    })();
    loading.set(dialect, p);
  }
  return p;
}

/** Statements longer than this (seed-data INSERTs) are only classified: a full AST is never read. */
const MAX_AST_CHARS = 20_000;

/**
 * Splits and parses a MySQL/MariaDB migration: each statement is parsed on its own by
 * node-sql-parser (when loaded) and classified from its tokens; a statement the parser rejects
 * keeps the classifier's operations and reports the gap at info level.
 */
export function parseMysql(text: string, dialect: Dialect = 'mysql'): ParsedSource {
  const { chunks, comments } = splitMysql(text);
  const parser = parsers.get(dialect);
  const statements: Statement[] = chunks.map((chunk, index) => parseChunk(text, chunk, index, parser, dialect));
  return { statements, comments };
}

function parseChunk(fileText: string, chunk: MysqlChunk, index: number, parser: SqlParser | undefined, dialect: Dialect): Statement {
  const text = fileText.slice(chunk.range.start, chunk.range.end);
  const base = { index, range: chunk.range, terminatorEnd: chunk.terminatorEnd, text };
  if (chunk.clientCommand) return { ...base, kind: 'meta', statementType: 'DELIMITER', ops: [] };
  const { statementType, ops, known } = classifyMysql(chunk.tokens, fileText);
  if (!parser || text.length > MAX_AST_CHARS) {
    return { ...base, kind: known ? 'parsed' : 'unparsed', statementType, ops, ...(known ? {} : { error: { message: 'statement not recognised', range: firstToken(chunk), recovered: true } }) };
  }
  try {
    const ast = parser.astify(blankVersionMarkers(text, chunk), { database: dialect === 'mysql' ? 'MySQL' : 'MariaDB', parseOptions: { includeLocations: true } });
    return { ...base, kind: 'parsed', ast, statementType, ops };
  } catch (error) {
    const e = error as { message?: string; location?: { start?: { offset?: number } } };
    const at = e.location?.start?.offset ?? 0;
    const start = chunk.range.start + Math.min(at, text.length);
    const tokenEnd = /^[^\s;(),]*/.exec(text.slice(at))?.[0].length ?? 0;
    const message = shortMessage(e.message ?? String(error));
    return {
      ...base,
      kind: 'unparsed',
      statementType: known ? statementType : 'unknown',
      ops,
      error: { message: known ? message : `not recognised (${message})`, range: { start, end: start + Math.max(1, tokenEnd) }, recovered: true },
    };
  }
}

function firstToken(chunk: MysqlChunk): Range {
  const t = chunk.tokens[0];
  return t ? { start: t.start, end: t.end } : chunk.range;
}

/** `/*!50001 CREATE ... *\/`: the server runs the inside; the parser sees it without the markers. */
function blankVersionMarkers(text: string, chunk: MysqlChunk): string {
  if (chunk.versionMarkers.length === 0) return text;
  let out = text;
  for (const m of chunk.versionMarkers) {
    const s = m.start - chunk.range.start;
    const e = m.end - chunk.range.start;
    if (s < 0 || e > out.length) continue;
    out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  }
  return out;
}

/** node-sql-parser lists every expected token; keep the part a person reads. */
function shortMessage(message: string): string {
  const found = /but (".*?"|end of input|.{1,40}?) found\.?$/.exec(message);
  return found ? `node-sql-parser stopped at ${found[1]}` : message.slice(0, 160);
}
