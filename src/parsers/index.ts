import type { ParsedSource } from '../core/statement.js';
import type { Engine } from '../core/types.js';
import { initPostgresParser, parsePostgres } from './postgres/parse.js';

/** Loads the parser an engine needs (WASM for PostgreSQL); call once before `parseSource`. */
export async function initParser(engine: Engine): Promise<void> {
  if (engine === 'postgres') await initPostgresParser();
}

export function parseSource(engine: Engine, text: string): ParsedSource {
  if (engine === 'postgres') return parsePostgres(text);
  throw new Error(`the ${engine} parser is not available yet`);
}
