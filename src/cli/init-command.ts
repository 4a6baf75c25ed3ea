import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { describeSet, findProjectMigrationSets } from '../sources/project.js';
import type { CliIo } from './main.js';

/**
 * `migrasafe init`: finds the project's migration directories and writes migrasafe.config.json
 * with their paths, the engine the tools name and, when every directory uses one tool, that
 * tool. Never overwrites an existing configuration without --force.
 */
export function runInit(args: { force: boolean }, io: CliIo): number {
  const existing = CONFIG_FILE_NAMES.map((n) => path.join(io.cwd, n)).find((f) => existsSync(f));
  if (existing && !args.force) throw new UsageError(`${path.relative(io.cwd, existing)} already exists; use --force to overwrite it.`);
  const sets = findProjectMigrationSets(io.cwd);
  if (sets.length === 0) throw new UsageError('No migration directory found under this directory. Write migrasafe.config.json by hand with "paths" (see docs/tools/).');
  const engines = [...new Set(sets.map((s) => s.engine).filter(Boolean))];
  const tools = [...new Set(sets.map((s) => s.tool))];
  const config: Record<string, unknown> = {
    extends: 'recommended',
    engine: engines.length === 1 ? engines[0] : 'postgres',
    paths: sets.map((s) => path.relative(io.cwd, s.root).split(path.sep).join('/') || '.'),
  };
  // One tool for everything: say so (detection is then skipped); several: let each directory be recognised.
  if (tools.length === 1 && tools[0] !== 'plain') config.tool = tools[0];
  const file = existing ?? path.join(io.cwd, 'migrasafe.config.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  for (const s of sets) io.stdout(`found ${describeSet(s, io.cwd, String(config.engine))}\n`);
  if (engines.length > 1) io.stdout(`note: the directories name several engines (${engines.join(', ')}); the config uses ${String(config.engine)}. Split the config per directory if they differ.\n`);
  io.stdout(`wrote ${path.relative(io.cwd, file)}\n`);
  return 0;
}
