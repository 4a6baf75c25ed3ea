import type { Rule } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { dropTableSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';

export const dropTable: Rule = {
  meta: {
    id: 'drop-table',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'data-loss',
    defaultLevel: 'error',
    description: 'DROP TABLE deletes every row for good and breaks the application version still using the table.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'drop-table') continue;
      // Tables created earlier in this file or release hold no production data yet.
      const existing = op.tables.filter((t) => !ctx.schema.isNewTable(t));
      if (existing.length === 0) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      const names = existing.map(displayName).join(', ');
      const cascade = op.cascade ? ' CASCADE also drops every view and foreign key that depends on it.' : '';
      ctx.report({
        op,
        message: `Dropping ${names} deletes all ${existing.length > 1 ? 'their' : 'its'} rows for good and makes every running query that still uses ${existing.length > 1 ? 'them' : 'it'} fail.${cascade} Drop a table only in a release after the code stopped using it and you verified nothing reads or writes it.`,
        why: 'A drop cannot be rolled back once committed (only restored from a backup), and the application version still running during the deploy may use the table.',
        suggestions: existing.map((t) => ({
          title: `Retire ${t.name} over separate deploys`,
          sql: stepsText(`Drop ${d.name(t)} safely:`, dropTableSteps(ctx.engine, ctx.version, t)),
        })),
      });
    }
  },
};
