import type { Rule } from '../types.js';
import { quoteIdent } from '../helpers/sql-text.js';

export const dropDatabase: Rule = {
  meta: {
    id: 'drop-database',
    engines: ['postgres'],
    category: 'data-loss',
    defaultLevel: 'error',
    description: 'DROP DATABASE in a migration destroys a whole database.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'drop-database') continue;
      const db = quoteIdent(op.name);
      ctx.report({
        op,
        message: `DROP DATABASE ${op.name} removes the whole database and every table in it, in every environment this migration runs in; it cannot be rolled back (and fails inside a transaction block). Do it by hand, after a backup, not in a migration.`,
        why: 'Migrations run unattended on every environment, production included.',
        suggestions: [
          {
            title: 'Make the database unreachable first, drop it by hand later',
            sql: `ALTER DATABASE ${db} WITH ALLOW_CONNECTIONS false; -- reversible; drop it manually once nothing needs it`,
          },
        ],
      });
    }
  },
};
