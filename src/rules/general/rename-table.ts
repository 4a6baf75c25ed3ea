import type { QualifiedName } from '../../core/operations.js';
import type { Rule, StatementContext } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { renameTableSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';
import { planTable } from '../helpers/plan-args.js';

/**
 * Does a view with the old name (the plan's compatibility view) replace the table as the old code
 * sees it? PostgreSQL: created in the same transaction, so no query ever misses the name. MySQL,
 * whose DDL commits at once: created by the very next statement (RENAME TABLE is atomic; the view
 * follows within milliseconds).
 */
function keepsOldNameAsView(ctx: StatementContext, old: QualifiedName): boolean {
  const tx = ctx.transaction;
  for (const st of ctx.statements.slice(ctx.statement.index + 1)) {
    if (st.kind === 'meta') continue;
    const view = st.ops.find((o) => o.kind === 'create-view' && !o.materialized && o.view.name === old.name && (o.view.schema ?? old.schema) === old.schema);
    if (ctx.engine !== 'postgres') return !!view;
    const there = ctx.transactionAt(st.index);
    if (!tx.inTransaction || !there.inTransaction || there.startIndex !== tx.startIndex) return false;
    if (view) return true;
  }
  return false;
}

export const renameTable: Rule = {
  meta: {
    id: 'rename-table',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'error',
    description: 'RENAME TABLE breaks the application version still running: its queries use the old name.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'rename-table') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      if (keepsOldNameAsView(ctx, op.table)) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      ctx.report({
        op,
        message: `Renaming ${displayName(op.table)} to ${op.newName} breaks the application version still running: every query it sends to ${op.table.name} fails (${d.missingTableError(op.table.name)}) until all instances run the new code. Keep the old name working with an updatable view until the new code is deployed.`,
        why: 'During a deploy old and new code run at the same time; a rename is instantly visible to both.',
        suggestions: [
          {
            title: `Rename ${op.table.name} to ${op.newName} with a compatibility view`,
            sql: stepsText(`Rename ${d.name(op.table)} to ${d.ident(op.newName)} without breaking the running code:`, renameTableSteps(ctx.engine, ctx.version, op.table, op.newName)),
          },
        ],
        plan: { kind: 'rename-table', args: [planTable(op.table), op.newName] },
      });
    }
  },
};
