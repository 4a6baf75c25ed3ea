import type { Operation } from '../../core/operations.js';
import type { Rule } from '../types.js';
import { outsideTransactionAdvice, transactionPhrase } from '../helpers/concurrently.js';

/**
 * Statements PostgreSQL refuses inside a transaction block, with the command name its error
 * message uses ("ERROR: <command> cannot run inside a transaction block").
 */
function refusedInTransaction(op: Operation): string | undefined {
  switch (op.kind) {
    case 'create-index':
      return op.concurrently ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'drop-index':
      return op.concurrently ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'reindex':
      if (op.concurrently) return 'REINDEX CONCURRENTLY';
      // REINDEX SCHEMA / DATABASE / SYSTEM commit per table, so they refuse a transaction block too.
      return op.target === 'schema' || op.target === 'database' || op.target === 'system' ? `REINDEX ${op.target.toUpperCase()}` : undefined;
    case 'detach-partition':
      // FINALIZE may run in a transaction block; the first, concurrent step may not.
      return op.concurrently && !op.finalize ? 'ALTER TABLE ... DETACH CONCURRENTLY' : undefined;
    default:
      // REFRESH MATERIALIZED VIEW CONCURRENTLY does run inside a transaction block: not reported.
      return undefined;
  }
}

export const concurrentlyInTransaction: Rule = {
  meta: {
    id: 'concurrently-in-transaction',
    engines: ['postgres'],
    category: 'transactions',
    defaultLevel: 'error',
    description: 'A CONCURRENTLY statement inside a transaction block (BEGIN, or the migration tool\'s transaction) fails.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    if (!ctx.transaction.inTransaction) return;
    for (const op of ctx.statement.ops) {
      const what = refusedInTransaction(op);
      if (!what) continue;
      ctx.report({
        op,
        message: `This statement runs ${transactionPhrase(ctx.transaction)} and will fail with "ERROR: ${what} cannot run inside a transaction block"; the migration stops there. ${outsideTransactionAdvice(ctx.transaction)}`,
        why: 'Concurrent builds and drops commit several transactions of their own and wait for other transactions in between, so PostgreSQL refuses them inside a transaction block.',
        suggestions: [
          {
            title: 'Run the statement on its own, outside any transaction',
            sql: `-- in a separate migration that is not wrapped in a transaction:\n${ctx.statement.text};`,
          },
        ],
      });
    }
  },
};
