import { atLeast } from '../../engines/version.js';
import { volatileFunctionsIn } from '../../engines/postgres/volatility.js';
import type { ColumnSpec } from '../../core/operations.js';
import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { newColumnPlan } from '../helpers/plan-args.js';

/** Why adding this column rewrites the table at this version, or undefined when it does not. */
function rewriteReason(column: ColumnSpec, version: { major: number }): string | undefined {
  if (column.identity) return 'an identity column fills every existing row with a sequence value';
  if (column.serial) return 'a serial column has a nextval() default, which is volatile and evaluated per row';
  if (column.generated === 'stored') return 'a stored generated column is computed and written for every existing row';
  const def = column.default;
  if (!def || def.isNull) return undefined;
  const volatile = [...new Set(volatileFunctionsIn(def.functions))];
  if (volatile.length) return `the default calls ${volatile.map((f) => `${f}()`).join(', ')}, ${volatile.length > 1 ? 'which are' : 'which is'} volatile, so it is evaluated and stored for every existing row`;
  if (version.major < 11) return `before PostgreSQL 11 any non-NULL default is written into every existing row`;
  return undefined;
}

export const addColumnRewrite: Rule = {
  meta: {
    id: 'add-column-rewrite',
    engines: ['postgres'],
    category: 'rewrite',
    defaultLevel: 'error',
    description: 'ADD COLUMN with a volatile default, identity, serial or stored generated column rewrites the whole table.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'add-column') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const reason = rewriteReason(op.column, ctx.version);
      if (!reason) continue;
      const t = quoteName(op.table);
      const c = quoteIdent(op.column.name);
      const type = op.column.type?.text ?? 'type';
      const def = op.column.default?.text;
      const steps = [
        `ALTER TABLE ${t} ADD COLUMN ${c} ${type};`,
        def ? `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${def}; -- new rows only, no rewrite` : undefined,
        `-- then backfill existing rows in batches in a separate migration (migrasafe plan backfill ${op.table.name} --set "${op.column.name} = ${def ?? '...'}")`,
      ].filter(Boolean);
      ctx.report({
        op,
        message: `ADD COLUMN ${op.column.name} on ${displayName(op.table)} rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock (every read and write waits): ${reason}.`,
        why: atLeast(ctx.version, 11)
          ? 'PostgreSQL 11+ stores a constant default in the catalog without touching rows, but not a per-row value.'
          : 'Before PostgreSQL 11, adding a column with a default rewrote the table.',
        suggestions: [{ title: 'Add the column without the default, set the default for new rows, backfill in batches', sql: steps.join('\n') }],
        // A volatile (or, before 11, any) default: add the column nullable, default for new rows, backfill.
        plan: op.column.default && !op.column.identity && !op.column.serial && !op.column.generated ? newColumnPlan(op.table, op.column) : undefined,
      });
    }
  },
};
