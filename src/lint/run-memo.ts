import { readFileSync } from 'node:fs';
import type { ParsedSource } from '../core/statement.js';
import type { Engine } from '../core/types.js';
import { parseSource } from '../parsers/index.js';
import { sqlFileText } from '../core/sql-file-text.js';

/**
 * File texts and parses shared by one `lintFiles` call. Why: a rollback file is read and parsed
 * for its up file's rollback rules (`describeMigration`), then again when it is linted itself,
 * and parts of one change (`group.load`) once more; on the corpus that was a fifth of all parsing.
 * One per call, never module-level: the language server lints files that change between calls,
 * and a path read once must not answer with old text later. Parses are shared, so nothing may
 * mutate a `ParsedSource`, its statements or their operations (nothing does: rules and the
 * catalog only read them).
 */
export class RunMemo {
  private readonly texts = new Map<string, string | Error>();
  private readonly parses = new Map<string, ParsedSource>();

  /** The file's text, or the error reading it (read once per run). */
  read(filePath: string): string | Error {
    let text = this.texts.get(filePath);
    if (text === undefined) {
      text = readUncached(filePath);
      this.texts.set(filePath, text);
    }
    return text;
  }

  /** `parseSource`, once per engine and exact text. An engine without a parser still throws every time. */
  parse(engine: Engine, text: string): ParsedSource {
    const key = `${engine}\0${text}`;
    let parsed = this.parses.get(key);
    if (!parsed) {
      parsed = parseSource(engine, text);
      this.parses.set(key, parsed);
    }
    return parsed;
  }
}

/** The file's text, or why it cannot be linted (unreadable, binary, UTF-16). */
export function readUncached(filePath: string): string | Error {
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch (error) {
    return error as Error;
  }
  return sqlFileText(bytes);
}
