import type { Engine } from '../../core/types.js';
import { compareVersion, parseVersion, type Version } from '../version.js';

/**
 * InnoDB online DDL, per operation and server version: the algorithm the server picks by
 * default (the best it supports), whether concurrent writes are permitted, and whether the table
 * is rebuilt. Pure data; rules ask `onlineDdlFact`. Each row cites the manual section.
 *
 * MySQL: Reference Manual 8.4 §17.12.1 "Online DDL Operations" (8.0: §15.12.1; 5.7: §14.13.1).
 * MariaDB: KB "InnoDB Online DDL Operations with the INSTANT / INPLACE / NOCOPY Alter Algorithm"
 * and "Online Schema Change" (11.2+: ALGORITHM=COPY with LOCK=NONE).
 */

export type DdlAlgorithm = 'INSTANT' | 'INPLACE' | 'COPY';

export interface DdlFact {
  /** The best algorithm the server supports for the operation (what it uses by default). */
  algorithm: DdlAlgorithm;
  /** Concurrent INSERT/UPDATE/DELETE permitted while it runs (LOCK=NONE possible). */
  dml: boolean;
  /** The table (and its indexes) is rebuilt: time and I/O proportional to its size. */
  rebuild: boolean;
  /** Extra caveat shown with findings. */
  note?: string;
}

export type DdlAction =
  | 'add-column'
  | 'add-column-positioned'
  | 'add-column-auto-increment'
  | 'add-column-stored-generated'
  | 'add-column-virtual'
  | 'drop-column'
  | 'drop-column-stored-generated'
  | 'drop-column-virtual'
  | 'rename-column'
  | 'reorder-column'
  | 'set-default'
  | 'change-column-type'
  | 'extend-varchar'
  | 'make-nullable'
  | 'make-not-null'
  | 'enum-append'
  | 'enum-reorder'
  | 'add-auto-increment-to-column'
  | 'add-index'
  | 'drop-index'
  | 'rename-index'
  | 'add-fulltext-index'
  | 'add-spatial-index'
  | 'add-primary-key'
  | 'drop-primary-key'
  | 'replace-primary-key'
  | 'add-foreign-key'
  | 'add-foreign-key-unchecked'
  | 'drop-foreign-key'
  | 'add-check'
  | 'drop-check'
  | 'convert-charset'
  | 'set-table-charset'
  | 'set-row-format'
  | 'force-rebuild'
  | 'change-engine'
  | 'rename-table'
  | 'set-auto-increment'
  | 'set-table-option'
  | 'partition-by'
  | 'index-visibility'
  | 'order-by';

interface Band {
  /** First version the fact applies to. */
  from: string;
  fact: DdlFact;
}

export interface OnlineDdlRow {
  action: DdlAction;
  /** What the operation is, for messages: "adding a column". */
  label: string;
  mysql: Band[];
  mariadb: Band[];
  /** Manual sections, shown in docs and used by tests to keep every row cited. */
  source: { mysql: string; mariadb: string };
}

const INSTANT: DdlFact = { algorithm: 'INSTANT', dml: true, rebuild: false };
const META: DdlFact = { algorithm: 'INPLACE', dml: true, rebuild: false };
const INPLACE_REBUILD: DdlFact = { algorithm: 'INPLACE', dml: true, rebuild: true };
const COPY: DdlFact = { algorithm: 'COPY', dml: false, rebuild: true };

