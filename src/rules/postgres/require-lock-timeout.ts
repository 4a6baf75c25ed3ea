import { operationTables } from '../../core/operations.js';
import { isBlockingLock } from '../../engines/postgres/lock-facts.js';
import type { Rule, StatementContext } from '../types.js';
import { earlierStatementMatcher } from '../helpers/earlier-statement.js';
import { checkLockWaitTimeoutMysql } from '../mysql/checks/lock-wait-timeout.js';
import { displayName } from '../helpers/sql-text.js';
import { lockFact, withArticle } from '../helpers/postgres-locks.js';

/** A timeout of 0 (or unset) means "wait forever". */
function isSet(value: string | undefined): boolean {
  return value !== undefined && !/^0+(ms|s|min)?$/i.test(value.trim()) && value.toLowerCase() !== 'default';
}

export const requireLockTimeout: Rule<{ lockTimeout: string }> = {
  meta: {
    id: 'require-lock-timeout',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'warn',
    description: 'A statement that takes a blocking lock on an existing table with no lock_timeout (MySQL: lock_wait_timeout) set first.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
    options: {
      lockTimeout: { type: 'string', default: '5s', description: 'Value used by the fix for SET lock_timeout.' },
    },
  },
  checkStatement(ctx) {
    // MySQL/MariaDB: lock_wait_timeout and the metadata-lock queue.
    if (ctx.engine !== 'postgres') return checkLockWaitTimeoutMysql(ctx);
    if (isSet(ctx.settings.get('lock_timeout'))) return;
    // One finding per file: the fix sets it once, before the first blocking statement.
    if (blockedEarlier(ctx)) return;
    const hit = blockingTarget(ctx, ctx.statement.ops);
    if (!hit) return;
    const value = ctx.options.lockTimeout ?? '5s';
    ctx.report({
      message: `This statement waits for ${withArticle(hit.lock)} lock on ${displayName(hit.table)} with no lock_timeout: if a long transaction holds the table, the migration queues and every query on ${displayName(hit.table)} queues behind it. Set lock_timeout first (and retry on timeout).`,
      why: 'A waiting ACCESS EXCLUSIVE (or SHARE) request blocks every later request on the table, so one slow transaction turns a quick DDL into an outage.',
      fix: {
        title: `Set lock_timeout = '${value}' before the first blocking statement`,
        safe: true,
        // Before the DO block when the statement is one of its statements: the setting then holds for the block.
        edits: [{ range: { start: (ctx.block ?? ctx.statement).range.start, end: (ctx.block ?? ctx.statement).range.start }, text: `SET lock_timeout = '${value}';\n` }],
      },
    });
  },
};

const blockedEarlier = earlierStatementMatcher((ctx, earlier) => blockingTarget(ctx, earlier.ops));

function blockingTarget(ctx: StatementContext, ops: readonly import('../../core/operations.js').Operation[]) {
  for (const op of ops) {
    const fact = lockFact(ctx, op);
    if (!fact) continue;
    const tables = operationTables(op);
    if (isBlockingLock(fact.lock)) {
      const existing = tables.find((t) => !ctx.schema.isNewTable(t));
      if (existing) return { lock: fact.lock, table: existing };
    }
    // A foreign key from a new table still locks the existing table it references.
    if (op.kind === 'add-constraint' && op.constraint.references && fact.otherLock && isBlockingLock(fact.otherLock) && !ctx.schema.isNewTable(op.constraint.references.table)) {
      return { lock: fact.otherLock, table: op.constraint.references.table };
    }
  }
  return undefined;
}
