import type { Rule } from '../types.js';
import { alterSpecText, statementDdl } from '../helpers/mysql-ddl.js';
import { engineLabel, onlineSchemaChangeCommands, stepsText } from '../helpers/mysql-advice.js';

export const mysqlTableRebuild: Rule = {
  meta: {
    id: 'mysql-table-rebuild',
    engines: ['mysql', 'mariadb'],
    category: 'rewrite',
    defaultLevel: 'warn',
    description: 'An ALTER that runs in place with writes allowed but rebuilds the whole table (long, I/O heavy, replica lag).',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const ddl = statementDdl(ctx);
    if (!ddl) return;
    if (ddl.algorithm && ddl.algorithm !== 'default' && ddl.algorithm !== 'inplace' && ddl.algorithm !== 'copy') return;
    const c = ddl.combined;
    // Write-blocking statements are reported by mysql-table-copy / mysql-blocking-ddl instead.
    if (!c.rebuild || !c.dml) return;
    const rebuilding = ddl.steps.filter((s) => s.fact.rebuild);
    const label = engineLabel(ctx.engine, ctx.version);
    const how = c.algorithm === 'COPY' ? 'copies the table with concurrent writes (online COPY)' : 'runs INPLACE with writes allowed but rebuilds the table';
    const spec = alterSpecText(ctx);
    ctx.report({
      message: `${stepsText(rebuilding).replace(/^./, (m) => m.toUpperCase())} on \`${ddl.table.name}\` ${how} on ${label}: it reads and rewrites every row and every index (time and disk proportional to the table), the replicas apply it only after it finishes on the primary and then lag by as long, and the final metadata lock briefly blocks all queries. Schedule it off-peak, or run it with gh-ost / pt-online-schema-change to throttle it.`,
      why: 'A native ALTER cannot be paused or throttled; on a large table the rebuild saturates I/O and holds up replication.',
      suggestions: spec ? [{ title: 'Throttled alternative: gh-ost / pt-online-schema-change', sql: onlineSchemaChangeCommands(ddl.table, spec) }] : undefined,
    });
  },
};
