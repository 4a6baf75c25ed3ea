import type { StatementContext } from '../../types.js';
import { statementDdl } from '../../helpers/mysql-ddl.js';
import { engineLabel, mysqlIdent, mysqlName } from '../../helpers/mysql-advice.js';

/**
 * add-foreign-key on MySQL/MariaDB: with foreign_key_checks on, ADD FOREIGN KEY copies the child
 * table (writes blocked) and also takes metadata locks on the parent table.
 */
export function checkForeignKeyMysql(ctx: StatementContext): void {
  const ddl = statementDdl(ctx);
  if (!ddl) return;
  for (const step of ddl.steps) {
    if (step.action !== 'add-foreign-key' || step.op.kind !== 'add-constraint') continue;
    const fk = step.op.constraint;
    const t = mysqlName(ddl.table);
    const parent = fk.references?.table;
    const cols = fk.columns.map(mysqlIdent).join(', ');
    const refCols = fk.references?.columns.map(mysqlIdent).join(', ') ?? '<columns>';
    const name = fk.name ? `CONSTRAINT ${mysqlIdent(fk.name)} ` : '';
    const copying = step.fact.algorithm === 'COPY' && !step.fact.dml;
    ctx.report({
      op: step.op,
      message: `Adding the foreign key on \`${ddl.table.name}\` (${fk.columns.join(', ')})${parent ? ` referencing \`${parent.name}\`` : ''} with foreign_key_checks on ${copying ? `needs ALGORITHM=COPY on ${engineLabel(ctx.engine, ctx.version)}: writes to \`${ddl.table.name}\` are blocked for the whole table copy` : `copies \`${ddl.table.name}\` on ${engineLabel(ctx.engine, ctx.version)}`}, and the parent table's metadata lock is taken too, so a long transaction on ${parent ? `\`${parent.name}\`` : 'the parent'} stalls the ALTER and every query queued behind it. Add it in place with foreign_key_checks=0 after checking the data yourself.`,
      why: 'InnoDB can add a foreign key in place only when it does not have to validate existing rows (foreign_key_checks=0); otherwise it copies the table.',
      suggestions: [{
        title: 'Check orphans first, then add the key in place with foreign_key_checks=0',
        sql: [
          `-- 1. must return no rows (fix or delete orphans first):`,
          `SELECT c.* FROM ${t} c LEFT JOIN ${parent ? mysqlName(parent) : '<parent>'} p ON ${fk.columns.map((col, i) => `p.${mysqlIdent(fk.references?.columns[i] ?? col)} = c.${mysqlIdent(col)}`).join(' AND ')} WHERE p.${mysqlIdent(fk.references?.columns[0] ?? 'id')} IS NULL AND c.${mysqlIdent(fk.columns[0] ?? 'id')} IS NOT NULL LIMIT 10;`,
          `-- 2. in place, no copy (existing rows are not re-checked):`,
          `SET SESSION foreign_key_checks = 0;`,
          `ALTER TABLE ${t} ADD ${name}FOREIGN KEY (${cols}) REFERENCES ${parent ? mysqlName(parent) : '<parent>'} (${refCols}), ALGORITHM=INPLACE, LOCK=NONE;`,
          `SET SESSION foreign_key_checks = 1;`,
        ].join('\n'),
      }],
    });
  }
}