const MY_COLUMNS = 'MySQL 8.4 §17.12.1 Online DDL Operations, Table 17.18 "Online DDL Support for Column Operations" (5.7: §14.13.1, Table 14.12)';
const MY_INDEXES = 'MySQL 8.4 §17.12.1 Online DDL Operations, Table 17.16 "Online DDL Support for Index Operations" (5.7: Table 14.10)';
const MY_PK = 'MySQL 8.4 §17.12.1 Online DDL Operations, Table 17.17 "Online DDL Support for Primary Key Operations" (5.7: Table 14.11)';
const MY_GENERATED = 'MySQL 8.4 §17.12.1 Online DDL Operations, Table 17.19 "Online DDL Support for Generated Column Operations" (5.7: Table 14.13)';
const MY_FK = 'MySQL 8.4 §17.12.1 Online DDL Operations, Table 17.20 "Online DDL Support for Foreign Key Operations" (5.7: Table 14.14)';
const MY_TABLE = 'MySQL 8.4 §17.12.1 Online DDL Operations, Table 17.21 "Online DDL Support for Table Operations" (5.7: Table 14.15)';
const MY_PARTITION = 'MySQL 8.4 §17.12.1 Online DDL Operations, "Partitioning Operations" (5.7: Table 14.17); §26.3 Partition Management';
const MY_CHECK = 'MySQL 8.4 §15.1.20.6 CHECK Constraints; ALTER TABLE ... ADD CHECK validates existing rows with the COPY algorithm';
const MDB_INSTANT = 'MariaDB KB "InnoDB Online DDL Operations with the INSTANT Alter Algorithm" (https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/)';
const MDB_INPLACE = 'MariaDB KB "InnoDB Online DDL Operations with the INPLACE Alter Algorithm" (https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-inplace-alter-algorithm/)';
const MDB_NOCOPY = 'MariaDB KB "InnoDB Online DDL Operations with the NOCOPY Alter Algorithm" (https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-nocopy-alter-algorithm/)';
const MDB_COPY = 'MariaDB KB "InnoDB Online DDL Overview" (COPY for column type changes) and "Online Schema Change" (11.2+: COPY with LOCK=NONE)';

/** MariaDB 11.2 made ALTER TABLE "universally online": COPY runs with LOCK=NONE (11.4 is the first LTS with it). */
export const MARIADB_ONLINE_COPY = '11.2';

function row(action: DdlAction, label: string, mysql: Band[], mariadb: Band[], source: { mysql: string; mariadb: string }): OnlineDdlRow {
  return { action, label, mysql, mariadb, source };
}
const always = (fact: DdlFact): Band[] => [{ from: '5.7', fact }];
const mdbAlways = (fact: DdlFact): Band[] => [{ from: '10.4', fact }];

