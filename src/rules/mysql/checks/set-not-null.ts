import type { StatementContext } from '../../types.js';
import { statementDdl } from '../../helpers/mysql-ddl.js';
import { planColumn } from '../../helpers/plan-args.js';
import { engineLabel, mysqlIdent, mysqlName } from '../../helpers/mysql-advice.js';

/**
 * set-not-null on MySQL/MariaDB: `MODIFY col ... NOT NULL` on a column that allowed NULL. It
 * rebuilds the table in place, fails on any NULL under strict sql_mode and, without it, silently
 * turns NULLs into the type's implicit default ('' or 0).
 */
export function checkSetNotNullMysql(ctx: StatementContext): void {
  const ddl = statementDdl(ctx);
  if (!ddl) return;
  for (const step of ddl.steps) {
    if (step.action !== 'make-not-null' || step.op.kind !== 'modify-column') continue;
    const op = step.op;
    const t = mysqlName(ddl.table);
    const col = mysqlIdent(op.column);
    ctx.report({
      op,
      message: `Making \`${ddl.table.name}\`.${op.column} NOT NULL rebuilds the table on ${engineLabel(ctx.engine, ctx.version)} and depends on the data: any row still holding NULL makes it fail after the rebuild (strict sql_mode) or is silently changed to '' / 0 (non-strict), and the application version still running may insert NULLs. Backfill in batches and deploy code that always writes ${op.column} first; then run the MODIFY.`,
      why: 'The server must check every row while rebuilding; the result depends on the data at that moment and on sql_mode.',
      suggestions: [{
        title: 'Backfill NULLs in batches, verify, then add NOT NULL',
        sql: [
          `-- 1. deploy code that always writes ${op.column}; 2. backfill by primary-key range:`,
          `UPDATE ${t} SET ${col} = <value> WHERE ${col} IS NULL AND id BETWEEN 1 AND 10000; -- repeat per range`,
          `-- 3. must return 0:`,
          `SELECT COUNT(*) FROM ${t} WHERE ${col} IS NULL;`,
          `-- 4. then:`,
          ctx.statement.text.trim().replace(/;?$/, ';'),
        ].join('\n'),
      }],
      // The plan's first migration is this MODIFY (after a verification): only the command, no rewrite.
      plan: { kind: 'add-not-null', args: [planColumn(ddl.table, op.column)], flags: { type: op.definition.type?.text }, firstPhase: false },
    });
  }
}
