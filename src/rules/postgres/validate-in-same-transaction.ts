import { LineIndex } from '../../core/line-index.js';
import type { Rule } from '../types.js';
import { lockFact, withArticle } from '../helpers/postgres-locks.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { constraintAdderInTransaction } from '../helpers/transaction-scope.js';

export const validateInSameTransaction: Rule = {
  meta: {
    id: 'validate-in-same-transaction',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT ... NOT VALID: the strong lock is held through the scan.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const tx = ctx.transaction;
    if (!tx.inTransaction) return;
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'validate-constraint') continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      // The statement in this transaction that added the constraint (and so holds its lock).
      const adder = constraintAdderInTransaction(ctx, op);
      if (!adder) continue;
      const addOp = adder.ops.find((o) => o.kind === 'add-constraint')!;
      const fact = lockFact(ctx, addOp);
      const lock = fact?.lock ?? 'ACCESS EXCLUSIVE';
      const explicit = tx.source === 'explicit';
      const validate = `ALTER TABLE ${quoteName(op.table)} VALIDATE CONSTRAINT ${quoteIdent(op.name)};`;
      ctx.report({
        op,
        message: `VALIDATE CONSTRAINT ${op.name} runs in the same transaction as the ADD CONSTRAINT on line ${new LineIndex(ctx.file.text).position(adder.range.start).line}, which still holds ${withArticle(lock)} lock on ${displayName(op.table)}: the validation scan then blocks ${lock === 'ACCESS EXCLUSIVE' ? 'every read and write' : 'every write'} for its whole duration, exactly what NOT VALID was meant to avoid. ${explicit ? 'COMMIT before it.' : 'Move it to the next migration.'}`,
        why: 'Locks are held until the transaction ends. VALIDATE CONSTRAINT on its own needs only SHARE UPDATE EXCLUSIVE, which lets reads and writes continue.',
        // Splitting an explicit BEGIN block is a mechanical edit; the tool's transaction cannot be split in the file.
        fix: explicit
          ? { title: 'Commit the ADD CONSTRAINT first, validate in a new transaction', safe: true, edits: [{ range: { start: ctx.statement.range.start, end: ctx.statement.range.start }, text: 'COMMIT;\nBEGIN;\n' }] }
          : undefined,
        suggestions: [{ title: 'Validate in a separate transaction (the next migration)', sql: `-- next migration:\n${validate}` }],
      });
    }
  },
};
