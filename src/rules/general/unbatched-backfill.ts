import type { Rule } from '../types.js';
import { BATCH_SIZE, batchKey, batchedLoopTemplate, keyColumns, whereTargetsKey } from '../helpers/backfill.js';
import { dialectFor } from '../helpers/dialect.js';
import { targetQualifier, updateSetText } from '../helpers/statement-parts.js';
import { displayName } from '../helpers/sql-text.js';

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
      const set = op.kind === 'update' ? updateSetText(ctx.statement.text, op.where) : undefined;
      const qualifier = targetQualifier(ctx.statement.text, set, dialectFor(ctx.engine, ctx.version).name(op.table));
      const loop = batchedLoopTemplate(ctx.engine, ctx.version, { kind: op.kind, table: op.table, set, where: op.where, key: key.column, qualifier });
      const setOpt = set ? ` --set "${set.replace(/\s+/g, ' ').replace(/"/g, '\\"')}"` : '';
      const whereOpt = op.where ? ` --where "${op.where.replace(/\s+/g, ' ').replace(/"/g, '\\"')}"` : '';
      ctx.report({
        op,
        message: `${verb} of ${displayName(op.table)} (${scope}) changes every matching row in one transaction: on a large table it runs for minutes, holds a lock on each row it touches (blocking other writers of those rows), bloats the table and lags replicas${ctx.transaction.inTransaction ? ', and here every lock the migration took before is held until it ends' : ''}. Run it in batches of ${BATCH_SIZE}-100000 rows by ${key.column} range, pausing between batches, in a separate data migration.`,
        why: 'A single statement is a single transaction: nothing commits, no lock is released and replicas cannot catch up until the last row is done.',
        suggestions: [{ title: `Batched ${verb} by ${key.column} range, in its own data migration`, sql: loop }],
        planCommand: op.kind === 'update' ? `migrasafe plan backfill ${op.table.name}${setOpt}${whereOpt}` : undefined,
      });
    }
  },
};
