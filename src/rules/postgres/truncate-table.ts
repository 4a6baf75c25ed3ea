import type { Rule } from '../types.js';
import { displayName, quoteName } from '../helpers/sql-text.js';

export const truncateTable: Rule = {
  meta: {
    id: 'truncate-table',
    engines: ['postgres'],
    category: 'data-loss',
    defaultLevel: 'error',
    description: 'TRUNCATE deletes every row of an existing table under an ACCESS EXCLUSIVE lock.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'truncate') continue;
      const existing = op.tables.filter((t) => !ctx.schema.isNewTable(t));
      if (existing.length === 0) continue;
      const names = existing.map(displayName).join(', ');
      const first = existing[0];
      ctx.report({
        op,
        message: `TRUNCATE ${names} deletes every row (no WHERE, no undo after COMMIT) and takes an ACCESS EXCLUSIVE lock, so every read and write waits${op.cascade ? '; CASCADE also empties every table with a foreign key to it' : ''}. In a migration this is production data. If only some rows must go, delete them in batches in a separate data migration.`,
        why: 'TRUNCATE is not MVCC-safe and fires no ON DELETE triggers; the data is gone for every environment the migration runs in.',
        suggestions: [
          {
            title: 'Delete the rows you mean to remove, in batches',
            sql: [
              `-- in a separate data migration, repeated until it deletes 0 rows:`,
              `DELETE FROM ${quoteName(first)} WHERE ctid IN (SELECT ctid FROM ${quoteName(first)} WHERE /* rows to remove */ true LIMIT 10000);`,
            ].join('\n'),
          },
        ],
      });
    }
  },
};
