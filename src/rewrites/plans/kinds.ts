import type { PlanKind } from './types.js';

/** The plan names, without loading the builders (the CLI lists them at start-up). */
export const planKindNames: PlanKind[] = ['rename-column', 'rename-table', 'change-type', 'add-not-null', 'add-foreign-key', 'add-unique', 'add-index', 'split-table', 'backfill'];
