import type { AnyRule } from '../types.js';
import { mysqlBlockingDdl } from './blocking-ddl.js';
import { mysqlDdlNotTransactional } from './ddl-not-transactional.js';
import { mysqlInstant8029 } from './instant-8029.js';
import { mysqlInvalidAlgorithm } from './invalid-algorithm.js';
import { mysqlRequireAlgorithm } from './require-algorithm.js';
import { mysqlTableCopy } from './table-copy.js';
import { mysqlTableRebuild } from './table-rebuild.js';

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
