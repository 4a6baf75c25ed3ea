import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { notNullSteps, uniqueViaIndexSteps } from '../helpers/pg-recipes.js';

export const addPrimaryKey: Rule = {
  meta: {
    id: 'add-primary-key',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ADD PRIMARY KEY builds its index (and checks NOT NULL) under an ACCESS EXCLUSIVE lock.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'add-constraint' || op.constraint.type !== 'primary-key') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const con = op.constraint;
      const index = con.usingIndex ? ctx.schema.index({ schema: op.table.schema, name: con.usingIndex }) : undefined;
      const columns = con.columns.length ? con.columns : (index?.columns ?? []);
      const known = (c: string) => ctx.schema.column(op.table, c);
      // Columns not known to be NOT NULL: PostgreSQL scans for NULLs under the lock before marking them.
      const maybeNullable = columns.filter((c) => !known(c)?.notNull);
      const knownNullable = columns.filter((c) => known(c) && !known(c)!.notNull);
      // USING INDEX over columns already NOT NULL is the safe form; only flag it when a column is known nullable.
      if (con.usingIndex && knownNullable.length === 0) continue;
      const name = con.name ?? `${op.table.name}_pkey`;
      const notNull = maybeNullable.flatMap((c) => [
        `-- ${c}: make it NOT NULL without a long lock${known(c) ? '' : ' (skip if it already is)'}`,
        ...notNullSteps(op.table, c, ctx.version),
      ]);
      const build = con.usingIndex
        ? [`ALTER TABLE ${quoteName(op.table)} ADD CONSTRAINT ${quoteIdent(name)} PRIMARY KEY USING INDEX ${quoteIdent(con.usingIndex)};`]
        : uniqueViaIndexSteps(op.table, columns.length ? columns : ['<columns>'], name, 'PRIMARY KEY');
      const what = con.usingIndex
        ? `ADD PRIMARY KEY USING INDEX ${con.usingIndex} on ${displayName(op.table)} must first check ${knownNullable.join(', ')} for NULLs: it scans the whole table under an ACCESS EXCLUSIVE lock (every read and write waits). Make the column${knownNullable.length > 1 ? 's' : ''} NOT NULL first with the validated-CHECK recipe.`
        : `ADD PRIMARY KEY on ${displayName(op.table)} builds a unique index${maybeNullable.length ? ` and checks ${maybeNullable.join(', ')} for NULLs` : ''} while holding an ACCESS EXCLUSIVE lock: every read and write waits for the whole build. Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX${maybeNullable.length ? ', after making the columns NOT NULL without a long lock' : ''}.`;
      ctx.report({
        op,
        message: what,
        why: 'A primary key needs a unique index and NOT NULL columns. Building the index concurrently and proving NOT NULL with a validated CHECK leaves only a brief lock for ADD CONSTRAINT ... USING INDEX.',
        suggestions: [{ title: 'NOT NULL first, then a concurrent unique index attached as the primary key', sql: [...notNull, ...build].join('\n') }],
      });
    }
  },
};
