import type { Rule } from '../types.js';
import { checkUniqueMysql } from '../mysql/checks/unique.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { uniqueViaIndexSteps } from '../helpers/pg-recipes.js';
import { outsideTransactionAdvice } from '../helpers/concurrently.js';
import { planColumn } from '../helpers/plan-args.js';

export const addUniqueConstraint: Rule = {
  meta: {
    id: 'add-unique-constraint',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ADD UNIQUE on an existing table: PostgreSQL builds the index under ACCESS EXCLUSIVE (build it CONCURRENTLY, attach USING INDEX); MySQL fails on duplicate data.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    // MySQL/MariaDB: an online build that fails on duplicate data.
    if (ctx.engine !== 'postgres') return checkUniqueMysql(ctx);
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
        // A new column is not in the plan (it builds the index on existing columns): the command only.
        plan: { kind: 'add-unique', args: [planColumn(op.table, columns.join(','))], flags: { name: constraint }, ...(op.kind === 'add-column' ? { firstPhase: false as const } : {}) },
      });
    }
  },
};
