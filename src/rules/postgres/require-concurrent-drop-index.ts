import type { Rule } from '../types.js';
import { displayName, quoteName } from '../helpers/sql-text.js';
import { concurrentlyFix, isNewIndex, outsideTransactionAdvice, tableOfKey } from '../helpers/concurrently.js';

export const requireConcurrentDropIndex: Rule = {
  meta: {
    id: 'require-concurrent-drop-index',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table: every read and write waits.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'drop-index' || op.concurrently) continue;
      const existing = op.indexes.filter((i) => !isNewIndex(ctx, i));
      if (existing.length === 0) continue;
      const known = ctx.schema.index(existing[0]);
      const on = known ? displayName(tableOfKey(known.table)) : 'its table';
      const names = existing.map(displayName).join(', ');
      const ifExists = op.ifExists ? 'IF EXISTS ' : '';
      // DROP INDEX CONCURRENTLY takes one index and no CASCADE.
      const single = op.indexes.length === 1 && !op.cascade;
      const advice = outsideTransactionAdvice(ctx.transaction);
      ctx.report({
        op,
        message: `DROP INDEX ${names} takes an ACCESS EXCLUSIVE lock on ${on}: every read and write waits until it gets the lock, and while it waits behind a long transaction everything queues behind it. Use DROP INDEX CONCURRENTLY.${advice ? ` ${advice}` : ''}`,
        why: 'DROP INDEX CONCURRENTLY waits for transactions using the index to finish, then drops it without blocking reads or writes.',
        fix: single ? concurrentlyFix(ctx, /\bINDEX\b/i) : undefined,
        suggestions: [
          {
            title: 'Drop each index concurrently, outside a transaction',
            sql: op.indexes.map((i) => `DROP INDEX CONCURRENTLY ${ifExists}${quoteName(i)};`).join('\n'),
          },
        ],
      });
    }
  },
};
