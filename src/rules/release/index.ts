import type { AnyRule } from '../types.js';
import { contractWithCodeChange } from './contract-with-code-change.js';
import { droppedObjectStillReferenced } from './dropped-object-still-referenced.js';
import { expandAndContractSameRelease } from './expand-and-contract-same-release.js';
import { migrationOrder } from './migration-order.js';
import { modifiedAppliedMigration } from './modified-applied-migration.js';

/** Rules over a whole release (the migration files this deploy ships, with the git diff). */
export const releaseRules: AnyRule[] = [modifiedAppliedMigration, contractWithCodeChange, droppedObjectStillReferenced, expandAndContractSameRelease, migrationOrder];
