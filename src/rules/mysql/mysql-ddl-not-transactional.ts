import type { Operation } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { Rule } from '../types.js';

/** Operations that are DDL in MySQL: each one commits the open transaction implicitly. */
const DDL_KINDS = new Set<Operation['kind']>([
  'create-table', 'drop-table', 'rename-table', 'truncate', 'add-column', 'drop-column', 'rename-column', 'modify-column',
  'set-default', 'drop-default', 'add-constraint', 'drop-constraint', 'create-index', 'drop-index', 'rename-index',
  'alter-table', 'create-view', 'drop-view', 'create-trigger', 'drop-trigger', 'create-function', 'create-schema',
  'drop-database', 'create-sequence', 'drop-sequence',
]);

function isDdl(st: Statement): boolean {
  return st.ops.some((o) => DDL_KINDS.has(o.kind));
}

/** `CREATE ... IF NOT EXISTS` / `DROP ... IF EXISTS`: re-running after a partial failure is harmless. */
function isRerunnable(st: Statement): boolean {
  return st.ops.every((o) => ('ifNotExists' in o && o.ifNotExists) || ('ifExists' in o && o.ifExists) || !DDL_KINDS.has(o.kind));
}

export const mysqlDdlNotTransactional: Rule = {
  meta: {
    id: 'mysql-ddl-not-transactional',
    engines: ['mysql', 'mariadb'],
    category: 'transactions',
    defaultLevel: 'warn',
    description: 'More than one DDL statement in one migration: MySQL commits each DDL implicitly, so a failure half-way leaves the migration half-applied.',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkFile(ctx) {
    // Per migration unit: a Liquibase changeSet or dbmate section is applied and recorded on its own.
    const units = new Map<number, Statement[]>();
    for (const st of ctx.file.parsed.statements) {
      if (ctx.file.direction(st) !== 'up' || !isDdl(st)) continue;
      const k = ctx.file.segmentIndex(st);
      units.set(k, [...(units.get(k) ?? []), st]);
    }
    for (const ddl of units.values()) {
      if (ddl.length < 2) continue;
      if (ddl.every(isRerunnable)) continue;
      const second = ddl[1];
      const inTx = ctx.file.parsed.statements.some((st) => st.ops.some((o) => o.kind === 'transaction' && o.action === 'begin'));
      ctx.report({
        range: second.range,
        message: `This migration runs ${ddl.length} DDL statements, and ${ctx.engine === 'mariadb' ? 'MariaDB' : 'MySQL'} commits each one on its own${inTx ? ' (START TRANSACTION/BEGIN does not change that: DDL commits the open transaction implicitly)' : ''}: if statement ${ddl.length > 2 ? '2 or later' : '2'} fails, the earlier ones stay applied, the tool records the migration as failed (or not at all) and re-running it fails on the changes already made. Put one DDL statement per migration, or make each step re-runnable (IF NOT EXISTS / IF EXISTS).`,
        why: 'MySQL has no transactional DDL: there is no rollback for a half-applied schema migration.',
      });
    }
  },
};
