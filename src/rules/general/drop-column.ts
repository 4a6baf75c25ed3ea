import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';

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
      if (ctx.schema.isNewTable(op.table)) continue;
      const t = quoteName(op.table);
      ctx.report({
        op,
        message: `Dropping ${displayName(op.table)}.${op.column} breaks every running query that still reads or writes it (including \`SELECT *\` mapped by an ORM) and deletes its data for good. Ship it only in a release after the code that stopped using ${op.column} is fully deployed.`,
        why: 'During a deploy the old application version keeps running against the new schema; a dropped column makes its queries fail.',
        suggestions: [
          {
            title: 'Contract in a later release, after the code no longer uses the column',
            sql: [
              `-- 1. Deploy code that no longer reads or writes ${op.column} (ORMs: mark it ignored first).`,
              `-- 2. Optionally keep the data until the contract is verified, keyed by the primary key:`,
              `--    CREATE TABLE ${quoteIdent(`${op.table.name}_${op.column}_backup`)} AS SELECT <primary key>, ${quoteIdent(op.column)} FROM ${t};`,
              `-- 3. In the next release:`,
              `ALTER TABLE ${t} DROP COLUMN ${quoteIdent(op.column)};`,
            ].join('\n'),
          },
        ],
      });
    }
  },
};
