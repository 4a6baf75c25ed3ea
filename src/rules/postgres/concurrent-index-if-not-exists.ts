import type { Rule } from '../types.js';
import { displayName, findInStatement, quoteIdent, quoteName } from '../helpers/sql-text.js';

export const concurrentIndexIfNotExists: Rule = {
  meta: {
    id: 'concurrent-index-if-not-exists',
    engines: ['postgres'],
    category: 'correctness',
    defaultLevel: 'warn',
    description: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS silently keeps an INVALID index left by an earlier failed build.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'create-index' || !op.concurrently || !op.ifNotExists || !op.name) continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const name = op.table.schema ? quoteName({ schema: op.table.schema, name: op.name }) : quoteIdent(op.name);
      const ine = findInStatement(ctx.statement, /\s+IF\s+NOT\s+EXISTS\b/i);
      const create = ine
        ? ctx.statement.text.slice(0, ine.start - ctx.statement.range.start) + ctx.statement.text.slice(ine.end - ctx.statement.range.start)
        : ctx.statement.text;
      ctx.report({
        op,
        message: `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${displayName({ name: op.name })} on ${displayName(op.table)}: if an earlier run of this migration failed or was cancelled mid-build, an INVALID index with this name already exists, IF NOT EXISTS skips the build, and the migration "succeeds" with an index that queries never use and writes still pay for. Drop an invalid index first, then build it.`,
        why: 'A failed CREATE INDEX CONCURRENTLY leaves the index in place marked INVALID (pg_index.indisvalid = false); only DROP INDEX or REINDEX removes that state.',
        suggestions: [
          {
            title: 'Drop a leftover index, then build without IF NOT EXISTS',
            sql: [
              `-- find leftovers: SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;`,
              `DROP INDEX CONCURRENTLY IF EXISTS ${name};`,
              `${create};`,
            ].join('\n'),
          },
        ],
      });
    }
  },
};
