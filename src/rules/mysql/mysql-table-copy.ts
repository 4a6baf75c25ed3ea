import type { Rule } from '../types.js';
import { statementDdl, alterSpecText, type DdlStep } from '../helpers/mysql-ddl.js';
import { copyWhy, engineLabel, mysqlIdent, mysqlName, onlineSchemaChangeCommands, stepsText } from '../helpers/mysql-advice.js';

export const mysqlTableCopy: Rule = {
  meta: {
    id: 'mysql-table-copy',
    engines: ['mysql', 'mariadb'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'An ALTER that needs ALGORITHM=COPY at the target version: writes to the table are blocked for the whole copy.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const ddl = statementDdl(ctx);
    if (!ddl) return;
    // An explicit INPLACE/INSTANT makes the server refuse instead of copying (mysql-invalid-algorithm).
    if (ddl.algorithm && ddl.algorithm !== 'copy' && ddl.algorithm !== 'default') return;
    // Foreign keys have their own rule with the foreign_key_checks recipe.
    const copying = ddl.steps.filter((s) => s.fact.algorithm === 'COPY' && !s.fact.dml && s.action !== 'add-foreign-key');
    if (copying.length === 0) return;
    const known = copying.filter((s) => !s.assumed);
    const t = mysqlName(ddl.table);
    const spec = alterSpecText(ctx);
    const suggestions = [];
    if (spec) suggestions.push({ title: `Run the change with gh-ost or pt-online-schema-change (writes continue; throttles on replica lag)`, sql: onlineSchemaChangeCommands(ddl.table, spec) });
    const split = expandContract(copying[0], t);
    if (split) suggestions.push({ title: 'Or split it (expand-migrate-contract)', sql: split });
    const label = engineLabel(ctx.engine, ctx.version);
    ctx.report({
      level: known.length === 0 ? 'warn' : undefined,
      message: known.length === 0
        ? `${capitalize(stepsText(copying))} on \`${ddl.table.name}\` may need ALGORITHM=COPY on ${label}: if the type or character set changes, writes to \`${ddl.table.name}\` are blocked for the whole table copy. Replay the migration history (or lint the whole directory) so migrasafe can compare with the old definition, or run it with gh-ost / pt-online-schema-change.`
        : `${capitalize(stepsText(known))} on \`${ddl.table.name}\` needs ALGORITHM=COPY on ${label}: INSERT, UPDATE and DELETE on \`${ddl.table.name}\` are blocked until every row is copied (minutes to hours on a large table), and replicas lag as long. Use gh-ost / pt-online-schema-change, or split the change so each step is INSTANT or INPLACE.`,
      why: copyWhy(ctx.engine, ctx.version),
      suggestions,
    });
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The split that avoids the copy, per operation. */
function expandContract(step: DdlStep, t: string): string | undefined {
  const op = step.op;
  switch (step.action) {
    case 'change-column-type':
    case 'enum-reorder': {
      if (op.kind !== 'modify-column') return undefined;
      const old = mysqlIdent(op.column);
      const tmp = mysqlIdent(`${op.definition.name}_new`);
      const type = op.definition.type?.text ?? '<new type>';
      return [
        `-- 1. expand (INSTANT on MySQL 8.0.12+ / MariaDB 10.4+): a new column with the new type`,
        `ALTER TABLE ${t} ADD COLUMN ${tmp} ${type} NULL, ALGORITHM=INSTANT;`,
        `-- 2. deploy code that writes both ${old} and ${tmp}; backfill old rows in batches:`,
        `UPDATE ${t} SET ${tmp} = ${old} WHERE ${tmp} IS NULL AND id BETWEEN 1 AND 10000; -- repeat per id range`,
        `-- 3. deploy code that reads ${tmp}; 4. in a later release drop ${old} and rename ${tmp}`,
      ].join('\n');
    }
    case 'add-column-stored-generated':
      return op.kind === 'add-column'
        ? `-- A VIRTUAL generated column is added in place (INSTANT on 8.0); index it if it must be fast to read:\nALTER TABLE ${t} ADD COLUMN ${mysqlIdent(op.column.name)} ${op.column.type?.text ?? '<type>'} AS (<expression>) VIRTUAL, ALGORITHM=INSTANT;\nALTER TABLE ${t} ADD INDEX (${mysqlIdent(op.column.name)}), ALGORITHM=INPLACE, LOCK=NONE;`
        : undefined;
    case 'drop-primary-key':
      return `-- Replace the primary key in the same statement instead (INPLACE, writes allowed):\nALTER TABLE ${t} DROP PRIMARY KEY, ADD PRIMARY KEY (<columns>), ALGORITHM=INPLACE, LOCK=NONE;`;
    case 'add-check':
      return `-- Enforce the rule in the application first; add the CHECK with gh-ost / pt-online-schema-change (the server validates every row under a copy).`;
    default:
      return undefined;
  }
}
