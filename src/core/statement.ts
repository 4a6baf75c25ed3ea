import type { Operation } from './operations.js';
import type { Range } from './types.js';

/**
 * One statement of a migration file with its exact source range. A statement the parser
 * could not read is still here (`kind: 'unparsed'`), with the parser's error and whatever
 * operations the token classifier recognised, so rules and the catalog can carry on.
 */
export interface Statement {
  index: number;
  /** Statement text range in the file, excluding the terminating semicolon. */
  range: Range;
  /** Offset just past the terminating `;` (equals range.end when there is none). */
  terminatorEnd: number;
  text: string;
  kind: 'parsed' | 'unparsed' | 'meta';
  /** Engine AST node (PostgreSQL: libpg-query's `{ AlterTableStmt: ... }`). */
  ast?: unknown;
  /** Name of the AST node type, or the classifier's guess (`CreateFunctionStmt`, `ALTER TABLE`). */
  statementType: string;
  ops: Operation[];
  /**
   * Why the parser rejected the statement. `recovered`: the token classifier still read what it
   * does (MySQL), so this is a parser coverage gap reported at info level, not a fatal error.
   */
  error?: { message: string; range: Range; recovered?: boolean };
  /**
   * PostgreSQL `DO` blocks: the static SQL statements of the block's body, in order, with their
   * ranges in the file and the DO statement's index (they run as part of it). The lock and
   * rewrite rules check them; the catalog does not replay them (see `statementGap`).
   */
  inner?: Statement[];
}

export interface SourceComment {
  range: Range;
  body: string;
}

export interface ParsedSource {
  statements: Statement[];
  comments: SourceComment[];
}
