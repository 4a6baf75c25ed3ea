import type { Engine } from '../../core/types.js';
import { parseVersion } from '../../engines/version.js';
import { initParser, parseSource } from '../../parsers/index.js';
import { Catalog } from '../../schema/replay.js';
import { buildPlan } from './index.js';
import { renderPlanText } from './render.js';
import { tableFacts } from './table-facts.js';
import { defaultBatch, type Plan } from './types.js';

/** One example plan (fixtures/plans/cases.json): the golden files and the docs are made from these. */
export interface PlanCase {
  name: string;
  engine: Engine;
  version: string;
  kind: string;
  args: string[];
  flags?: { type?: string; default?: string; columns?: string; into?: string; set?: string; where?: string; pk?: string; pkType?: string; alias?: string; delete?: boolean; addColumn?: boolean };
  /** PostgreSQL DDL replayed into the catalog, as if it were the migration history. */
  schema?: string;
}

/** The plan `migrasafe plan` builds for the case. */
export async function planOfCase(c: PlanCase): Promise<Plan> {
  await initParser('postgres');
  const catalog = new Catalog(true);
  for (const st of parseSource('postgres', c.schema ?? '').statements) for (const op of st.ops) catalog.apply(op, 'before');
  const f = c.flags ?? {};
  return buildPlan(c.kind, {
    engine: c.engine,
    version: parseVersion(c.version)!,
    args: c.args,
    type: f.type,
    default: f.default,
    columns: f.columns?.split(','),
    into: f.into,
    set: f.set,
    where: f.where,
    alias: f.alias,
    delete: f.delete,
    addColumn: f.addColumn,
    trigger: true,
    batch: defaultBatch,
    table: (name) => tableFacts(c.schema ? catalog : undefined, c.engine, name, { pk: f.pk, pkType: f.pkType }),
  });
}

/** The plan text `migrasafe plan` prints for the case. */
export async function planFromCase(c: PlanCase): Promise<string> {
  return renderPlanText(await planOfCase(c));
}
