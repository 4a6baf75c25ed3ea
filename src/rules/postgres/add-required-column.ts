import { pgSince } from '../../engines/postgres/version-facts.js';
import { atLeast } from '../../engines/version.js';
import { checkAddRequiredColumnMysql } from '../mysql/checks/add-required-column.js';
import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { notNullSteps } from '../helpers/pg-recipes.js';
import { newColumnPlan } from '../helpers/plan-args.js';

export const addRequiredColumn: Rule = {
  meta: {
    id: 'add-required-column',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'error',
    description: 'ADD COLUMN ... NOT NULL without a DEFAULT fails on a table with rows (MySQL: fills implicit defaults, or fails for dates) and breaks inserts of the running application.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    // MySQL/MariaDB: implicit defaults for old rows, ERROR 1364 for the running application's INSERTs.
    if (ctx.engine !== 'postgres') return checkAddRequiredColumnMysql(ctx);
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'add-column') continue;
      const c = op.column;
      if (!c.notNull || (c.default && !c.default.isNull) || c.identity || c.serial || c.generated) continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const t = quoteName(op.table);
      const col = quoteIdent(c.name);
      const type = c.type?.text ?? 'type';
      const fastDefault = atLeast(ctx.version, pgSince.fastDefault);
      ctx.report({
        op,
        message: `ADD COLUMN ${c.name} ${type} NOT NULL on ${displayName(op.table)} has no DEFAULT: it fails (ERROR: column "${c.name}" of relation "${op.table.name}" contains null values) as soon as the table has a row, and once added, every INSERT from the application version still running (which does not know the column) fails. Add it with a DEFAULT${fastDefault ? ' (a constant default does not rewrite the table on PostgreSQL 11+)' : ''}, or nullable and backfill.`,
        why: 'Existing rows get NULL for a new column without a default, which NOT NULL rejects; old code that omits the column in INSERTs gets the same error.',
        suggestions: [
          {
            title: 'Add the column with a constant default',
            sql: `ALTER TABLE ${t} ADD COLUMN ${col} ${type} NOT NULL DEFAULT <constant>;${fastDefault ? '' : ` -- PostgreSQL ${ctx.version.major} rewrites the table for a default: prefer the nullable path`}`,
          },
          {
            title: 'Add it nullable, backfill in batches, then enforce NOT NULL',
            sql: [
              `ALTER TABLE ${t} ADD COLUMN ${col} ${type};`,
              `-- deploy code that writes ${c.name}; backfill old rows in batches (migrasafe plan backfill ${op.table.name} --set "${c.name} = ...")`,
              ...notNullSteps(op.table, c.name, ctx.version),
            ].join('\n'),
          },
        ],
        plan: newColumnPlan(op.table, c),
      });
    }
  },
};
