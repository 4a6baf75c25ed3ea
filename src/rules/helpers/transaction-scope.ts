import { qualifiedKey, type OperationOf } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { StatementContext } from '../types.js';
import { defaultConstraintName } from './sql-text.js';

/** The statements that ran before this one in the same transaction (empty outside a transaction). */
export function earlierInTransaction(ctx: Pick<StatementContext, 'transaction' | 'statements' | 'statement' | 'transactionAt'>): Statement[] {
  const tx = ctx.transaction;
  if (!tx.inTransaction) return [];
  return ctx.statements.slice(tx.startIndex ?? 0, ctx.statement.index).filter((st) => {
    const there = ctx.transactionAt(st.index);
    return there.inTransaction && there.startIndex === tx.startIndex;
  });
}

/** The earlier statement of this transaction that added the constraint being validated. */
export function constraintAdderInTransaction(ctx: StatementContext, op: OperationOf<'validate-constraint'>): Statement | undefined {
  return earlierInTransaction(ctx).find((st) =>
    st.ops.some((o) => {
      if (o.kind !== 'add-constraint' || qualifiedKey(o.table) !== qualifiedKey(op.table)) return false;
      const c = o.constraint;
      const name = c.name ?? defaultConstraintName(o.table.name, c.columns.length ? c.columns : [c.checksNotNullOf ?? 'check'], c.type === 'foreign-key' ? 'fkey' : 'check');
      return name === op.name;
    }),
  );
}
