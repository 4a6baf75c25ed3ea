import type { Rule } from '../types.js';
import { alterSpecText, statementDdl } from '../helpers/mysql-ddl.js';
import { engineLabel, onlineSchemaChangeCommands } from '../helpers/mysql-advice.js';

export const mysqlBlockingDdl: Rule = {
  meta: {
    id: 'mysql-blocking-ddl',
    engines: ['mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'An ALTER that runs in place but does not permit concurrent writes (FULLTEXT/SPATIAL index, AUTO_INCREMENT column).',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const ddl = statementDdl(ctx);
    if (!ddl) return;
    if (ddl.algorithm === 'instant') return;
    // COPY-bound statements are mysql-table-copy's; this rule is about in-place operations that still block writes.
    if (ddl.steps.some((s) => s.fact.algorithm === 'COPY' && !s.fact.dml)) return;
    const blocking = ddl.steps.filter((s) => !s.fact.dml);
    if (blocking.length === 0) return;
    const first = blocking[0];
    const spec = alterSpecText(ctx);
    ctx.report({
      message: `${first.what.replace(/^./, (m) => m.toUpperCase())} on \`${ddl.table.name}\` runs in place on ${engineLabel(ctx.engine, ctx.version)} but does not permit concurrent writes${first.fact.note ? ` (${first.fact.note})` : ''}: INSERT, UPDATE and DELETE on \`${ddl.table.name}\` wait until it finishes, which takes as long as reading the whole table. Run it with gh-ost / pt-online-schema-change, or in a maintenance window.`,
      why: 'LOCK=NONE is not available for this operation: the server holds a shared lock for the whole build, so writers queue behind it.',
      suggestions: spec ? [{ title: 'Keep writes flowing: gh-ost / pt-online-schema-change', sql: onlineSchemaChangeCommands(ddl.table, spec) }] : undefined,
    });
  },
};
