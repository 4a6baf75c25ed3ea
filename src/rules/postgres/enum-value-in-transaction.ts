import { LineIndex } from '../../core/line-index.js';
import type { OperationOf } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import { atLeast } from '../../engines/version.js';
import { pgSince } from '../../engines/postgres/version-facts.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName } from '../helpers/sql-text.js';
import { outsideTransactionAdvice, transactionPhrase } from '../helpers/concurrently.js';
import { earlierInTransaction } from '../helpers/transaction-scope.js';

/** Earlier ADD VALUEs of the current transaction, with their statements. */
function addedInThisTransaction(ctx: StatementContext): Array<{ st: Statement; op: OperationOf<'add-enum-value'> }> {
  return earlierInTransaction(ctx).flatMap((st) => st.ops.flatMap((op) => (op.kind === 'add-enum-value' ? [{ st, op }] : [])));
}

/** The statement uses the label as a string literal (a cast to the enum, a comparison, a default). */
const usesLabel = (st: Statement, label: string) => st.text.includes(`'${label.replace(/'/g, "''")}'`);

export const enumValueInTransaction: Rule = {
  meta: {
    id: 'enum-value-in-transaction',
    engines: ['postgres'],
    category: 'transactions',
    defaultLevel: 'error',
    description: 'ALTER TYPE ... ADD VALUE inside a transaction before PostgreSQL 12, or a new enum value used later in the same transaction.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const tx = ctx.transaction;
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'add-enum-value' || !tx.inTransaction || atLeast(ctx.version, pgSince.enumAddValueInTransaction)) continue;
      ctx.report({
        op,
        message: `ALTER TYPE ${displayName(op.type)} ADD VALUE '${op.value}' runs ${transactionPhrase(tx)}: before PostgreSQL 12 it fails with "ALTER TYPE ... ADD cannot run inside a transaction block". ${outsideTransactionAdvice(tx)}`,
        why: 'PostgreSQL 12 allowed ADD VALUE in a transaction block; earlier versions refuse it.',
        suggestions: [{ title: 'Add the value in its own migration, outside a transaction', sql: `-- its own migration, not wrapped in a transaction:\n${ctx.statement.text};` }],
      });
    }
    if (ctx.statement.ops.some((o) => o.kind === 'add-enum-value')) return;
    // Any version: the new label cannot be used until the transaction that added it commits.
    const used = addedInThisTransaction(ctx).find(({ op }) => usesLabel(ctx.statement, op.value));
    if (!used) return;
    const line = new LineIndex(ctx.file.text).position(used.st.range.start).line;
    const explicit = tx.source === 'explicit';
    ctx.report({
      message: `This statement uses the enum value '${used.op.value}' added to ${displayName(used.op.type)} on line ${line} in the same transaction: PostgreSQL refuses it with "unsafe use of new value '${used.op.value}' of enum type ${used.op.type.name}" until that transaction commits. ${explicit ? 'COMMIT after the ADD VALUE.' : 'Use the value in the next migration.'}`,
      why: 'A new enum value is invisible to other sessions and unusable in the adding transaction until it commits.',
      fix: explicit
        ? { title: 'Commit the new enum value before using it', safe: true, edits: [{ range: { start: ctx.statement.range.start, end: ctx.statement.range.start }, text: 'COMMIT;\nBEGIN;\n' }] }
        : undefined,
      suggestions: [{ title: 'Use the value in a later migration', sql: `-- next migration:\n${ctx.statement.text};` }],
    });
  },
};
