import type { AnyRule } from '../types.js';
import { byteOrderMark } from './byte-order-mark.js';
import { downDoesNotRevert } from './down-does-not-revert.js';
import { downMigrationInvalid } from './down-migration-invalid.js';
import { irreversibleMigration } from './irreversible-migration.js';
import { missingDownMigration } from './missing-down-migration.js';
import { nonDescriptiveName } from './non-descriptive-name.js';

/** Rules over a whole migration and its rollback, using what the migration tool says about the file. */
export const migrationRules: AnyRule[] = [missingDownMigration, downMigrationInvalid, downDoesNotRevert, irreversibleMigration, nonDescriptiveName, byteOrderMark];
