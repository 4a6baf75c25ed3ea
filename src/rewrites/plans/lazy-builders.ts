import type { Plan, PlanInput, PlanKind } from './types.js';

export type PlanBuilder = (input: PlanInput) => Plan;

/**
 * Each plan's builder, loaded on its own: a finding's first-phase suggestion loads only the plan
 * it needs (index.ts holds them all, for `migrasafe plan`).
 */
export const loadBuilder: Record<PlanKind, () => Promise<PlanBuilder>> = {
  'rename-column': async () => (await import('./rename-column.js')).renameColumnPlan,
  'rename-table': async () => (await import('./rename-table.js')).renameTablePlan,
  'change-type': async () => (await import('./change-type.js')).changeTypePlan,
  'add-not-null': async () => (await import('./add-not-null.js')).addNotNullPlan,
  'add-foreign-key': async () => (await import('./add-foreign-key.js')).addForeignKeyPlan,
  'add-unique': async () => (await import('./add-index.js')).addUniquePlan,
  'add-index': async () => (await import('./add-index.js')).addIndexPlan,
  'split-table': async () => (await import('./split-table.js')).splitTablePlan,
  backfill: async () => (await import('./backfill.js')).backfillPlan,
};
