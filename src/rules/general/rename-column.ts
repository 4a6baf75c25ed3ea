import type { Operation, QualifiedName } from '../../core/operations.js';
import type { Rule } from '../types.js';
import { dialectFor } from '../helpers/dialect.js';
import { columnHasNoReaders, renameColumnSteps, stepsText } from '../helpers/expand-contract.js';
import { displayName } from '../helpers/sql-text.js';
import { planColumn } from '../helpers/plan-args.js';

interface ColumnRename { table: QualifiedName; column: string; newName: string; typeText?: string }

/** `RENAME COLUMN a TO b`, or MySQL's `CHANGE a b <definition>` when the name differs (names compare case-insensitively there). */
function renameOf(op: Operation): ColumnRename | undefined {
  if (op.kind === 'rename-column') return { table: op.table, column: op.column, newName: op.newName };
  if (op.kind === 'modify-column' && op.definition.name.toLowerCase() !== op.column.toLowerCase()) {
    return { table: op.table, column: op.column, newName: op.definition.name, typeText: op.definition.type?.text };
  }
  return undefined;
}

export const renameColumn: Rule = {
  meta: {
    id: 'rename-column',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'breaking',
    defaultLevel: 'error',
    description: 'RENAME COLUMN breaks the application version still running: its queries use the old name.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      const r = renameOf(op);
      if (!r) continue;
      if (columnHasNoReaders(ctx.schema, r.table, r.column)) continue;
      const d = dialectFor(ctx.engine, ctx.version);
      ctx.report({
        op,
        message: `Renaming ${displayName(r.table)}.${r.column} to ${r.newName} breaks the application version still running: from the moment this commits until every instance runs the new code, its queries naming ${r.column} fail (${d.missingColumnError(r.column)}). Add ${r.newName} alongside, write both, backfill, switch reads, then drop ${r.column} in a later release.`,
        why: 'During a deploy old and new code run at the same time against one schema; a rename is instantly visible to both, so one of them is always wrong.',
        suggestions: [
          {
            title: `Rename ${r.column} to ${r.newName} by expand-migrate-contract`,
            sql: stepsText(
              `Rename ${d.name(r.table)}.${d.ident(r.column)} to ${d.ident(r.newName)} without breaking the running code:`,
              renameColumnSteps({ engine: ctx.engine, version: ctx.version, table: r.table, column: r.column, newName: r.newName, typeText: r.typeText ?? ctx.schema.column(r.table, r.column)?.type?.text }),
            ),
          },
        ],
        plan: { kind: 'rename-column', args: [planColumn(r.table, r.column), r.newName] },
      });
    }
  },
};
