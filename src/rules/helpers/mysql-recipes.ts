import type { QualifiedName } from '../../core/operations.js';
import type { Engine } from '../../core/types.js';
import { onlineDdlFact } from '../../engines/mysql/online-ddl.js';
import type { Version } from '../../engines/version.js';
import { BATCH_SIZE } from './backfill.js';
import { mysqlIdent, mysqlName } from './mysql-advice.js';

/** `, ALGORITHM=INSTANT` (or INPLACE, LOCK=NONE) for appending a nullable or defaulted column at this version. */
export function addColumnClause(engine: Engine, version: Version): string {
  return onlineDdlFact('add-column', engine, version).algorithm === 'INSTANT' ? ', ALGORITHM=INSTANT' : ', ALGORITHM=INPLACE, LOCK=NONE';
}

export interface ColumnSwapInput {
  engine: Engine;
  version: Version;
  table: QualifiedName;
  column: string;
  /** The new definition after the column name: `VARCHAR(100) NOT NULL`. */
  typeText: string;
  /** Primary-key column the backfill walks. */
  key: string;
}

/**
 * Expand-migrate-contract for a MySQL type change: a new column of the new type, a batched
 * backfill by primary-key range, the switch, then dropping the old column.
 */
export function mysqlColumnSwapSteps(i: ColumnSwapInput): string[] {
  const t = mysqlName(i.table);
  const fresh = `${i.column}_new`.slice(0, 64);
  const nullableType = i.typeText.replace(/\bNOT\s+NULL\b/i, 'NULL');
  return [
    `-- release 1 (expand): a new column; deploy code that writes both ${i.column} and ${fresh}`,
    `ALTER TABLE ${t} ADD COLUMN ${mysqlIdent(fresh)} ${/\bNULL\b/i.test(nullableType) ? nullableType : `${nullableType} NULL`}${addColumnClause(i.engine, i.version)};`,
    `-- data migration, in batches by primary-key range (repeat per range; migrasafe plan backfill ${i.table.name} --set "${fresh} = ${i.column}"):`,
    `UPDATE ${t} SET ${mysqlIdent(fresh)} = ${mysqlIdent(i.column)} WHERE ${mysqlIdent(i.key)} BETWEEN 1 AND ${BATCH_SIZE} AND ${mysqlIdent(fresh)} IS NULL;`,
    `-- release 2: read ${fresh}; release 3 (contract), once nothing reads ${i.column}:`,
    `ALTER TABLE ${t} DROP COLUMN ${mysqlIdent(i.column)};`,
    `-- keep the name ${fresh}: renaming it back would break the code that reads it (see rename-column).`,
  ];
}
