import type { Rule } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { dropNotNullSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';

export const dropNotNull: Rule = {
  meta: {
    id: 'drop-not-null',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'warn',
    description: 'DROP NOT NULL lets NULLs in that the running code (and its readers) assume never happen.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'drop-not-null') continue;
      // A table or column added earlier in this file or release has no readers yet.
      if (ctx.schema.isNewColumn(op.table, op.column)) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      const alter = ctx.engine === 'postgres'
        ? `ALTER TABLE ${d.name(op.table)} ALTER COLUMN ${d.ident(op.column)} DROP NOT NULL;`
        : ctx.file.text.slice(ctx.statement.range.start, ctx.statement.terminatorEnd);
      ctx.report({
        op,
        message: `Dropping NOT NULL on ${displayName(op.table)}.${op.column} lets NULLs in while code that assumes the column is always set is still running: readers (reports, ORMs with non-optional fields, other services) can fail on the first NULL. Deploy readers that handle NULL before this migration, and write NULLs only after it.`,
        why: 'A NOT NULL column is a promise to every reader; relaxing it is safe only once all of them tolerate NULL.',
        suggestions: [
          {
            title: `Make readers NULL-safe first, then drop NOT NULL`,
            sql: stepsText(`Relax ${d.name(op.table)}.${d.ident(op.column)} without breaking readers:`, dropNotNullSteps(op.column, alter)),
          },
        ],
      });
    }
  },
};
