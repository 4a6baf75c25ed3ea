import { atLeast } from '../../engines/version.js';
import { isUtcZone, pgTypeChange, possiblyFreeTargets } from '../../engines/postgres/type-changes.js';
import type { Suggestion } from '../../core/types.js';
import { checkChangeColumnTypeMysql } from '../mysql/checks/change-column-type.js';
import type { Rule } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { lengthCheckSteps, typeChangeSteps } from '../helpers/pg-recipes.js';
import { planColumn } from '../helpers/plan-args.js';

/** `USING col` or `USING col::type` leaves the value as the plain cast would. */
function trivialUsing(using: string | undefined, column: string): boolean {
  if (!using) return true;
  const m = /^\(?\s*"?([^":\s()]+)"?\s*\)?\s*(::.*)?$/.exec(using.trim());
  return !!m && m[1].toLowerCase() === column.toLowerCase();
}

export const changeColumnType: Rule<{ sessionTimeZoneUtc: boolean }> = {
  meta: {
    id: 'change-column-type',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'rewrite',
    defaultLevel: 'error',
    description: 'ALTER COLUMN ... TYPE rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE, unless PostgreSQL can skip it for that change; MySQL MODIFY/CHANGE to a type that cannot hold every value loses data or fails.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
    options: {
      sessionTimeZoneUtc: {
        type: 'boolean',
        default: false,
        description: 'The migration session runs with TimeZone = UTC (the server default), so timestamp <-> timestamptz changes skip the rewrite on PostgreSQL 12+.',
      },
    },
  },
  checkStatement(ctx) {
    // MySQL/MariaDB: data and application side of MODIFY/CHANGE type changes (the copy is mysql-table-copy's).
    if (ctx.engine !== 'postgres') return checkChangeColumnTypeMysql(ctx);
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'alter-column-type') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const old = ctx.schema.column(op.table, op.column)?.type;
      const using = trivialUsing(op.using, op.column) ? undefined : op.using;
      const utc = ctx.options.sessionTimeZoneUtc === true || isUtcZone(ctx.settings.get('timezone'));
      const verdict = old && !using ? pgTypeChange(old, op.type, { version: ctx.version.major, timezoneUtc: utc }) : { rewrite: true };
      if (!verdict.rewrite) continue;
      const t = quoteName(op.table);
      const col = quoteIdent(op.column);
      const from = old ? ` from ${old.text}` : '';
      const suggestions: Suggestion[] = [];
      let note = '';
      if (using) note = ` The USING expression computes every value anew.`;
      else if (!old && possiblyFreeTargets.has(op.type.name)) {
        note = ` migrasafe does not know the column's current type (it was not created in the migrations it read); if this only widens it (e.g. varchar(n) to a larger n or text, or numeric precision with the same scale), PostgreSQL skips the rewrite and you can ignore this.`;
      }
      if ('nearMiss' in verdict && verdict.nearMiss?.needsUtc && atLeast(ctx.version, 12 /* timestamp <-> timestamptz under UTC */)) {
        note = ` This change skips the rewrite on PostgreSQL 12+ when the session TimeZone is UTC (the column's indexes are still rebuilt).`;
        const local = ctx.transaction.inTransaction ? 'SET LOCAL' : 'SET';
        suggestions.push({
          title: 'Run the change with TimeZone = UTC (no table rewrite)',
          sql: `${local} TimeZone = 'UTC';\n${ctx.statement.text};${local === 'SET' ? '\nRESET TimeZone;' : ''}`,
        });
      }
      // Adding or lowering a length limit: a CHECK enforces it without a rewrite.
      if (op.type.name === 'varchar' && op.type.modifiers.length && old && (old.name === 'text' || old.name === 'varchar')) {
        suggestions.push({ title: `Keep the type; enforce the length with a CHECK (no rewrite)`, sql: lengthCheckSteps(op.table, op.column, op.type.modifiers[0]).join('\n') });
      }
      suggestions.push({ title: 'Expand and contract: new column, backfill, switch, drop the old one', sql: typeChangeSteps(op.table, op.column, op.type, op.using).join('\n') });
      ctx.report({
        op,
        // An unknown old type with a possibly-free target is less certain: downgrade to a warning.
        level: !old && !using && possiblyFreeTargets.has(op.type.name) ? 'warn' : undefined,
        message: `ALTER COLUMN ${op.column} TYPE ${op.type.text}${from} on ${displayName(op.table)} rewrites the whole table and rebuilds its indexes under an ACCESS EXCLUSIVE lock: every read and write waits until it finishes.${note}`,
        why: `Only changes PostgreSQL can prove value-preserving skip the rewrite (see docs/rules/change-column-type.md for the list). ALTER TABLE ${t} ALTER COLUMN ${col} needs a new copy of every row otherwise.`,
        suggestions,
        // The plan converts with a cast: a USING expression of its own gets no plan.
        plan: using ? undefined : { kind: 'change-type', args: [planColumn(op.table, op.column), op.type.text] },
      });
    }
  },
};
