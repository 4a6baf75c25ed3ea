import type { AnyRule } from '../types.js';
import { addColumnRewrite } from './add-column-rewrite.js';
import { addExclusionConstraint } from './add-exclusion-constraint.js';
import { addPrimaryKey } from './add-primary-key.js';
import { addRequiredColumn } from './add-required-column.js';
import { addUniqueConstraint } from './add-unique-constraint.js';
import { attachPartitionScan } from './attach-partition-scan.js';
import { changeColumnType } from './change-column-type.js';
import { banChar } from './ban-char.js';
import { identifierTooLong } from './identifier-too-long.js';
import { preferBigint } from './prefer-bigint.js';
import { preferIdentity } from './prefer-identity.js';
import { preferJsonb } from './prefer-jsonb.js';
import { preferRobustStatements } from './prefer-robust-statements.js';
import { preferText } from './prefer-text.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { concurrentIndexIfNotExists } from './concurrent-index-if-not-exists.js';
import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { constraintNotValid } from './constraint-not-valid.js';
import { domainConstraint } from './domain-constraint.js';
import { dropDatabase } from './drop-database.js';
import { enumValueInTransaction } from './enum-value-in-transaction.js';
import { requireConcurrentDetachPartition } from './require-concurrent-detach-partition.js';
import { requireConcurrentDropIndex } from './require-concurrent-drop-index.js';
import { requireConcurrentIndex } from './require-concurrent-index.js';
import { requireConcurrentReindex } from './require-concurrent-reindex.js';
import { requireLockTimeout } from './require-lock-timeout.js';
import { requireStatementTimeout } from './require-statement-timeout.js';
import { setNotNull } from './set-not-null.js';
import { slowStatementUnderLock } from './slow-statement-under-lock.js';
import { tableRewrite } from './table-rewrite.js';
import { transactionNesting } from './transaction-nesting.js';
import { truncateTable } from './truncate-table.js';
import { validateInSameTransaction } from './validate-in-same-transaction.js';

/** PostgreSQL-only rules. */
export const postgresRules: AnyRule[] = [
  requireConcurrentIndex,
  constraintNotValid,
  setNotNull,
  addColumnRewrite,
  requireLockTimeout,
  // locks, rewrites and scans
  requireConcurrentDropIndex,
  requireConcurrentReindex,
  requireConcurrentDetachPartition,
  concurrentlyInTransaction,
  concurrentIndexIfNotExists,
  transactionNesting,
  truncateTable,
  dropDatabase,
  validateInSameTransaction,
  addRequiredColumn,
  changeColumnType,
  addUniqueConstraint,
  addPrimaryKey,
  addExclusionConstraint,
  tableRewrite,
  enumValueInTransaction,
  attachPartitionScan,
  domainConstraint,
  slowStatementUnderLock,
  requireStatementTimeout,
  // type hygiene (preset `strict` only)
  preferJsonb,
  preferText,
  preferTimestamptz,
  preferBigint,
  preferIdentity,
  banChar,
  preferRobustStatements,
  identifierTooLong,
];
