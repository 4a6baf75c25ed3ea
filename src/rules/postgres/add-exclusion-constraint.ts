import type { Rule } from '../types.js';
import { displayName } from '../helpers/sql-text.js';

export const addExclusionConstraint: Rule = {
  meta: {
    id: 'add-exclusion-constraint',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ADD EXCLUDE builds its index under an ACCESS EXCLUSIVE lock, and there is no concurrent alternative.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'add-constraint' || op.constraint.type !== 'exclusion') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      ctx.report({
        op,
        message: `ADD EXCLUDE on ${displayName(op.table)} builds its index and checks every row while holding an ACCESS EXCLUSIVE lock: every read and write waits for the whole build. PostgreSQL has no NOT VALID or USING INDEX form for exclusion constraints, so there is no online way: run it in a low-traffic window with lock_timeout and statement_timeout set, or create it on a new table and move the data.`,
        why: 'Exclusion constraints cannot be attached from an index built CONCURRENTLY.',
        suggestions: [
          {
            title: 'Bound the lock wait and the build time',
            sql: `SET lock_timeout = '5s';\nSET statement_timeout = '15min';\n${ctx.statement.text};`,
          },
        ],
      });
    }
  },
};
