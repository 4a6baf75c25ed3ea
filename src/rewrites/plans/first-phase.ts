import type { Engine } from '../../core/types.js';
import type { Version } from '../../engines/version.js';
import type { SchemaView } from '../../schema/catalog.js';
import { planCommandLine, type PlanRef } from './command-line.js';
import { tableFacts } from './table-facts.js';
import { defaultBatch, type Phase, type TableFacts } from './types.js';
import type { Plan, PlanInput } from './types.js';

export type PlanBuilder = (input: PlanInput) => Plan;

export { planCommandLine, type PlanFlags, type PlanRef } from './command-line.js';

export interface PlanRequest extends PlanRef {
  engine: Engine;
  version: Version;
  /** The schema just before the statement, for column types and the primary key. */
  schema?: SchemaView;
  /** Or what it said about the tables, taken when the finding was made (the catalog has moved on since). */
  facts?: Record<string, TableFacts & { guessed?: boolean }>;
}

export interface FirstPhase {
  planCommand: string;
  /** The first migration phase, with its position in the plan. */
  phase: Phase;
  step: number;
  steps: number;
  migrations: number;
  /** Comments naming the step and the command that writes the rest. */
  header: string;
  /** The header, then the phase's up SQL (in the target version's online form). */
  sql: string;
}

/**
 * For rules whose safe form is a multi-phase change: the first migration of the plan (with the
 * user's names, types and key from the schema) and the command that prints the rest. Undefined when
 * the plan cannot be built from what the schema knows (an unknown column type, say). `build` is
 * the plan's builder (index.ts). PostgreSQL plans parse their own SQL to know the
 * transaction mode, so the PostgreSQL parser must be loaded.
 */
export function firstPhase(req: PlanRequest, build: PlanBuilder): FirstPhase | undefined {
  const planCommand = planCommandLine(req);
  let plan;
  try {
    const f = req.flags ?? {};
    plan = build({
      engine: req.engine,
      version: req.version,
      args: req.args,
      type: f.type,
      default: f.default,
      set: f.set,
      where: f.where,
      delete: f.delete,
      addColumn: f['add-column'],
      alias: f.alias,
      into: f.into,
      name: f.name,
      columns: f.columns?.split(','),
      trigger: true,
      batch: defaultBatch,
      table: (name) => req.facts?.[name] ?? tableFacts(req.schema, req.engine, name),
    });
  } catch {
    return undefined;
  }
  const step = plan.phases.findIndex((p) => p.kind === 'migration');
  if (step < 0) return undefined;
  const phase = plan.phases[step];
  const migrations = plan.phases.filter((p) => p.kind === 'migration').length;
  // Said once: the batched backfill's own comments already say it.
  const outside = !phase.transaction && req.engine === 'postgres' && !/outside a transaction/i.test(phase.up);
  const header = [
    `-- Step ${step + 1} of ${plan.phases.length} of the safe sequence (${migrations > 1 ? `${migrations} migrations, each its own deploy` : '1 migration'}): ${phase.title}`,
    ...(outside ? ['-- Must run outside a transaction, as its own migration.'] : []),
    `-- The rest: ${planCommand}`,
  ];
  return { planCommand, phase, step, steps: plan.phases.length, migrations, header: header.join('\n'), sql: `${header.join('\n')}\n${phase.up}` };
}
