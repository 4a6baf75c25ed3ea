import type { AnyRule } from '../types.js';
import { mysqlBlockingDdl } from './mysql-blocking-ddl.js';
import { mysqlDdlNotTransactional } from './mysql-ddl-not-transactional.js';
import { mysqlInstant8029 } from './mysql-instant-8029.js';
import { mysqlInvalidAlgorithm } from './mysql-invalid-algorithm.js';
import { mysqlRequireAlgorithm } from './mysql-require-algorithm.js';
import { mysqlTableCopy } from './mysql-table-copy.js';
import { mysqlTableRebuild } from './mysql-table-rebuild.js';

/** MySQL/MariaDB-only rules (online DDL by server version). */
export const mysqlRules: AnyRule[] = [
  mysqlTableCopy,
  mysqlTableRebuild,
  mysqlBlockingDdl,
  mysqlRequireAlgorithm,
  mysqlInvalidAlgorithm,
  mysqlDdlNotTransactional,
  mysqlInstant8029,
];
