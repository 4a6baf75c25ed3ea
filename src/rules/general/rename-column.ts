import type { Rule } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { renameColumnSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';
import { planColumn } from '../helpers/plan-args.js';

export const renameColumn: Rule = {
  meta: {
    id: 'rename-column',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'error',
    description: 'RENAME COLUMN breaks the application version still running: its queries use the old name.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'rename-column') continue;
      // A table or column added earlier in this file or release has no readers yet.
      if (ctx.schema.isNewColumn(op.table, op.column)) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      ctx.report({
        op,
        message: `Renaming ${displayName(op.table)}.${op.column} to ${op.newName} breaks the application version still running: from the moment this commits until every instance runs the new code, its queries naming ${op.column} fail (${d.missingColumnError(op.column)}). Add ${op.newName} alongside, write both, backfill, switch reads, then drop ${op.column} in a later release.`,
        why: 'During a deploy old and new code run at the same time against one schema; a rename is instantly visible to both, so one of them is always wrong.',
        suggestions: [
          {
            title: `Rename ${op.column} to ${op.newName} by expand-migrate-contract`,
            sql: stepsText(
              `Rename ${d.name(op.table)}.${d.ident(op.column)} to ${d.ident(op.newName)} without breaking the running code:`,
              renameColumnSteps({ engine: ctx.engine, version: ctx.version, table: op.table, column: op.column, newName: op.newName, typeText: ctx.schema.column(op.table, op.column)?.type?.text }),
            ),
          },
        ],
        plan: { kind: 'rename-column', args: [planColumn(op.table, op.column), op.newName] },
      });
    }
  },
};
