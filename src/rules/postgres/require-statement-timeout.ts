import type { Operation } from '../../core/operations.js';
import { operationTables } from '../../core/operations.js';
import { atLeast } from '../../engines/version.js';
import { pgSince } from '../../engines/postgres/version-facts.js';
import { isUtcZone, pgTypeChange } from '../../engines/postgres/type-changes.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName } from '../helpers/sql-text.js';
import { lockFact } from '../helpers/postgres-locks.js';
import { earlierStatementMatcher } from '../helpers/earlier-statement.js';

/** A timeout of 0 (or unset) means "no limit". */
function isSet(value: string | undefined): boolean {
  return value !== undefined && !/^0+(ms|s|min|h|d)?$/i.test(value.trim()) && value.toLowerCase() !== 'default';
}

/** The long-running work an operation does on an existing table: a scan, a rewrite, an index build, a backfill. */
function longWork(ctx: StatementContext, op: Operation): string | undefined {
  const fact = lockFact(ctx, op);
  if (!fact || (!fact.scan && !fact.rewrite)) return undefined;
  if (!operationTables(op).some((t) => !ctx.schema.isNewTable(t))) return undefined;
  switch (op.kind) {
    case 'alter-column-type': {
      const old = ctx.schema.column(op.table, op.column)?.type;
      if (old && !op.using && !pgTypeChange(old, op.type, { version: ctx.version.major, timezoneUtc: isUtcZone(ctx.settings.get('timezone')) }).rewrite) return undefined;
      return 'rewrites';
    }
    case 'set-not-null':
      if (atLeast(ctx.version, pgSince.notNullViaCheck) && ctx.schema.hasValidatedNotNullCheck(op.table, op.column)) return undefined;
      return 'scans every row of';
    case 'create-index':
    case 'reindex':
      return 'builds an index on';
    case 'validate-constraint':
      return 'validates a constraint by reading every row of';
    case 'update':
    case 'delete':
      return `${op.kind === 'update' ? 'updates' : 'deletes'} rows of`;
    case 'insert':
      return undefined;
    default:
      return fact.rewrite ? 'rewrites' : 'scans every row of';
  }
}

/** One finding per file: an earlier statement already does long work. */
const longWorkEarlier = earlierStatementMatcher((ctx, earlier) => earlier.ops.some((o) => longWork(ctx, o)));

export const requireStatementTimeout: Rule<{ statementTimeout: string }> = {
  meta: {
    id: 'require-statement-timeout',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'warn',
    description: 'A long operation (scan, rewrite, index build, validation, backfill) with no statement_timeout (or, on 17+, transaction_timeout) set first.',
    fixable: true,
    hasSuggestions: false,
    presets: ['strict'],
    options: {
      statementTimeout: { type: 'string', default: '1h', description: 'Value used by the fix for SET statement_timeout.' },
    },
  },
  checkStatement(ctx) {
    const st = ctx.statement;
    // transaction_timeout does not exist before PostgreSQL 17: setting it fails.
    for (const op of st.ops) {
      if (op.kind === 'set' && op.name === 'transaction_timeout' && !atLeast(ctx.version, pgSince.transactionTimeout)) {
        ctx.report({
          op,
          level: 'error',
          message: `transaction_timeout exists from PostgreSQL 17; on ${ctx.version.text} this SET fails with "unrecognized configuration parameter". Use statement_timeout.`,
          why: 'PostgreSQL 17 added transaction_timeout.',
          fix: { title: 'Use statement_timeout', safe: false, edits: [{ range: st.range, text: st.text.replace(/transaction_timeout/i, 'statement_timeout') }] },
        });
      }
    }
    if (isSet(ctx.settings.get('statement_timeout'))) return;
    if (atLeast(ctx.version, pgSince.transactionTimeout) && isSet(ctx.settings.get('transaction_timeout'))) return;
    // One finding per file: the fix sets it once, before the first long statement.
    if (longWorkEarlier(ctx)) return;
    for (const op of st.ops) {
      const work = longWork(ctx, op);
      if (!work) continue;
      const table = operationTables(op).find((t) => !ctx.schema.isNewTable(t))!;
      const value = ctx.options.statementTimeout ?? '1h';
      ctx.report({
        op,
        message: `This statement ${work} ${displayName(table)} with no statement_timeout${atLeast(ctx.version, pgSince.transactionTimeout) ? ' or transaction_timeout' : ''}: if it takes far longer than expected (a bigger table than in staging, a lock held by a long transaction) nothing stops it, and the locks it holds stay held. Set a statement_timeout first.`,
        why: 'A timeout turns a runaway migration into a failed, retryable one instead of an open-ended outage.',
        fix: {
          title: `Set statement_timeout = '${value}' before the first long statement`,
          safe: true,
          // Before the DO block when the statement is one of its statements.
          edits: [{ range: { start: (ctx.block ?? st).range.start, end: (ctx.block ?? st).range.start }, text: `SET statement_timeout = '${value}';\n` }],
        },
      });
      return;
    }
  },
};
