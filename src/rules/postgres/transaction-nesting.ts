import type { Statement } from '../../core/statement.js';
import type { Rule } from '../types.js';

const isTx = (st: Statement, ...actions: string[]) => st.ops.some((o) => o.kind === 'transaction' && actions.includes(o.action));

export const transactionNesting: Rule = {
  meta: {
    id: 'transaction-nesting',
    engines: ['postgres'],
    category: 'transactions',
    defaultLevel: 'error',
    description: 'BEGIN inside a transaction (including the migration tool\'s), COMMIT without one, or a transaction left open at the end of the file.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const tx = ctx.transaction;
    const st = ctx.statement;
    if (isTx(st, 'begin')) {
      if (!tx.inTransaction) return;
      const tool = tx.source === 'tool';
      ctx.report({
        message: tool
          ? 'BEGIN inside the transaction the migration tool already wraps this file in: PostgreSQL ignores it ("WARNING: there is already a transaction in progress"), and the next COMMIT ends the tool\'s transaction, so every statement after it runs in autocommit and a failure there leaves the migration half-applied. Remove BEGIN/COMMIT or tell the tool not to wrap this file.'
          : `BEGIN inside the transaction opened by BEGIN (statement ${(tx.startIndex ?? 0) + 1}): PostgreSQL has no nested transactions; it ignores this BEGIN with a warning and the first COMMIT commits everything. Use SAVEPOINT for a nested step, or COMMIT the first transaction before this BEGIN.`,
        why: 'PostgreSQL transactions do not nest; only SAVEPOINT gives a partial rollback.',
      });
      return;
    }
    if (isTx(st, 'commit', 'rollback')) {
      if (!tx.inTransaction) {
        ctx.report({
          message: `${keyword(st)} without an open transaction: PostgreSQL answers "WARNING: there is no transaction in progress". The statements before it already committed one by one, so the migration was never atomic. Add BEGIN where the transaction should start, or remove the ${keyword(st)}.`,
          why: 'Outside a transaction block every statement commits on its own.',
        });
        return;
      }
      // A COMMIT in a file the tool wraps, with no BEGIN of the file's own, ends the tool's transaction early.
      if (tx.source === 'tool' && !ctx.statements.slice(0, st.index).some((s) => isTx(s, 'begin'))) {
        ctx.report({
          message: `${keyword(st)} inside a file the migration tool wraps in a transaction: it ends the tool's transaction, the statements after it run in autocommit, and the tool's own COMMIT then warns "there is no transaction in progress". Remove it, or tell the tool not to wrap this file.`,
          why: 'The tool opened the transaction and expects to end it; ending it early makes the rest of the migration non-atomic.',
        });
      }
      return;
    }
    if (isTx(st, 'savepoint', 'release', 'rollback-to') && !tx.inTransaction) {
      ctx.report({
        message: `${keyword(st)} outside a transaction block fails ("ERROR: ${keyword(st)} can only be used in transaction blocks"). Add BEGIN before it.`,
        why: 'Savepoints exist only inside a transaction.',
      });
    }
  },
  checkFile(ctx) {
    const tx = ctx.finalTransaction;
    if (!tx.inTransaction || tx.source !== 'explicit') return;
    const statements = ctx.file.parsed.statements;
    const begin = statements[tx.startIndex ?? 0];
    const end = ctx.file.text.length;
    const needsNewline = !ctx.file.text.endsWith('\n');
    ctx.report({
      range: begin?.range,
      message: 'This BEGIN is never committed: the transaction is still open at the end of the file. Depending on the tool it is rolled back when the connection closes (the migration silently does nothing) or it stays open holding every lock it took. Add COMMIT at the end.',
      why: 'Locks taken in a transaction are held until it ends; an open transaction at the end of a migration either loses the work or holds the locks.',
      fix: { title: 'Add COMMIT at the end of the file', safe: true, edits: [{ range: { start: end, end }, text: `${needsNewline ? '\n' : ''}COMMIT;\n` }] },
    });
  },
};

function keyword(st: Statement): string {
  const op = st.ops.find((o) => o.kind === 'transaction');
  if (!op || op.kind !== 'transaction') return 'COMMIT';
  switch (op.action) {
    case 'rollback':
      return 'ROLLBACK';
    case 'savepoint':
      return 'SAVEPOINT';
    case 'release':
      return 'RELEASE SAVEPOINT';
    case 'rollback-to':
      return 'ROLLBACK TO SAVEPOINT';
    default:
      return /^\s*END\b/i.test(st.text) ? 'END' : 'COMMIT';
  }
}
