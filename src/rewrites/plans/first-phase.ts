import type { Engine, Suggestion } from '../../core/types.js';
import type { Version } from '../../engines/version.js';
import type { SchemaView } from '../../schema/catalog.js';
import { buildPlan } from './index.js';
import { tableFacts } from './table-facts.js';
import { defaultBatch, type PlanKind } from './types.js';

export interface PlanRequest {
  engine: Engine;
  version: Version;
  /** Positional arguments, as on the command line: `['users.email', 'email_address']`. */
  args: string[];
  /** Flags, as on the command line without dashes: `{ default: "'x'", set: 'a = b', where: '...' }`. */
  flags?: Partial<Record<'type' | 'default' | 'set' | 'where' | 'columns' | 'into' | 'name', string>>;
  /** The schema just before the statement, for column types and the primary key. */
  schema?: SchemaView;
}

function shellQuote(value: string): string {
  return /^[\w.,:=@/-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The `migrasafe plan ...` command line that prints the whole sequence. */
export function planCommandLine(kind: PlanKind, req: Pick<PlanRequest, 'args' | 'flags'>): string {
  const flags = Object.entries(req.flags ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `--${k} ${shellQuote(v!)}`);
  return ['migrasafe plan', kind, ...req.args.map(shellQuote), ...flags].join(' ');
}

/**
 * For rules whose safe form is a multi-phase change: the first migration of the plan as a
 * suggestion (with the user's names, types from the schema) and the command that prints the rest.
 * The suggestion is omitted when the plan cannot be built from what the schema knows (an unknown
 * column type, say); the command is always given. PostgreSQL plans parse their own SQL to describe
 * locks, so the PostgreSQL parser must be loaded (it is, while linting PostgreSQL).
 */
export function firstPhase(kind: PlanKind, req: PlanRequest): { planCommand: string; suggestion?: Suggestion } {
  const planCommand = planCommandLine(kind, req);
  try {
    const f = req.flags ?? {};
    const plan = buildPlan(kind, {
      engine: req.engine,
      version: req.version,
      args: req.args,
      type: f.type,
      default: f.default,
      set: f.set,
      where: f.where,
      into: f.into,
      name: f.name,
      columns: f.columns?.split(','),
      trigger: true,
      batch: defaultBatch,
      table: (name) => tableFacts(req.schema, req.engine, name),
    });
    const index = plan.phases.findIndex((p) => p.kind === 'migration');
    if (index < 0) return { planCommand };
    const phase = plan.phases[index];
    const migrations = plan.phases.filter((p) => p.kind === 'migration').length;
    const header = [
      `-- Step ${index + 1} of ${plan.phases.length} (${migrations} migrations): ${phase.title}`,
      ...(phase.transaction || req.engine !== 'postgres' ? [] : ['-- Must run outside a transaction, as its own migration.']),
      `-- The rest, each its own deploy: ${planCommand}`,
    ];
    return { planCommand, suggestion: { title: `First migration of the safe sequence: ${phase.title}`, sql: `${header.join('\n')}\n${phase.up}` } };
  } catch {
    return { planCommand };
  }
}
