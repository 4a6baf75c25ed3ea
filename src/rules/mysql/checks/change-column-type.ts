import type { OperationOf } from '../../../core/operations.js';
import type { Suggestion } from '../../../core/types.js';
import { mysqlTypeRisk, type TypeRiskKind } from '../../../engines/mysql/type-changes.js';
import type { StatementContext } from '../../types.js';
import { batchKey } from '../../helpers/backfill.js';
import { engineLabel, mysqlIdent, mysqlName } from '../../helpers/mysql-advice.js';
import { columnCharsets } from '../../helpers/mysql-ddl.js';
import { mysqlColumnSwapSteps } from '../../helpers/mysql-recipes.js';

/** The error strict sql_mode raises for a value that does not fit, by kind of change. */
const STRICT_ERROR: Record<TypeRiskKind, string> = {
  narrowing: 'ERROR 1265 Data truncated / 1264 Out of range value',
  signedness: 'ERROR 1264 Out of range value',
  precision: 'no error: values are rounded silently (a note per value)',
  charset: 'ERROR 1366 Incorrect string value',
  'enum-members': 'ERROR 1265 Data truncated',
  conversion: 'ERROR 1265 / 1292 / 1366',
};

/**
 * change-column-type on MySQL/MariaDB: `MODIFY`/`CHANGE` giving an existing column a type that
 * cannot hold every value it holds now (narrowing, signedness, fewer decimals, a smaller character
 * set, ENUM members removed, another kind of value). This is the data and application side; how
 * long the table copy blocks writes is mysql-table-copy's finding, not repeated here.
 */
export function checkChangeColumnTypeMysql(ctx: StatementContext): void {
  for (const op of ctx.statement.ops) {
    if (op.kind !== 'modify-column' || !op.definition.type) continue;
    if (ctx.schema.isNewTable(op.table)) continue;
    const old = ctx.schema.column(op.table, op.column);
    // Unknown old definition: mysql-table-copy already warns that it cannot compare.
    if (!old?.type) continue;
    const cs = columnCharsets(ctx, op.table, old, op.definition);
    const risk = mysqlTypeRisk(old.type, op.definition.type, cs.old, cs.next);
    if (!risk) continue;
    const oldText = risk.kind === 'charset' ? `${old.type.text} CHARACTER SET ${cs.old}` : old.type.text;
    report(ctx, op, oldText, risk.kind, risk.detail, risk.misfit);
  }
}

function report(ctx: StatementContext, op: OperationOf<'modify-column'>, oldText: string, kind: TypeRiskKind, detail: string, misfit: string | undefined): void {
  const def = op.definition;
  const t = mysqlName(op.table);
  const col = mysqlIdent(op.column);
  const newText = kind === 'charset' ? `${def.type!.text} CHARACTER SET ${columnCharsetText(ctx, op)}` : def.type!.text;
  const onFail = kind === 'precision'
    ? 'existing values are rounded without an error'
    : `under strict sql_mode (the default) the ALTER stops (${STRICT_ERROR[kind]}) at the first row that does not fit, after copying the table up to it; without strict mode those values are silently cut, clipped or replaced`;
  const suggestions: Suggestion[] = [];
  if (misfit) {
    suggestions.push({
      title: 'Prove every row fits first, and make the application stop writing values that do not',
      sql: [`-- must return 0 (and keep returning 0 once the application validates ${op.column}):`, `SELECT COUNT(*) FROM ${t} WHERE ${misfit.replace(/\{col\}/g, col)};`, ctx.statement.text.trim().replace(/;?$/, ';')].join('\n'),
    });
  }
  const typeText = definitionText(ctx, op);
  suggestions.push({
    title: 'Expand and contract: a new column of the new type, backfilled in batches',
    sql: mysqlColumnSwapSteps({ engine: ctx.engine, version: ctx.version, table: op.table, column: op.column, typeText: typeText ?? newText, key: batchKey(ctx.schema, op.table).column }).join('\n'),
  });
  ctx.report({
    op,
    message: `Changing \`${op.table.name}\`.${op.column} from ${oldText} to ${newText} on ${engineLabel(ctx.engine, ctx.version)} can lose data: ${detail}. ${capitalize(onFail)}; and the application version still running keeps writing values of the old type. Check the data first, or add a new column and migrate to it. (How long the table copy blocks writes is reported by mysql-table-copy.)`,
    why: 'MySQL converts every stored value to the new type while it copies the table; what does not fit is an error under strict sql_mode and a silent change without it, and old code keeps sending the old values during the deploy.',
    suggestions,
  });
}

/** The new definition as written (`VARCHAR(100) NOT NULL`), without FIRST/AFTER. */
function definitionText(ctx: StatementContext, op: OperationOf<'modify-column'>): string | undefined {
  const r = op.definition.range;
  if (!r) return undefined;
  // MODIFY/CHANGE definitions start at the type (the parser's range leaves out the name).
  const text = ctx.statement.text.slice(r.start - ctx.statement.range.start, r.end - ctx.statement.range.start).trim();
  return text.replace(/\s+(?:FIRST|AFTER\s+\S+)\s*$/i, '') || undefined;
}

function columnCharsetText(ctx: StatementContext, op: OperationOf<'modify-column'>): string {
  const old = ctx.schema.column(op.table, op.column);
  return old ? columnCharsets(ctx, op.table, old, op.definition).next : (op.definition.charset ?? '?');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
