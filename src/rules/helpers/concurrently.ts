import type { QualifiedName } from '../../core/operations.js';
import type { Fix } from '../../core/types.js';
import { atLeast } from '../../engines/version.js';
import type { Version } from '../../engines/version.js';
import type { StatementContext, TransactionState } from '../types.js';
import { findInStatement } from './sql-text.js';

/**
 * Shared pieces of the `CONCURRENTLY` rules: where to insert the keyword, whether the edit is
 * safe in the statement's transaction mode, and how to tell the user to run outside a transaction.
 */

/** A fix that inserts ` CONCURRENTLY` after the keyword matched by `after` (e.g. /\bINDEX\b/i). */
export function concurrentlyFix(ctx: StatementContext, after: RegExp, title = 'Add CONCURRENTLY'): Fix | undefined {
  const at = findInStatement(ctx.statement, after);
  if (!at) return undefined;
  return {
    title,
    // CONCURRENTLY fails inside a transaction block: there the edit is only offered, never applied.
    safe: !ctx.transaction.inTransaction,
    edits: [{ range: { start: at.end, end: at.end }, text: ' CONCURRENTLY' }],
  };
}

/** The statement text with ` CONCURRENTLY` inserted after `after`, terminated. */
export function withConcurrently(ctx: StatementContext, after: RegExp): string {
  const at = findInStatement(ctx.statement, after);
  if (!at) return `${ctx.statement.text};`;
  const k = at.end - ctx.statement.range.start;
  return `${ctx.statement.text.slice(0, k)} CONCURRENTLY${ctx.statement.text.slice(k)};`;
}

/** How to get a statement out of the transaction it is in (empty when it is in none). */
export function outsideTransactionAdvice(tx: TransactionState): string {
  if (!tx.inTransaction) return '';
  if (tx.source === 'explicit') return 'Move it out of the BEGIN ... COMMIT block (into its own migration).';
  return 'Put it in its own migration that the tool runs without a transaction (golang-migrate: one statement per file; Flyway: executeInTransaction=false; dbmate: `-- migrate:up transaction:false`; Knex: `config = { transaction: false }`; Alembic: `autocommit_block()`).';
}

/** "inside the BEGIN block started on statement 3" / "inside the transaction the migration tool opens for this file" */
export function transactionPhrase(tx: TransactionState): string {
  if (tx.source === 'explicit') return `inside the transaction opened by BEGIN (statement ${(tx.startIndex ?? 0) + 1})`;
  return 'inside the transaction the migration tool wraps this file in';
}

/**
 * PostgreSQL 14.0 to 14.3 could silently corrupt indexes built or rebuilt CONCURRENTLY (fixed in 14.4).
 * https://www.postgresql.org/docs/release/14.4/
 */
export function hasConcurrentIndexBug(v: Version): boolean {
  return v.major === 14 && !atLeast(v, 14, 4);
}

export const concurrentIndexBugMessage = (what: string, v: Version): string =>
  `${what} on PostgreSQL ${v.text}: versions 14.0 to 14.3 can silently corrupt indexes built or rebuilt CONCURRENTLY (missing entries for rows changed during the build). Upgrade the server to 14.4 or later before running it, then REINDEX any index built CONCURRENTLY on 14.0-14.3.`;

export const CONCURRENT_BUG_WHY = 'Fixed in PostgreSQL 14.4 (release notes: "Prevent possible corruption of indexes created or rebuilt with the CONCURRENTLY option"; https://www.postgresql.org/docs/release/14.4/).';

/** Schema-qualified text of an index's table key (`public.orders`) back to a name. */
export function tableOfKey(key: string): QualifiedName {
  const dot = key.indexOf('.');
  return dot < 0 ? { name: key } : { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** The index was created earlier in this file or release, or belongs to a table that was. */
export function isNewIndex(ctx: Pick<StatementContext, 'schema'>, name: QualifiedName): boolean {
  const idx = ctx.schema.index(name);
  if (!idx) return false;
  return idx.origin !== 'before' || ctx.schema.isNewTable(tableOfKey(idx.table));
}
