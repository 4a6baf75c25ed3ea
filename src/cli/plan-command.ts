import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Engine } from '../core/types.js';
import { parseVersion } from '../engines/version.js';
import { configFor, replayFile } from '../lint/lint-files.js';
import { initParser } from '../parsers/index.js';
import { buildPlan, defaultBatch } from '../rewrites/plans/index.js';
import { renderPlanJson, renderPlanText } from '../rewrites/plans/render.js';
import { tableFacts } from '../rewrites/plans/table-facts.js';
import { planFiles, writePlanFiles } from '../rewrites/plans/write.js';
import { Catalog } from '../schema/replay.js';
import { findMigrationSet } from '../sources/find-set.js';
import { findProjectMigrationSets } from '../sources/project.js';
import type { MigrationSet, ToolName } from '../sources/types.js';
import type { CliIo } from './main.js';

export interface PlanArgs {
  change: string;
  args?: string[];
  engine?: Engine;
  targetVersion?: string;
  config?: string;
  dir?: string;
  write: boolean;
  format: string;
  type?: string;
  pk?: string;
  pkType?: string;
  default?: string;
  columns?: string;
  into?: string;
  set?: string;
  where?: string;
  delete?: boolean;
  alias?: string;
  addColumn?: boolean;
  name?: string;
  batchSize?: number;
  pause?: number;
  maxLag?: number;
  trigger: boolean;
}

/**
 * The migration set of `dir` as its tool adapter sees it: a set rooted there (or the first one
 * below it: Prisma and diesel keep one directory per migration), else the directory as it is.
 */
function migrationSetOf(dir: string, tool: ToolName | undefined, engine: Engine): MigrationSet {
  const sets = existsSync(dir) ? findProjectMigrationSets(dir, tool, 3) : [];
  const found = sets.find((s) => path.resolve(s.root) === path.resolve(dir)) ?? sets[0];
  // pop keeps several dialects side by side: the plan's engine picks its files (and its file names).
  if (found?.tool === 'pop') return findMigrationSet(path.join(found.root, `0_plan.${engine === 'postgres' ? 'postgres' : 'mysql'}.up.sql`), new Map(), tool);
  if (found) return found;
  // Migrations that are code (Knex) are recognised from one of them; an empty directory is plain.
  const first = existsSync(dir) ? readdirSync(dir).sort().find((n) => statSync(path.join(dir, n)).isFile()) : undefined;
  return findMigrationSet(path.join(dir, first ?? 'migrasafe.sql'), new Map(), tool);
}

/** Replays the migration directory's history into a catalog, so plans know column types and keys. */
function schemaOf(dir: string | undefined, io: CliIo, args: PlanArgs) {
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const config = configFor(path.join(dir, 'migrasafe.sql'), { cwd: io.cwd, configFile: args.config, overrides: { engine: args.engine, targetVersion: args.targetVersion } });
  const catalog = new Catalog(true);
  const set = migrationSetOf(dir, config.tool, config.engine);
  for (const f of set.files) {
    if (f.role !== 'up' && f.role !== 'repeatable') continue;
    replayFile(readFileSync(f.path, 'utf8'), config, catalog, f);
  }
  return catalog;
}

function positive(n: number | undefined, flag: string, fallback: number): number {
  if (n === undefined) return fallback;
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} expects a non-negative number, got ${n}.`);
  return n;
}

export async function runPlan(args: PlanArgs, io: CliIo): Promise<number> {
  const config = configFor(path.join(io.cwd, 'migrasafe.sql'), { cwd: io.cwd, configFile: args.config, overrides: { engine: args.engine, targetVersion: args.targetVersion } });
  const engine = config.engine;
  const version = parseVersion(config.targetVersion)!;
  const dirArg = args.dir ?? (config.paths[0] ? path.resolve(config.root, config.paths[0]) : undefined);
  const dir = dirArg ? path.resolve(io.cwd, dirArg) : undefined;
  if (args.write && !dir) throw new UsageError('--write needs the migration directory: give --dir <directory> (or "paths" in the configuration).');
  await initParser(engine);
  if (engine !== 'postgres') await initParser('postgres');
  const schema = schemaOf(dir, io, args);
  const batchSize = positive(args.batchSize, '--batch-size', defaultBatch.batchSize);
  if (batchSize < 1) throw new UsageError('--batch-size must be at least 1.');
  const plan = buildPlan(args.change, {
    engine,
    version,
    args: args.args ?? [],
    type: args.type,
    default: args.default,
    columns: args.columns?.split(',').map((c) => c.trim()).filter(Boolean),
    into: args.into,
    set: args.set,
    where: args.where,
    delete: args.delete,
    addColumn: args.addColumn,
    alias: args.alias,
    name: args.name,
    trigger: args.trigger,
    batch: { batchSize: Math.floor(batchSize), pause: positive(args.pause, '--pause', defaultBatch.pause), maxLag: positive(args.maxLag, '--max-lag', defaultBatch.maxLag) },
    table: (name) => tableFacts(schema, engine, name, { pk: args.pk, pkType: args.pkType }),
  });
  if (args.write) {
    const set = migrationSetOf(dir!, config.tool, engine);
    let planned;
    try {
      planned = planFiles(plan, set);
    } catch (error) {
      throw error instanceof UsageError ? error : new UsageError(`--write: ${(error as Error).message}.`);
    }
    writePlanFiles(planned.files);
    const list = planned.files.map((f) => `  ${path.relative(io.cwd, f.path)}${f.append ? ' (appended)' : ''}`).join('\n');
    io.stdout(`Wrote ${planned.files.length} files (${set.tool}) for: ${plan.title}\n${list}\n`);
    for (const n of planned.notes) io.stdout(`${n}\n`);
    io.stdout('Application deploys and checks between them are in each file header; run `migrasafe plan` without --write to see the whole sequence.\n');
    return 0;
  }
  io.stdout(args.format === 'json' ? renderPlanJson(plan) : renderPlanText(plan));
  return 0;
}
