import { pgSince } from '../../engines/postgres/version-facts.js';
import { atLeast } from '../../engines/version.js';
import type { QualifiedName } from '../../core/operations.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName } from '../helpers/sql-text.js';
import { notNullSteps } from '../helpers/pg-recipes.js';
import { planColumn } from '../helpers/plan-args.js';

/** Is the column already proven non-null, so SET NOT NULL skips its scan at this version? */
function alreadyProven(ctx: StatementContext, table: QualifiedName, column: string): boolean {
  // Already NOT NULL: SET NOT NULL is a no-op.
  if (ctx.schema.column(table, column)?.notNull) return true;
  // PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT NULL) proves it.
  if (atLeast(ctx.version, pgSince.notNullViaCheck) && ctx.schema.hasValidatedNotNullCheck(table, column)) return true;
  // PostgreSQL 18: a validated NOT NULL constraint (added NOT VALID, then VALIDATE CONSTRAINT) is the column's NOT NULL.
  const t = ctx.schema.table(table);
  return !!t && [...t.constraints.values()].some((c) => c.type === 'not-null' && c.validated && c.columns.includes(column));
}
import { checkSetNotNullMysql } from '../mysql/checks/set-not-null.js';

export const setNotNull: Rule = {
  meta: {
    id: 'set-not-null',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'Making an existing column NOT NULL: PostgreSQL scans the whole table under ACCESS EXCLUSIVE (SET NOT NULL, or 18+ ADD CONSTRAINT ... NOT NULL without NOT VALID); MySQL MODIFY ... NOT NULL rebuilds and fails on NULLs.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    // MySQL/MariaDB: MODIFY ... NOT NULL (rebuild, data-dependent).
    if (ctx.engine !== 'postgres') return checkSetNotNullMysql(ctx);
    for (const op of ctx.statement.ops) {
      let column: string;
      if (op.kind === 'set-not-null') column = op.column;
      else if (op.kind === 'add-constraint' && op.constraint.type === 'not-null' && !op.constraint.notValid && op.constraint.columns.length === 1) column = op.constraint.columns[0];
      else continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      if (alreadyProven(ctx, op.table, column)) continue;
      const pg12 = atLeast(ctx.version, pgSince.notNullViaCheck);
      const pg18 = atLeast(ctx.version, pgSince.notNullNotValid);
      const what = op.kind === 'set-not-null' ? 'SET NOT NULL' : 'ADD CONSTRAINT ... NOT NULL';
      const advice = pg18
        ? ' Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate transaction (PostgreSQL 18+).'
        : pg12
          ? ' Prove it first with a validated CHECK constraint.'
          : '';
      ctx.report({
        op,
        message: `${what} on ${displayName(op.table)}.${column} takes an ACCESS EXCLUSIVE lock (every read and write waits) while it scans the whole table for NULLs.${advice}`,
        why: 'PostgreSQL must check every row; with ACCESS EXCLUSIVE held, the table is unavailable for the whole scan. VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE instead, which lets reads and writes continue.',
        suggestions: [
          {
            title: pg18 ? 'Add the NOT NULL constraint NOT VALID, validate it separately' : pg12 ? 'Validate a CHECK (col IS NOT NULL) first, then SET NOT NULL without a scan' : 'Use a validated CHECK constraint',
            sql: notNullSteps(op.table, column, ctx.version).join('\n'),
          },
        ],
        plan: { kind: 'add-not-null', args: [planColumn(op.table, column)] },
      });
    }
  },
};
