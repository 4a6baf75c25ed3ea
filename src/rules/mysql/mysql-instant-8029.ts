import type { Rule } from '../types.js';
import { statementDdl } from '../helpers/mysql-ddl.js';
import { hasInstantColumnDefect } from '../../engines/mysql/online-ddl.js';

const INSTANT_COLUMN_ACTIONS = new Set(['add-column', 'add-column-positioned', 'drop-column']);

export const mysqlInstant8029: Rule = {
  meta: {
    id: 'mysql-instant-8029',
    engines: ['mysql'],
    category: 'correctness',
    defaultLevel: 'error',
    description: 'INSTANT ADD/DROP COLUMN on MySQL 8.0.29, the release whose new INSTANT row format can corrupt tables in crash recovery.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    if (!hasInstantColumnDefect(ctx.engine, ctx.version)) return;
    const ddl = statementDdl(ctx);
    if (!ddl) return;
    if (ddl.algorithm && ddl.algorithm !== 'instant' && ddl.algorithm !== 'default') return;
    const step = ddl.steps.find((s) => INSTANT_COLUMN_ACTIONS.has(s.action) && s.fact.algorithm === 'INSTANT');
    if (!step) return;
    // Only when the whole statement would run INSTANT (anything else forces INPLACE/COPY).
    if (ddl.combined.algorithm !== 'INSTANT') return;
    const edit = ddl.optionsOp?.algorithmRange
      ? { range: ddl.optionsOp.algorithmRange, text: 'ALGORITHM=INPLACE' }
      : { range: { start: ctx.statement.range.end, end: ctx.statement.range.end }, text: ', ALGORITHM=INPLACE' };
    ctx.report({
      message: `${step.what.replace(/^./, (m) => m.toUpperCase())} on \`${ddl.table.name}\` runs INSTANT on MySQL 8.0.29, the release whose new INSTANT ADD/DROP COLUMN row format has a crash-recovery defect (tables can be corrupted; Percona XtraBackup refuses to back them up until rebuilt). Upgrade to 8.0.30+ first, or force ALGORITHM=INPLACE (rebuilds the table, writes allowed).`,
      why: 'MySQL 8.0.29 introduced row versions for INSTANT ADD/DROP COLUMN; the redo-log format had a design flaw fixed in 8.0.30.',
      fix: { title: 'Use ALGORITHM=INPLACE on 8.0.29', safe: false, edits: [edit] },
    });
  },
};
