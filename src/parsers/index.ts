import type { ParsedSource } from '../core/statement.js';
import type { Engine } from '../core/types.js';
import { initMysqlParser, parseMysql } from './mysql/parse.js';
import { initPostgresParser, parsePostgres } from './postgres/parse.js';

/** Loads the parser an engine needs (WASM for PostgreSQL, node-sql-parser for MySQL); call once before `parseSource`. */
export async function initParser(engine: Engine): Promise<void> {
  if (engine === 'postgres') await initPostgresParser();
  else await initMysqlParser(engine);
}

export function parseSource(engine: Engine, text: string): ParsedSource {
  if (engine === 'postgres') return parsePostgres(text);
  return parseMysql(text, engine);
}
