import type { StatementContext } from '../../types.js';
import { coversUniqueKey, statementDdl } from '../../helpers/mysql-ddl.js';
import { mysqlIdent, mysqlName } from '../../helpers/mysql-advice.js';

/**
 * add-unique-constraint on MySQL/MariaDB: the unique index builds in place with writes allowed,
 * but it fails at the end (ERROR 1062) if the data has duplicates, including duplicates written
 * while it builds.
 */
export function checkUniqueMysql(ctx: StatementContext): void {
  const ddl = statementDdl(ctx);
  if (!ddl) return;
  for (const step of ddl.steps) {
    if (step.action !== 'add-index') continue;
    const op = step.op;
    let columns: string[] | undefined;
    if (op.kind === 'add-constraint' && op.constraint.type === 'unique') columns = op.constraint.columns;
    else if (op.kind === 'create-index' && op.unique) columns = op.columns;
    else if (op.kind === 'add-column' && op.column.unique) columns = [op.column.name];
    if (!columns || columns.length === 0) continue;
    // A superset of an existing unique key cannot hold duplicates.
    if (coversUniqueKey(ctx.schema, ddl.table, columns)) continue;
    const t = mysqlName(ddl.table);
    const cols = columns.map(mysqlIdent).join(', ');
    ctx.report({
      op,
      level: 'warn',
      message: `Adding a unique index on \`${ddl.table.name}\` (${columns.join(', ')}) depends on the data: if any two rows share a value (or a write adds one while the index builds), the ALTER fails with ERROR 1062 after reading the whole table, and on MySQL the migration is left half-applied. Check for duplicates first and make the application stop writing them.`,
      why: 'The build cannot succeed on duplicate data, and nothing in the migration proves there are none.',
      suggestions: [{
        title: 'Find duplicates before adding the unique index',
        sql: `-- must return no rows:\nSELECT ${cols}, COUNT(*) FROM ${t} GROUP BY ${cols} HAVING COUNT(*) > 1 LIMIT 10;`,
      }],
    });
  }
}
