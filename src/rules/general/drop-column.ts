import type { Rule } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { columnHasNoReaders, dropColumnSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';

export const dropColumn: Rule = {
  meta: {
    id: 'drop-column',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'error',
    description: 'DROP COLUMN breaks the application version still running and loses the data; it must ship after the code stopped using it.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'drop-column') continue;
      if (columnHasNoReaders(ctx.schema, op.table, op.column)) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      ctx.report({
        op,
        message: `Dropping ${displayName(op.table)}.${op.column} breaks every running query that still reads or writes it (including \`SELECT *\` mapped by an ORM) and deletes its data for good. Ship it only in a release after the code that stopped using ${op.column} is fully deployed.`,
        why: 'During a deploy the old application version keeps running against the new schema; a dropped column makes its queries fail.',
        suggestions: [
          {
            title: 'Contract in a later release, after the code no longer uses the column',
            sql: stepsText(`Drop ${d.name(op.table)}.${d.ident(op.column)} without breaking the running code:`, dropColumnSteps(ctx.engine, ctx.version, op.table, op.column)),
          },
        ],
      });
    }
  },
};
