import { pgSince } from '../../engines/postgres/version-facts.js';
import { atLeast } from '../../engines/version.js';
import type { OperationOf } from '../../core/operations.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import {
  CONCURRENT_BUG_WHY,
  concurrentIndexBugMessage,
  concurrentlyFix,
  hasConcurrentIndexBug,
  isNewIndex,
  outsideTransactionAdvice,
  tableOfKey,
  withConcurrently,
} from '../helpers/concurrently.js';

const KIND_KEYWORD = /\b(INDEX|TABLE|SCHEMA|DATABASE)\b/i;

export const requireConcurrentReindex: Rule = {
  meta: {
    id: 'require-concurrent-reindex',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'REINDEX without CONCURRENTLY blocks writes to the table and reads through the index for the whole rebuild.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'reindex' || op.target === 'system') continue;
      if (op.concurrently) {
        if (hasConcurrentIndexBug(ctx.version)) {
          ctx.report({ op, level: 'warn', message: concurrentIndexBugMessage('REINDEX CONCURRENTLY', ctx.version), why: CONCURRENT_BUG_WHY });
        }
        continue;
      }
      if (isNew(ctx, op)) continue;
      const target = `${op.target.toUpperCase()} ${displayName(op.name)}`;
      const blocks = `REINDEX ${target} takes a SHARE lock on the table (writes wait) and an ACCESS EXCLUSIVE lock on each index it rebuilds (queries that would use it wait) for the whole rebuild`;
      if (atLeast(ctx.version, pgSince.reindexConcurrently)) {
        const advice = outsideTransactionAdvice(ctx.transaction);
        ctx.report({
          op,
          message: `${blocks}. Use REINDEX ${op.target.toUpperCase()} CONCURRENTLY (PostgreSQL 12+).${advice ? ` ${advice}` : ''}`,
          why: 'REINDEX CONCURRENTLY builds a new copy of each index next to the old one under SHARE UPDATE EXCLUSIVE, then swaps them; reads and writes continue.',
          fix: concurrentlyFix(ctx, KIND_KEYWORD),
          suggestions: [{ title: 'Rebuild concurrently, outside a transaction', sql: withConcurrently(ctx, KIND_KEYWORD) }],
        });
        continue;
      }
      // Before 12 there is no REINDEX CONCURRENTLY: build a replacement index concurrently and swap names.
      const idx = op.target === 'index' ? ctx.schema.index(op.name) : undefined;
      const old = quoteName(op.name);
      const fresh = quoteIdent(`${op.name.name}_new`.slice(0, 63));
      const steps =
        op.target === 'index'
          ? [
              `-- PostgreSQL ${ctx.version.major} has no REINDEX CONCURRENTLY: build a copy, then swap (outside a transaction)`,
              `CREATE ${idx?.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${fresh} ON ${idx ? quoteName(tableOfKey(idx.table)) : '<table>'} (${idx?.columns.join(', ') || '<same columns as the old index>'});`,
              `DROP INDEX CONCURRENTLY ${old};`,
              `ALTER INDEX ${fresh} RENAME TO ${quoteIdent(op.name.name)};`,
            ]
          : [`-- PostgreSQL ${ctx.version.major} has no REINDEX CONCURRENTLY: for each index of ${displayName(op.name)}, CREATE INDEX CONCURRENTLY a copy, DROP INDEX CONCURRENTLY the old one, then rename the copy.`];
      ctx.report({
        op,
        message: `${blocks}. PostgreSQL ${ctx.version.major} has no REINDEX CONCURRENTLY: build a replacement with CREATE INDEX CONCURRENTLY and swap it in.`,
        why: 'REINDEX CONCURRENTLY arrived in PostgreSQL 12; before that the concurrent way is a new index built concurrently.',
        suggestions: [{ title: 'Build a replacement index concurrently and swap names', sql: steps.join('\n') }],
      });
    }
  },
};

function isNew(ctx: StatementContext, op: OperationOf<'reindex'>): boolean {
  if (op.target === 'index') return isNewIndex(ctx, op.name);
  if (op.target === 'table') return ctx.schema.isNewTable(op.name);
  return false;
}
