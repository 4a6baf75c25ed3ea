import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { uniqueViaIndexSteps } from '../helpers/pg-recipes.js';
import { outsideTransactionAdvice } from '../helpers/concurrently.js';

export const addUniqueConstraint: Rule = {
  meta: {
    id: 'add-unique-constraint',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock; build it CONCURRENTLY and attach it with USING INDEX.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      let columns: string[];
      let name: string | undefined;
      if (op.kind === 'add-constraint' && op.constraint.type === 'unique' && !op.constraint.usingIndex) {
        columns = op.constraint.columns;
        name = op.constraint.name;
      } else if (op.kind === 'add-column' && op.column.unique) {
        columns = [op.column.name];
      } else continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const constraint = name ?? `${op.table.name}_${columns.join('_')}_key`;
      const advice = outsideTransactionAdvice(ctx.transaction);
      ctx.report({
        op,
        message: `${op.kind === 'add-column' ? `ADD COLUMN ${op.column.name} ... UNIQUE` : 'ADD UNIQUE'} on ${displayName(op.table)} builds a unique index while holding an ACCESS EXCLUSIVE lock: every read and write waits for the whole build (it reads every row). Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with ADD CONSTRAINT ... UNIQUE USING INDEX.${advice ? ` ${advice}` : ''}`,
        why: 'ADD CONSTRAINT ... USING INDEX only records an existing index as the constraint: a brief lock, no build.',
        suggestions: [
          {
            title: 'Build the unique index concurrently, then add the constraint using it',
            sql: [
              ...(op.kind === 'add-column' ? [`ALTER TABLE ${quoteName(op.table)} ADD COLUMN ${quoteIdent(op.column.name)} ${op.column.type?.text ?? ''};`] : []),
              ...uniqueViaIndexSteps(op.table, columns, constraint, 'UNIQUE'),
            ].join('\n'),
          },
        ],
      });
    }
  },
};