export const onlineDdlRows: readonly OnlineDdlRow[] = [
  row('add-column', 'adding a column',
    [{ from: '5.7', fact: INPLACE_REBUILD }, { from: '8.0.12', fact: INSTANT }],
    mdbAlways(INSTANT), { mysql: `${MY_COLUMNS}: "Adding a column" (INSTANT default from 8.0.12; last position only before 8.0.29)`, mariadb: `${MDB_INSTANT}: ADD COLUMN (any position from 10.4)` }),
  row('add-column-positioned', 'adding a column with FIRST/AFTER',
    [{ from: '5.7', fact: INPLACE_REBUILD }, { from: '8.0.29', fact: INSTANT }],
    mdbAlways(INSTANT), { mysql: `${MY_COLUMNS}: "Adding a column" (before 8.0.29 INSTANT only appends; from 8.0.29 any position)`, mariadb: `${MDB_INSTANT}: ADD COLUMN anywhere from 10.4` }),
  row('add-column-auto-increment', 'adding an AUTO_INCREMENT column',
    always({ algorithm: 'INPLACE', dml: false, rebuild: true, note: 'needs at least LOCK=SHARED' }),
    mdbAlways({ algorithm: 'INPLACE', dml: false, rebuild: true, note: 'needs at least LOCK=SHARED' }),
    { mysql: `${MY_COLUMNS}: "Adding a column" — concurrent DML is not permitted when adding an auto-increment column`, mariadb: `${MDB_INPLACE}: ADD COLUMN (except an auto-increment column, concurrent DML permitted)` }),
  row('add-column-stored-generated', 'adding a STORED generated column',
    always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_GENERATED}: "Adding a STORED column" — COPY, table rebuilt, DML not permitted`, mariadb: MDB_COPY }),
  row('add-column-virtual', 'adding a VIRTUAL generated column',
    [{ from: '5.7', fact: META }, { from: '8.0.12', fact: INSTANT }],
    mdbAlways(META), { mysql: `${MY_GENERATED}: "Adding a VIRTUAL column" (INSTANT for non-partitioned tables in 8.0)`, mariadb: MDB_NOCOPY }),
  row('drop-column', 'dropping a column',
    [{ from: '5.7', fact: INPLACE_REBUILD }, { from: '8.0.29', fact: INSTANT }],
    mdbAlways(INSTANT), { mysql: `${MY_COLUMNS}: "Dropping a column" (INSTANT from 8.0.29)`, mariadb: `${MDB_INSTANT}: DROP COLUMN (10.4+)` }),
  row('drop-column-stored-generated', 'dropping a STORED generated column',
    always(INPLACE_REBUILD), mdbAlways(INSTANT), { mysql: `${MY_GENERATED}: "Dropping a STORED column"`, mariadb: `${MDB_INSTANT}: DROP COLUMN` }),
  row('drop-column-virtual', 'dropping a VIRTUAL generated column',
    [{ from: '5.7', fact: META }, { from: '8.0.12', fact: INSTANT }], mdbAlways(INSTANT),
    { mysql: `${MY_GENERATED}: "Dropping a VIRTUAL column"`, mariadb: `${MDB_INSTANT}: DROP COLUMN` }),
  row('rename-column', 'renaming a column',
    [{ from: '5.7', fact: META }, { from: '8.0.28', fact: INSTANT }], mdbAlways(INSTANT),
    { mysql: `${MY_COLUMNS}: "Renaming a column" (INSTANT from 8.0.28; same data type, else COPY)`, mariadb: `${MDB_INSTANT}: renaming a column` }),
  row('reorder-column', 'reordering columns (MODIFY ... FIRST/AFTER)',
    always(INPLACE_REBUILD), mdbAlways(INSTANT),
    { mysql: `${MY_COLUMNS}: "Reordering columns" — INPLACE, rebuilds the table`, mariadb: `${MDB_INSTANT}: reordering columns (10.4+)` }),
  row('set-default', 'setting or dropping a column default',
    [{ from: '5.7', fact: META }, { from: '8.0.12', fact: INSTANT }], mdbAlways(INSTANT),
    { mysql: `${MY_COLUMNS}: "Setting a column default value" / "Dropping a column default value"`, mariadb: `${MDB_INSTANT}: ALTER COLUMN ... SET DEFAULT` }),
  row('change-column-type', 'changing the column data type',
    always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_COLUMNS}: "Changing the column data type" — only supported with ALGORITHM=COPY`, mariadb: MDB_COPY }),
  row('extend-varchar', 'extending a VARCHAR column',
    always(META), mdbAlways(INSTANT),
    { mysql: `${MY_COLUMNS}: "Extending VARCHAR column size" — in place while the number of length bytes stays the same (0-255 bytes: 1, 256+: 2)`, mariadb: `${MDB_INSTANT}: increasing the length of VARCHAR (from 10.2.2)` }),
  row('make-nullable', 'making a column NULL',
    always(INPLACE_REBUILD), mdbAlways(INPLACE_REBUILD),
    { mysql: `${MY_COLUMNS}: "Making a column NULL"`, mariadb: `${MDB_INPLACE}: changing a column to NULL (INSTANT only for ROW_FORMAT=REDUNDANT)` }),
  row('make-not-null', 'making a column NOT NULL',
    always({ ...INPLACE_REBUILD, note: 'fails if any row holds NULL (strict sql_mode)' }), mdbAlways({ ...INPLACE_REBUILD, note: 'fails if any row holds NULL (strict sql_mode)' }),
    { mysql: `${MY_COLUMNS}: "Making a column NOT NULL" — INPLACE, rebuilds the table, requires STRICT_ALL_TABLES or STRICT_TRANS_TABLES`, mariadb: `${MDB_INPLACE}: changing a column to NOT NULL` }),
  row('enum-append', 'adding ENUM/SET members at the end',
    [{ from: '5.7', fact: META }, { from: '8.0.12', fact: INSTANT }], mdbAlways(INSTANT),
    { mysql: `${MY_COLUMNS}: "Modifying the definition of an ENUM or SET column" — INSTANT when members are appended and the storage size does not change`, mariadb: `${MDB_INSTANT}: adding a new ENUM or SET value at the end` }),
  row('enum-reorder', 'inserting, removing or reordering ENUM/SET members',
    always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_COLUMNS}: "Modifying the definition of an ENUM or SET column" — other changes renumber the members and need COPY`, mariadb: MDB_COPY }),
  row('add-auto-increment-to-column', 'adding AUTO_INCREMENT to an existing column',
    always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: COPY }],
    { mysql: `${MY_COLUMNS}: changing a column attribute that changes stored values (AUTO_INCREMENT) is a data type change: COPY`, mariadb: `${MDB_COPY} (auto-increment changes keep the table locked)` }),
  row('add-index', 'adding a secondary index',
    always(META), mdbAlways(META),
    { mysql: `${MY_INDEXES}: "Creating or adding a secondary index" — INPLACE, no rebuild, concurrent DML permitted`, mariadb: `${MDB_NOCOPY}: ADD INDEX` }),
  row('drop-index', 'dropping an index', always(META), mdbAlways(INSTANT),
    { mysql: `${MY_INDEXES}: "Dropping an index"`, mariadb: `${MDB_INSTANT}: DROP INDEX` }),
  row('rename-index', 'renaming an index', always(META), mdbAlways(INSTANT),
    { mysql: `${MY_INDEXES}: "Renaming an index"`, mariadb: `${MDB_INSTANT}: RENAME INDEX` }),
  row('add-fulltext-index', 'adding a FULLTEXT index',
    always({ algorithm: 'INPLACE', dml: false, rebuild: true, note: 'the first FULLTEXT index rebuilds the table to add FTS_DOC_ID; needs LOCK=SHARED' }),
    mdbAlways({ algorithm: 'INPLACE', dml: false, rebuild: true, note: 'needs LOCK=SHARED' }),
    { mysql: `${MY_INDEXES}: "Adding a FULLTEXT index" — INPLACE, concurrent DML not permitted`, mariadb: `${MDB_INPLACE}: ADD FULLTEXT INDEX (LOCK=SHARED)` }),
  row('add-spatial-index', 'adding a SPATIAL index',
    always({ algorithm: 'INPLACE', dml: false, rebuild: false, note: 'needs LOCK=SHARED' }),
    mdbAlways({ algorithm: 'INPLACE', dml: false, rebuild: false, note: 'needs LOCK=SHARED' }),
    { mysql: `${MY_INDEXES}: "Adding a SPATIAL index" — INPLACE, concurrent DML not permitted`, mariadb: `${MDB_INPLACE}: ADD SPATIAL INDEX (LOCK=SHARED)` }),
  row('add-primary-key', 'adding a primary key',
    always({ ...INPLACE_REBUILD, note: 'in place only under strict sql_mode; fails on duplicate or NULL values' }), mdbAlways(INPLACE_REBUILD),
    { mysql: `${MY_PK}: "Adding a primary key" — INPLACE, rebuilds the table`, mariadb: `${MDB_INPLACE}: ADD PRIMARY KEY` }),
  row('drop-primary-key', 'dropping the primary key without adding one',
    always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_PK}: "Dropping a primary key" — only ALGORITHM=COPY`, mariadb: MDB_COPY }),
  row('replace-primary-key', 'replacing the primary key (DROP + ADD in one statement)',
    always(INPLACE_REBUILD), mdbAlways(INPLACE_REBUILD),
    { mysql: `${MY_PK}: "Dropping a primary key and adding another" — INPLACE, rebuilds`, mariadb: `${MDB_INPLACE}: DROP PRIMARY KEY, ADD PRIMARY KEY` }),
  row('add-foreign-key', 'adding a foreign key with foreign_key_checks on',
    always({ ...COPY, note: 'INPLACE is supported only with foreign_key_checks=0' }),
    [{ from: '10.4', fact: { ...COPY, note: 'NOCOPY only with foreign_key_checks=0' } }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_FK}: "Adding a foreign key constraint" — INPLACE only when foreign_key_checks is disabled, otherwise COPY`, mariadb: `${MDB_NOCOPY}: ADD FOREIGN KEY (only with foreign_key_checks=OFF)` }),
  row('add-foreign-key-unchecked', 'adding a foreign key with foreign_key_checks=0',
    always(META), mdbAlways(META),
    { mysql: `${MY_FK}: "Adding a foreign key constraint" with foreign_key_checks disabled — INPLACE, metadata`, mariadb: `${MDB_NOCOPY}: ADD FOREIGN KEY with foreign_key_checks=OFF` }),
  row('drop-foreign-key', 'dropping a foreign key or constraint', always(META), mdbAlways(INSTANT),
    { mysql: `${MY_FK}: "Dropping a foreign key constraint"`, mariadb: `${MDB_INSTANT}: DROP CONSTRAINT / DROP FOREIGN KEY` }),
  row('add-check', 'adding a CHECK constraint',
    [{ from: '5.7', fact: { ...META, note: 'MySQL before 8.0.16 parses and ignores CHECK' } }, { from: '8.0.16', fact: COPY }],
    [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: MY_CHECK, mariadb: `${MDB_COPY} (CHECK validation copies the table)` }),
  row('drop-check', 'dropping a CHECK constraint', [{ from: '5.7', fact: META }, { from: '8.0.16', fact: INSTANT }], mdbAlways(INSTANT),
    { mysql: `${MY_TABLE} / ${MY_CHECK}`, mariadb: `${MDB_INSTANT}: DROP CONSTRAINT (CHECK)` }),
  row('convert-charset', 'converting the table character set (CONVERT TO CHARACTER SET)',
    always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_TABLE}: "Converting a character set" — COPY, DML not permitted, rebuild`, mariadb: MDB_COPY }),
  row('set-table-charset', 'changing the table default character set',
    always({ ...INPLACE_REBUILD, note: 'rebuilds only if the new encoding differs' }), mdbAlways(INSTANT),
    { mysql: `${MY_TABLE}: "Specifying a character set" — INPLACE, rebuild if the encoding differs`, mariadb: `${MDB_INSTANT}: changing the table default character set` }),
  row('set-row-format', 'changing ROW_FORMAT or KEY_BLOCK_SIZE', always(INPLACE_REBUILD), mdbAlways(INPLACE_REBUILD),
    { mysql: `${MY_TABLE}: "Changing the ROW_FORMAT" / "Changing KEY_BLOCK_SIZE"`, mariadb: `${MDB_INPLACE}: ROW_FORMAT / KEY_BLOCK_SIZE` }),
  row('force-rebuild', 'rebuilding the table (FORCE, ENGINE=InnoDB, OPTIMIZE TABLE)', always(INPLACE_REBUILD), mdbAlways(INPLACE_REBUILD),
    { mysql: `${MY_TABLE}: "Rebuilding a table with the FORCE option" / "Performing a null rebuild" / "Optimizing a table"`, mariadb: `${MDB_INPLACE}: FORCE, ENGINE=InnoDB, OPTIMIZE TABLE` }),
  row('change-engine', 'changing the storage engine', always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_TABLE}: changing to another storage engine needs COPY`, mariadb: MDB_COPY }),
  row('rename-table', 'renaming the table', [{ from: '5.7', fact: META }, { from: '8.0.12', fact: INSTANT }], mdbAlways(INSTANT),
    { mysql: `${MY_TABLE}: "Renaming a table"`, mariadb: `${MDB_INSTANT}: RENAME TO / RENAME TABLE` }),
  row('set-auto-increment', 'changing the AUTO_INCREMENT value', always(META), mdbAlways(INSTANT),
    { mysql: `${MY_COLUMNS}: "Changing the auto-increment value" — in memory, no rebuild`, mariadb: `${MDB_INSTANT}: AUTO_INCREMENT=` }),
  row('set-table-option', 'changing a table option (COMMENT, STATS_*)', always(META), mdbAlways(INSTANT),
    { mysql: `${MY_TABLE}: "Setting persistent table statistics options" and table comments (metadata only)`, mariadb: MDB_INSTANT }),
  row('partition-by', 'partitioning or removing partitioning', always(COPY), [{ from: '10.4', fact: COPY }, { from: MARIADB_ONLINE_COPY, fact: { ...COPY, dml: true } }],
    { mysql: `${MY_PARTITION}: PARTITION BY / REMOVE PARTITIONING copy the table`, mariadb: MDB_COPY }),
  row('index-visibility', 'changing index or column visibility', always(META), mdbAlways(INSTANT),
    { mysql: `${MY_INDEXES}: "Making an index visible or invisible" (metadata)`, mariadb: `${MDB_INSTANT}: ALTER INDEX ... IGNORED` }),
  row('order-by', 'ALTER TABLE ... ORDER BY', always(COPY), [{ from: '10.4', fact: COPY }],
    { mysql: `${MY_TABLE}: ORDER BY rewrites the table in order (COPY)`, mariadb: MDB_COPY }),
];

const byAction = new Map(onlineDdlRows.map((r) => [r.action, r]));

export function onlineDdlRow(action: DdlAction): OnlineDdlRow {
  return byAction.get(action)!;
}

/** The fact for an action at a server version (the last band starting at or before it). */
export function onlineDdlFact(action: DdlAction, engine: Engine, version: Version): DdlFact {
  const r = onlineDdlRow(action);
  const bands = engine === 'mariadb' ? r.mariadb : r.mysql;
  let fact = bands[0].fact;
  for (const b of bands) if (compareVersion(version, parseVersion(b.from)!) >= 0) fact = b.fact;
  // ALGORITHM=INSTANT exists from MySQL 8.0.12 (MariaDB 10.3.7); before, metadata changes are INPLACE.
  if (fact.algorithm === 'INSTANT' && engine !== 'mariadb' && compareVersion(version, { major: 8, minor: 0, patch: 12 }) < 0) fact = { ...fact, algorithm: 'INPLACE' };
  return fact;
}

/**
 * MySQL 8.0.29 is the release whose INSTANT ADD/DROP COLUMN row format can corrupt tables in crash
 * recovery (8.0.30 release notes): there, INSTANT column changes are to be avoided.
 */
export function hasInstantColumnDefect(engine: Engine, version: Version): boolean {
  return engine === 'mysql' && version.major === 8 && version.minor === 0 && version.patch === 29;
}

const RANK: Record<DdlAlgorithm, number> = { INSTANT: 0, INPLACE: 1, COPY: 2 };

/** Several operations in one ALTER TABLE run together: the statement is as slow as its slowest part. */
export function combineFacts(facts: readonly DdlFact[]): DdlFact | undefined {
  if (facts.length === 0) return undefined;
  return facts.reduce((a, b) => ({
    algorithm: RANK[b.algorithm] > RANK[a.algorithm] ? b.algorithm : a.algorithm,
    dml: a.dml && b.dml,
    rebuild: a.rebuild || b.rebuild,
  }));
}

/** Does the server accept `ALGORITHM=<requested>` for an operation whose best algorithm is `best`? */
export function algorithmSupported(requested: string, best: DdlAlgorithm, engine: Engine): boolean {
  switch (requested) {
    case 'instant':
      return best === 'INSTANT';
    case 'inplace':
      return best !== 'COPY';
    // MariaDB's NOCOPY: INPLACE without a rebuild (or better); checked by the caller with `rebuild`.
    case 'nocopy':
      return engine === 'mariadb' && best !== 'COPY';
    default:
      return true;
  }
}
