import type { Operation, QualifiedName } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { FileContext, FileInfo } from '../types.js';

/** The statements of a migration's up direction and of its rollback (in-file sections, or the pair file). */
export interface MigrationParts {
  up: Statement[];
  down: Statement[];
  /** Where the rollback lives: this file's down sections, a separate file, or nowhere. */
  downSource: 'sections' | 'file' | 'none';
  downPath?: string;
}

export function migrationParts(ctx: FileContext): MigrationParts {
  const all = ctx.file.parsed.statements;
  const up = all.filter((st) => ctx.file.direction(st) === 'up' && st.kind !== 'meta');
  const inFile = all.filter((st) => ctx.file.direction(st) === 'down' && st.kind !== 'meta');
  if (inFile.length > 0) return { up, down: inFile, downSource: 'sections' };
  const pair = ctx.migration?.pair;
  if (pair) return { up, down: pair.parsed.statements.filter((st) => st.kind !== 'meta'), downSource: 'file', downPath: pair.path };
  return { up, down: [], downSource: 'none' };
}

/** Name key for comparing objects across up and down (`public` when unqualified). */
export function objectKey(q: QualifiedName): string {
  return `${q.schema ?? 'public'}.${q.name}`.toLowerCase();
}

export function opsOf(statements: readonly Statement[]): Operation[] {
  return statements.flatMap((st) => st.ops);
}

/** The first up statement, where file-level migration findings are reported. */
export function reportRange(parts: MigrationParts) {
  const st = parts.up[0];
  return st ? { start: st.range.start, end: st.range.end } : { start: 0, end: 0 };
}

/**
 * Statements grouped by the migration of the file they belong to (dbmate section, Liquibase
 * changeSet), in file order. (Appending by copying the list each time was quadratic on a
 * one-segment file of thousands of statements.)
 */
export function bySegment(file: FileInfo, statements: Iterable<Statement>): Map<number, Statement[]> {
  const groups = new Map<number, Statement[]>();
  for (const st of statements) {
    const k = file.segmentIndex(st);
    const list = groups.get(k);
    if (list) list.push(st);
    else groups.set(k, [st]);
  }
  return groups;
}
