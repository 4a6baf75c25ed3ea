import type { Rule } from '../types.js';
import { statementDdl } from '../helpers/mysql-ddl.js';
import { engineLabel } from '../helpers/mysql-advice.js';
import { hasInstantColumnDefect } from '../../engines/mysql/online-ddl.js';

export const mysqlRequireAlgorithm: Rule = {
  meta: {
    id: 'mysql-require-algorithm',
    engines: ['mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'warn',
    description: 'An ALTER on an existing table without an explicit ALGORITHM (and LOCK): the server silently falls back to a slower algorithm instead of failing fast.',
    fixable: true,
    hasSuggestions: false,
    presets: ['strict'],
  },
  checkStatement(ctx) {
    const ddl = statementDdl(ctx);
    if (!ddl || ddl.algorithm) return;
    const type = ctx.statement.statementType;
    if (type !== 'ALTER TABLE' && type !== 'CREATE INDEX' && type !== 'DROP INDEX') return;
    const c = ddl.combined;
    // Copies and write-blocking builds are reported by their own rules; no clause makes them online.
    if (c.algorithm === 'COPY' || !c.dml || ddl.steps.some((s) => s.assumed)) return;
    // Exactly 8.0.29: INSTANT ADD/DROP COLUMN is the release with the crash-recovery defect (mysql-instant-8029).
    const instant = c.algorithm === 'INSTANT' && !hasInstantColumnDefect(ctx.engine, ctx.version);
    const sep = type === 'ALTER TABLE' ? ', ' : ' ';
    const clause = instant ? `ALGORITHM=INSTANT` : ddl.lock ? `ALGORITHM=INPLACE` : `ALGORITHM=INPLACE${sep}LOCK=NONE`;
    ctx.report({
      message: `This ${type} on \`${ddl.table.name}\` is ${instant ? 'INSTANT' : 'INPLACE with writes allowed'} on ${engineLabel(ctx.engine, ctx.version)}, but nothing says so: if the server cannot do that on the real table (row format, FULLTEXT index, a different version in production), it silently falls back to a slower algorithm${instant ? '' : ' or a write-blocking lock'}. Add \`${clause}\` so it fails fast instead.`,
      why: 'Without ALGORITHM/LOCK clauses MySQL picks the best algorithm it can and never tells you it chose COPY; with them, an unsupported request is an immediate error (ERROR 1845/1846) and nothing is locked.',
      fix: {
        title: `Add ${clause}`,
        safe: true,
        edits: [{ range: { start: ctx.statement.range.end, end: ctx.statement.range.end }, text: `${sep}${clause}` }],
      },
    });
  },
};
