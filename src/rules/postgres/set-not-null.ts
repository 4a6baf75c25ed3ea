import { atLeast } from '../../engines/version.js';
import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';

export const setNotNull: Rule = {
  meta: {
    id: 'set-not-null',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ALTER COLUMN ... SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'set-not-null') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const pg12 = atLeast(ctx.version, 12);
      // PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT NULL) proves it.
      if (pg12 && ctx.schema.hasValidatedNotNullCheck(op.table, op.column)) continue;
      const t = quoteName(op.table);
      const col = quoteIdent(op.column);
      const check = quoteIdent(`${op.table.name}_${op.column}_not_null`.slice(0, 63));
      const steps = atLeast(ctx.version, 18)
        ? [
            `ALTER TABLE ${t} ADD CONSTRAINT ${check} NOT NULL ${col} NOT VALID;`,
            `-- in a separate transaction, after old rows are backfilled:`,
            `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
          ]
        : pg12
          ? [
              `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${col} IS NOT NULL) NOT VALID;`,
              `-- in a separate transaction, after old rows are backfilled:`,
              `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
              `ALTER TABLE ${t} ALTER COLUMN ${col} SET NOT NULL; -- no scan: the valid CHECK proves it`,
              `ALTER TABLE ${t} DROP CONSTRAINT ${check};`,
            ]
          : [
              `-- PostgreSQL ${ctx.version.major} always scans for SET NOT NULL; enforce it with a CHECK instead:`,
              `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${col} IS NOT NULL) NOT VALID;`,
              `-- in a separate transaction:`,
              `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
            ];
      ctx.report({
        op,
        message: `SET NOT NULL on ${displayName(op.table)}.${op.column} takes an ACCESS EXCLUSIVE lock (every read and write waits) while it scans the whole table for NULLs.${pg12 ? ' Prove it first with a validated CHECK constraint.' : ''}`,
        why: 'PostgreSQL must check every row; with ACCESS EXCLUSIVE held, the table is unavailable for the whole scan.',
        suggestions: [{ title: pg12 ? 'Validate a CHECK (col IS NOT NULL) first, then SET NOT NULL without a scan' : 'Use a validated CHECK constraint', sql: steps.join('\n') }],
        planCommand: `migrasafe plan add-not-null ${op.table.name}.${op.column}`,
      });
    }
  },
};
