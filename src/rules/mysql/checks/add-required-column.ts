import type { ColumnSpec, OperationOf } from '../../../core/operations.js';
import type { Suggestion } from '../../../core/types.js';
import { atLeast } from '../../../engines/version.js';
import type { StatementContext } from '../../types.js';
import { batchKey } from '../../helpers/backfill.js';
import { engineLabel, mysqlIdent, mysqlName } from '../../helpers/mysql-advice.js';
import { addColumnClause } from '../../helpers/mysql-recipes.js';

const ZERO_DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);
const NUMERIC = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|dec|fixed|float|double|real|bit|bool|boolean|year)$/;
/** Types that take no literal DEFAULT (an expression default `DEFAULT ('')` needs 8.0.13+; MariaDB 10.2+ allows literals). */
const NO_LITERAL_DEFAULT = /^(tinytext|text|mediumtext|longtext|tinyblob|blob|mediumblob|longblob|json|geometry|point|linestring|polygon)$/;

/**
 * add-required-column on MySQL/MariaDB: `ADD COLUMN c <type> NOT NULL` without a DEFAULT. MySQL
 * does not reject it like PostgreSQL: existing rows get the type's implicit default (0, '', the
 * first ENUM member), except date and time types, whose zero date the default sql_mode rejects,
 * so the ALTER fails on a table with rows. And once it is added, every INSERT of the running
 * application that does not name the column fails under strict sql_mode (MySQL 8.4 Reference
 * Manual §13.6 Data Type Default Values).
 */
export function checkAddRequiredColumnMysql(ctx: StatementContext): void {
  for (const op of ctx.statement.ops) {
    if (op.kind !== 'add-column') continue;
    const c = op.column;
    if (!c.notNull || (c.default && !c.default.isNull) || c.identity || c.serial || c.generated) continue;
    if (ctx.schema.isNewTable(op.table)) continue;
    const type = c.type?.name.toLowerCase() ?? '';
    if (type === 'timestamp' && autoInitializedTimestamp(ctx, op)) continue;
    report(ctx, op, c, type);
  }
}

/**
 * Before MySQL 8.0.2, explicit_defaults_for_timestamp is OFF: the first TIMESTAMP column of a
 * table that names no DEFAULT gets DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP.
 */
function autoInitializedTimestamp(ctx: StatementContext, op: OperationOf<'add-column'>): boolean {
  if (ctx.engine !== 'mysql' || atLeast(ctx.version, 8, 0, 2)) return false;
  const t = ctx.schema.table(op.table);
  if (!t || !t.columnsComplete || t.placeholder) return false;
  return ![...t.columns.values()].some((col) => col.type?.name.toLowerCase() === 'timestamp');
}

function implicitDefault(c: ColumnSpec, type: string): string {
  if (NUMERIC.test(type)) return '0';
  if (type === 'enum') return c.type?.values?.[0] !== undefined ? `'${c.type.values[0]}' (the first member)` : 'the first member';
  return "'' (empty)";
}

function report(ctx: StatementContext, op: OperationOf<'add-column'>, c: ColumnSpec, type: string): void {
  const t = mysqlName(op.table);
  const col = mysqlIdent(c.name);
  const typeText = c.type?.text ?? '<type>';
  const label = engineLabel(ctx.engine, ctx.version);
  const insertFails = `every INSERT from the application version still running (which does not name ${c.name}) fails with ERROR 1364 (HY000): Field '${c.name}' doesn't have a default value under strict sql_mode (the default since MySQL 5.7), or silently stores the implicit default without it`;
  const message = ZERO_DATE_TYPES.has(type)
    ? `ADD COLUMN ${c.name} ${typeText} NOT NULL on \`${op.table.name}\` has no DEFAULT: on ${label} existing rows would get the zero date, which the default sql_mode (strict, NO_ZERO_DATE) rejects, so the ALTER fails as soon as the table has a row (ERROR 1292 Incorrect ${type} value: '0000-00-00...'); and once added, ${insertFails}. Add it with a DEFAULT, or nullable and backfill.`
    : `ADD COLUMN ${c.name} ${typeText} NOT NULL on \`${op.table.name}\` has no DEFAULT: on ${label} the existing rows silently get the implicit default ${implicitDefault(c, type)}, and ${insertFails}. Add it with a DEFAULT the old code can live with, or nullable and backfill.`;
  const suggestions: Suggestion[] = [];
  const clause = addColumnClause(ctx.engine, ctx.version);
  if (!NO_LITERAL_DEFAULT.test(type)) {
    suggestions.push({ title: 'Add the column with an explicit DEFAULT', sql: `ALTER TABLE ${t} ADD COLUMN ${col} ${typeText} NOT NULL DEFAULT <value>${clause};` });
  } else if (ctx.engine === 'mariadb' || atLeast(ctx.version, 8, 0, 13)) {
    suggestions.push({ title: 'Add the column with an expression DEFAULT', sql: `ALTER TABLE ${t} ADD COLUMN ${col} ${typeText} NOT NULL DEFAULT (<value>);` });
  }
  const key = batchKey(ctx.schema, op.table).column;
  suggestions.push({
    title: 'Add it nullable, backfill in batches, then make it NOT NULL',
    sql: [
      `ALTER TABLE ${t} ADD COLUMN ${col} ${typeText} NULL${clause};`,
      `-- deploy code that writes ${c.name}; backfill old rows by primary-key range (repeat per range):`,
      `UPDATE ${t} SET ${col} = <value> WHERE ${mysqlIdent(key)} BETWEEN 1 AND 10000 AND ${col} IS NULL;`,
      `-- must return 0:`,
      `SELECT COUNT(*) FROM ${t} WHERE ${col} IS NULL;`,
      `-- then (rebuilds the table in place, writes allowed):`,
      `ALTER TABLE ${t} MODIFY ${col} ${typeText} NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;`,
    ].join('\n'),
  });
  ctx.report({
    op,
    message,
    why: 'A NOT NULL column without a DEFAULT has no value for rows and INSERTs that do not name it: MySQL substitutes an implicit default (or a zero date, which strict mode rejects) for existing rows, and strict sql_mode rejects such INSERTs.',
    suggestions,
  });
}
