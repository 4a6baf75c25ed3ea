import type { Rule } from '../types.js';
import { displayName, findInStatement, statementWith } from '../helpers/sql-text.js';
import { lockFact, lockSentence } from '../helpers/postgres-locks.js';
import { CONCURRENT_BUG_WHY, concurrentIndexBugMessage, hasConcurrentIndexBug } from '../helpers/concurrently.js';

export const requireConcurrentIndex: Rule = {
  meta: {
    id: 'require-concurrent-index',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole build.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'create-index') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      if (op.concurrently) {
        // 14.0-14.3: the concurrent build itself is the danger (silent index corruption).
        if (hasConcurrentIndexBug(ctx.version)) ctx.report({ op, level: 'warn', message: concurrentIndexBugMessage('CREATE INDEX CONCURRENTLY', ctx.version), why: CONCURRENT_BUG_WHY });
        continue;
      }
      // A partitioned parent cannot be indexed concurrently; that case has its own recipe in the docs.
      if (ctx.schema.table(op.table)?.partitioned) continue;
      const fact = lockFact(ctx, op)!;
      const keyword = findInStatement(ctx.statement, /\bINDEX\b/i);
      const inTx = ctx.transaction.inTransaction;
      ctx.report({
        op,
        range: ctx.statement.range,
        message: `CREATE INDEX on ${displayName(op.table)} ${lockSentence(fact)} for the whole index build. Use CREATE INDEX CONCURRENTLY${inTx ? ', in a migration that runs outside a transaction' : ''}.`,
        why: 'A plain index build holds a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until it finishes.',
        fix: keyword
          ? {
              title: 'Add CONCURRENTLY',
              // Inside a transaction block CONCURRENTLY fails, so the edit is only offered, not applied.
              safe: !inTx,
              edits: [{ range: { start: keyword.end, end: keyword.end }, text: ' CONCURRENTLY' }],
            }
          : undefined,
        suggestions: inTx
          ? [{ title: 'Build the index concurrently in its own migration that runs outside a transaction', sql: `${statementWith(ctx.statement, keyword?.end, ' CONCURRENTLY')};` }]
          : undefined,
      });
    }
  },
};
