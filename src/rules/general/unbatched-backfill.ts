import type { Rule } from '../types.js';
import { BATCH_SIZE, batchKey, keyColumns, whereTargetsKey } from '../helpers/backfill.js';
import { dialectFor } from '../helpers/dialect.js';
import { planTable } from '../helpers/plan-args.js';
import { targetQualifier, updateSetText } from '../helpers/statement-parts.js';
import { displayName } from '../helpers/sql-text.js';

/** Flag values as one line (the command line and the plan's job name want no line breaks). */
function oneLine(text: string | undefined): string | undefined {
  return text?.replace(/\s+/g, ' ').trim();
}

export const unbatchedBackfill: Rule = {
  meta: {
    id: 'unbatched-backfill',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'data',
    defaultLevel: 'warn',
    description: 'UPDATE/DELETE of an existing table in one statement, with no batching bound: one huge transaction that locks every row it touches.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'update' && op.kind !== 'delete') continue;
      if (op.batched || !op.table.name) continue;
      // Rows of a table created in this file or release are not live data yet.
      if (ctx.schema.isNewTable(op.table)) continue;
      // `WHERE id = 42`: a targeted change of a row or two, not a backfill.
      if (op.where && whereTargetsKey(op.where, keyColumns(ctx.schema, op.table))) continue;
      const key = batchKey(ctx.schema, op.table);
      const verb = op.kind === 'update' ? 'UPDATE' : 'DELETE';
      const scope = op.where ? `WHERE ${op.where.length > 60 ? `${op.where.slice(0, 57)}...` : op.where}` : 'no WHERE';
      const text = ctx.statement.text;
      const set = op.kind === 'update' ? updateSetText(text, op.where) : undefined;
      const alias = targetQualifier(text, set, dialectFor(ctx.engine, ctx.version).name(op.table));
      // The batched form is the backfill plan's (one template for rules and plans). Joins it cannot
      // restate batch by batch (DELETE ... USING, MySQL multi-table UPDATE) get the command only.
      const mysqlJoin = ctx.engine !== 'postgres' && /^\s*update\b[\s\S]*?(?:\bjoin\b|,)[\s\S]*?\bset\b/i.test(text.slice(0, text.search(/\bset\b/i) + 3));
      const batchable = op.kind === 'update' ? !!set && !mysqlJoin : !alias;
      const flags = op.kind === 'update' ? { set: oneLine(set), where: oneLine(op.where), alias } : { delete: true, where: oneLine(op.where) };
      ctx.report({
        op,
        message: `${verb} of ${displayName(op.table)} (${scope}) changes every matching row in one transaction: on a large table it runs for minutes, holds a lock on each row it touches (blocking other writers of those rows), bloats the table and lags replicas${ctx.transaction.inTransaction ? ', and here every lock the migration took before is held until it ends' : ''}. Run it in batches of ${BATCH_SIZE}-100000 rows by ${key.column} range, pausing between batches, in a separate data migration.`,
        why: 'A single statement is a single transaction: nothing commits, no lock is released and replicas cannot catch up until the last row is done.',
        plan: { kind: 'backfill', args: [planTable(op.table)], flags, ...(batchable ? {} : { firstPhase: false as const }) },
      });
    }
  },
};
