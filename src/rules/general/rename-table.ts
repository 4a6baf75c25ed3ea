import type { Rule } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { renameTableSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';

export const renameTable: Rule = {
  meta: {
    id: 'rename-table',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'error',
    description: 'RENAME TABLE breaks the application version still running: its queries use the old name.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'rename-table') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      ctx.report({
        op,
        message: `Renaming ${displayName(op.table)} to ${op.newName} breaks the application version still running: every query it sends to ${op.table.name} fails (${d.missingTableError(op.table.name)}) until all instances run the new code. Keep the old name working with an updatable view until the new code is deployed.`,
        why: 'During a deploy old and new code run at the same time; a rename is instantly visible to both.',
        suggestions: [
          {
            title: `Rename ${op.table.name} to ${op.newName} with a compatibility view`,
            sql: stepsText(`Rename ${d.name(op.table)} to ${d.ident(op.newName)} without breaking the running code:`, renameTableSteps(ctx.engine, ctx.version, op.table, op.newName)),
          },
        ],
        planCommand: `migrasafe plan rename-table ${op.table.name} ${op.newName}`,
      });
    }
  },
};
