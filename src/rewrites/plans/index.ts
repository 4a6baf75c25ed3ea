import { UsageError } from '../../core/errors.js';
import type { Plan, PlanInput, PlanKind, TableFacts } from './types.js';
import { renameColumnPlan } from './rename-column.js';
import { renameTablePlan } from './rename-table.js';
import { changeTypePlan } from './change-type.js';
import { addNotNullPlan } from './add-not-null.js';
import { addForeignKeyPlan } from './add-foreign-key.js';
import { addIndexPlan, addUniquePlan } from './add-index.js';
import { splitTablePlan } from './split-table.js';
import { backfillPlan } from './backfill.js';

export type { Plan, Phase, PlanInput, PlanKind, TableFacts } from './types.js';
export { defaultBatch } from './types.js';

export const planBuilders: Record<PlanKind, (input: PlanInput) => Plan> = {
  'rename-column': renameColumnPlan,
  'rename-table': renameTablePlan,
  'change-type': changeTypePlan,
  'add-not-null': addNotNullPlan,
  'add-foreign-key': addForeignKeyPlan,
  'add-unique': addUniquePlan,
  'add-index': addIndexPlan,
  'split-table': splitTablePlan,
  backfill: backfillPlan,
};

export { planKindNames as planKinds } from './kinds.js';
import { planKindNames } from './kinds.js';

/**
 * Builds the plan. PostgreSQL plans parse their own SQL to describe locks, so the caller must have
 * awaited `initParser('postgres')`. Tables whose primary key had to be guessed get a note.
 */
export function buildPlan(kind: string, input: PlanInput): Plan {
  const builder = planBuilders[kind as PlanKind];
  if (!builder) throw new UsageError(`Unknown change "${kind}". Known: ${planKindNames.join(', ')}.`);
  const guessed = new Set<string>();
  const plan = builder({
    ...input,
    table: (name) => {
      const facts: TableFacts & { guessed?: boolean } = input.table(name);
      if (facts.guessed) guessed.add(`${name} (${facts.pk} ${facts.pkType})`);
      return facts;
    },
  });
  const batched = plan.phases.some((p) => /backfill/.test(p.slug)) || plan.kind === 'split-table';
  if (guessed.size && batched) plan.notes.push(`Primary key assumed for ${[...guessed].join(', ')}: the migration history did not say. Pass --pk and --pk-type if that is wrong.`);
  return plan;
}
