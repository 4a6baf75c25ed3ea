import type { Rule } from '../types.js';
import { defaultConstraintName, displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';
import { lockFact, lockSentence } from '../helpers/postgres-locks.js';

export const constraintNotValid: Rule = {
  meta: {
    id: 'constraint-not-valid',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ADD FOREIGN KEY / ADD CHECK without NOT VALID scans the whole table under a lock that blocks writes.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const ops = ctx.statement.ops;
    for (const op of ops) {
      if (op.kind !== 'add-constraint') continue;
      const con = op.constraint;
      if ((con.type !== 'foreign-key' && con.type !== 'check') || con.notValid) continue;
      if (ctx.schema.isNewTable(op.table)) continue;
      const fact = lockFact(ctx, op)!;
      const what = con.type === 'foreign-key' ? 'FOREIGN KEY' : 'CHECK';
      const name = con.name ?? defaultConstraintName(op.table.name, con.columns.length ? con.columns : [con.checksNotNullOf ?? 'check'], con.type === 'foreign-key' ? 'fkey' : 'check');
      const conText = op.range ? ctx.file.text.slice(op.range.start, op.range.end) : '';
      const named = con.name ? conText : `CONSTRAINT ${quoteIdent(name)} ${conText}`;
      const add = `ALTER TABLE ${quoteName(op.table)} ADD ${named} NOT VALID;`;
      const validate = `ALTER TABLE ${quoteName(op.table)} VALIDATE CONSTRAINT ${quoteIdent(name)};`;
      const refs = con.references ? ` and ${displayName(con.references.table)}` : '';
      const inTx = ctx.transaction.inTransaction;
      // The mechanical fix needs the whole statement to be this one constraint.
      const single = ops.length === 1 && op.range !== undefined;
      ctx.report({
        op,
        message: `ADD ${what} on ${displayName(op.table)} ${lockSentence(fact)} on ${displayName(op.table)}${refs} while it reads every row to validate. Add it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.`,
        why: 'Validation scans the whole table under the lock; NOT VALID skips the scan and VALIDATE CONSTRAINT later checks old rows under a SHARE UPDATE EXCLUSIVE lock that lets reads and writes continue.',
        fix: single
          ? {
              title: 'Add NOT VALID and a separate VALIDATE CONSTRAINT',
              // In one transaction the validation would still run under the strong lock.
              safe: !inTx,
              edits: [
                ...(con.name ? [] : [{ range: { start: op.range!.start, end: op.range!.start }, text: `CONSTRAINT ${quoteIdent(name)} ` }]),
                { range: { start: ctx.statement.range.end, end: ctx.statement.range.end }, text: ' NOT VALID' },
                { range: { start: ctx.statement.terminatorEnd, end: ctx.statement.terminatorEnd }, text: `${ctx.statement.terminatorEnd === ctx.statement.range.end ? ';' : ''}\n${validate}` },
              ],
            }
          : undefined,
        suggestions: [
          {
            title: 'Add the constraint NOT VALID, validate it in a later transaction',
            sql: `${add}\n-- in a separate transaction (or the next migration):\n${validate}`,
          },
        ],
      });
    }
  },
};
