import { pgSince } from '../../engines/postgres/version-facts.js';
import { atLeast } from '../../engines/version.js';
import type { Rule } from '../types.js';
import { displayName } from '../helpers/sql-text.js';
import { concurrentlyFix, outsideTransactionAdvice } from '../helpers/concurrently.js';

export const requireConcurrentDetachPartition: Rule = {
  meta: {
    id: 'require-concurrent-detach-partition',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table (PostgreSQL 14+ can avoid it).',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    // DETACH PARTITION ... CONCURRENTLY exists from PostgreSQL 14; before it there is no alternative.
    if (!atLeast(ctx.version, pgSince.detachConcurrently)) return;
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'detach-partition' || op.concurrently) continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const advice = outsideTransactionAdvice(ctx.transaction);
      ctx.report({
        op,
        message: `DETACH PARTITION ${displayName(op.partition)} takes an ACCESS EXCLUSIVE lock on ${displayName(op.table)}: every read and write on the whole partitioned table waits, and queues behind any long transaction. Use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+; not allowed when the table has a DEFAULT partition).${advice ? ` ${advice}` : ''}`,
        why: 'DETACH CONCURRENTLY takes only SHARE UPDATE EXCLUSIVE on the parent and runs in two transactions; if it is interrupted, finish it with DETACH PARTITION ... FINALIZE.',
        // The keyword goes after the partition name, at the end of the statement.
        fix: concurrentlyFix(ctx, /\bDETACH\s+PARTITION\s+(?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?/i),
      });
    }
  },
};
