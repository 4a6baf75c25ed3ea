import { LineIndex } from '../../core/line-index.js';
import { operationTables, qualifiedKey, type Operation, type QualifiedName } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName } from '../helpers/sql-text.js';
import { lockFact } from '../helpers/postgres-locks.js';
import { constraintAdderInTransaction, earlierInTransaction } from '../helpers/transaction-scope.js';

/** The earlier statement of this transaction that took ACCESS EXCLUSIVE on `table`. */
function exclusiveHolder(ctx: StatementContext, table: QualifiedName): Statement | undefined {
  const key = qualifiedKey(table);
  return earlierInTransaction(ctx).find((st) =>
    st.ops.some((o) => lockFact(ctx, o)?.lock === 'ACCESS EXCLUSIVE' && operationTables(o).some((t) => qualifiedKey(t) === key)),
  );
}

/** What the operation does that takes long: "scans" or "rewrites", when its own lock is weaker than ACCESS EXCLUSIVE. */
function slowWork(ctx: StatementContext, op: Operation): string | undefined {
  const fact = lockFact(ctx, op);
  // A statement that itself takes ACCESS EXCLUSIVE is reported by its own rule.
  if (!fact || fact.lock === 'ACCESS EXCLUSIVE') return undefined;
  // ADD FOREIGN KEY / CHECK without NOT VALID is reported by constraint-not-valid, whose fix removes the scan.
  if (op.kind === 'add-constraint' && (op.constraint.type === 'foreign-key' || op.constraint.type === 'check')) return undefined;
  if (op.kind === 'update') return 'updates rows of';
  if (op.kind === 'delete') return 'deletes rows of';
  if (fact.rewrite) return 'rewrites';
  if (fact.scan) return 'reads every row of';
  return undefined;
}

export const slowStatementUnderLock: Rule = {
  meta: {
    id: 'slow-statement-under-lock',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'A scanning or rewriting statement after another statement of the same transaction took ACCESS EXCLUSIVE on the table: the lock is held through it.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    if (!ctx.transaction.inTransaction) return;
    for (const op of ctx.statement.ops) {
      const work = slowWork(ctx, op);
      if (!work) continue;
      // VALIDATE right after its own ADD CONSTRAINT has a dedicated rule (validate-in-same-transaction).
      if (op.kind === 'validate-constraint' && constraintAdderInTransaction(ctx, op)) continue;
      const table = operationTables(op).find((t) => !ctx.schema.isNewTable(t) && exclusiveHolder(ctx, t));
      if (!table) continue;
      const holder = exclusiveHolder(ctx, table)!;
      const line = new LineIndex(ctx.file.text).position(holder.range.start).line;
      const explicit = ctx.transaction.source === 'explicit';
      ctx.report({
        op,
        message: `This statement ${work} ${displayName(table)} while the same transaction still holds the ACCESS EXCLUSIVE lock taken on line ${line}: every read and write of ${displayName(table)} waits until the transaction commits, so the brief lock becomes as long as this statement. ${explicit ? 'COMMIT before it.' : 'Move it to a separate migration.'}`,
        why: 'Locks are held until the end of the transaction; put slow work in its own transaction so the strong lock is released first.',
        fix: explicit
          ? { title: 'Commit the schema change first, run this in a new transaction', safe: true, edits: [{ range: { start: ctx.statement.range.start, end: ctx.statement.range.start }, text: 'COMMIT;\nBEGIN;\n' }] }
          : undefined,
        suggestions: [{ title: 'Run it in a separate transaction (the next migration)', sql: `-- next migration:\n${ctx.statement.text};` }],
      });
      return;
    }
  },
};
