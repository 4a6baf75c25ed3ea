import type { Operation } from '../../../core/operations.js';
import type { StatementContext } from '../../types.js';
import type { Statement } from '../../../core/statement.js';
import { statementDdl } from '../../helpers/mysql-ddl.js';
import { earlierStatementMatcher } from '../../helpers/earlier-statement.js';

/** MySQL's default lock_wait_timeout is 31536000 s (one year): unset means "wait forever". */
function isSet(value: string | undefined): boolean {
  if (value === undefined) return false;
  const n = Number(value.trim());
  return Number.isFinite(n) && n > 0 && n < 31536000;
}

/** The PostgreSQL-style option value (`5s`, `500ms`, `1min`) in whole seconds, at least 1. */
export function toSeconds(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|min)?$/i.exec(value.trim());
  if (!m) return 5;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const secs = unit === 'ms' ? n / 1000 : unit === 'min' ? n * 60 : n;
  return Math.max(1, Math.ceil(secs));
}

/** Statements that need an exclusive metadata lock on a table that already exists. */
function mdlTable(ctx: StatementContext, ops: readonly Operation[]): string | undefined {
  for (const op of ops) {
    if ((op.kind === 'drop-table' || op.kind === 'truncate') && op.tables.some((t) => !ctx.schema.isNewTable(t))) return op.tables[0].name;
    if (op.kind === 'create-trigger' && op.table.name && !ctx.schema.isNewTable(op.table)) return op.table.name;
    if (op.kind === 'rename-table' && !ctx.schema.isNewTable(op.table)) return op.table.name;
  }
  return undefined;
}

/** The table a statement takes an exclusive metadata lock on, if any. */
const mdlTarget = (ctx: StatementContext, st: Statement) => statementDdl({ ...ctx, statement: st })?.table.name ?? mdlTable(ctx, st.ops);
/** One finding per file: an earlier up statement already needed the lock. */
const ddlEarlier = earlierStatementMatcher((ctx, earlier) => ctx.file.direction(earlier) === 'up' && mdlTarget(ctx, earlier));

/**
 * require-lock-timeout on MySQL/MariaDB: every DDL on an existing table, even an INSTANT one,
 * needs an exclusive metadata lock at some point. While it waits for a long transaction, every
 * later query on the table queues behind it.
 */
export function checkLockWaitTimeoutMysql(ctx: StatementContext<{ lockTimeout?: string }>): void {
  if (isSet(ctx.settings.get('lock_wait_timeout'))) return;
  // MariaDB: ALTER TABLE ... WAIT n / NOWAIT bounds the wait for this statement.
  if (ctx.engine === 'mariadb' && /\b(WAIT\s+\d+|NOWAIT)\b/i.test(ctx.statement.text)) return;
  if (ddlEarlier(ctx)) return;
  const table = mdlTarget(ctx, ctx.statement);
  if (!table) return;
  const secs = toSeconds(ctx.options.lockTimeout ?? '5s');
  ctx.report({
    message: `This statement needs an exclusive metadata lock on \`${table}\` and no lock_wait_timeout is set (the default is one year): if any transaction still has \`${table}\` open, the ALTER waits, and every query on \`${table}\` queues behind the waiting ALTER — an outage, even for an INSTANT change. Set a short lock_wait_timeout first and retry on timeout.`,
    why: 'MySQL grants metadata locks in order: a pending exclusive lock blocks every later reader and writer of the table until it is granted and released.',
    fix: {
      title: `Set SESSION lock_wait_timeout = ${secs} before the first DDL`,
      safe: true,
      edits: [{ range: { start: ctx.statement.range.start, end: ctx.statement.range.start }, text: `SET SESSION lock_wait_timeout = ${secs};\n` }],
    },
  });
}
