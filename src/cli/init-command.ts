import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { describeSet, findProjectMigrationSets } from '../sources/project.js';
import type { CliIo } from './main.js';
import type { Engine } from '../core/types.js';
import { detectEngineFromSql } from '../parsers/mysql/detect.js';
import type { MigrationSet } from '../sources/types.js';

/**
 * `migrasafe init`: finds the project's migration directories and writes migrasafe.config.json:
 * for one directory its path, engine and tool; for several, one `databases` entry each (a
 * monorepo of services). Never overwrites an existing configuration without --force.
 */
export function runInit(args: { force: boolean }, io: CliIo): number {
  const existing = CONFIG_FILE_NAMES.map((n) => path.join(io.cwd, n)).find((f) => existsSync(f));
  if (existing && !args.force) throw new UsageError(`${path.relative(io.cwd, existing)} already exists; use --force to overwrite it.`);
  const sets = findProjectMigrationSets(io.cwd);
  if (sets.length === 0) throw new UsageError('No migration directory found under this directory. Write migrasafe.config.json by hand with "paths" (see docs/tools/).');
  const rel = (dir: string) => path.relative(io.cwd, dir).split(path.sep).join('/') || '.';
  const engineOf = (set: MigrationSet) => set.engine ?? sqlEngine(set);
  let config: Record<string, unknown>;
  if (sets.length > 1) {
    // Several migration directories: one database entry each, with its own tool and engine.
    const names = databaseNames(sets.map((s) => rel(s.root)));
    config = {
      extends: 'recommended',
      databases: sets.map((s, i) => ({
        name: names[i],
        paths: [rel(s.root)],
        ...(engineOf(s) ? { engine: engineOf(s) } : {}),
        ...(s.tool !== 'plain' ? { tool: s.tool } : {}),
        ...toolOptionsOf(s),
      })),
    };
  } else {
    const set = sets[0];
    config = { extends: 'recommended', engine: engineOf(set) ?? 'postgres', paths: [rel(set.root)], ...(set.tool !== 'plain' ? { tool: set.tool } : {}), ...toolOptionsOf(set) };
  }
  const file = existing ?? path.join(io.cwd, 'migrasafe.config.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  for (const s of sets) io.stdout(`found ${describeSet(s, io.cwd, { engine: engineOf(s) ?? 'postgres', engineFrom: s.engine ? 'tool' : engineOf(s) ? 'sql' : 'default' })}\n`);
  if (sets.length > 1) io.stdout(`wrote one "databases" entry per directory; add each one's "sources" (the application code that uses it) for the release rules.\n`);
  io.stdout(`wrote ${path.relative(io.cwd, file)}\n`);
  // Running project code stays the user's decision: say how, never switch it on.
  if (sets.some((s) => s.files.some((f) => f.load))) io.stdout(`Knex migrations are JavaScript/TypeScript: linting them runs them with Knex in a recording mode (no database connection). To allow it, add "allowJs": true to ${path.relative(io.cwd, file)} or pass --allow-js (docs/tools/knex.md).\n`);
  return 0;
}

/** golang-migrate run with x-multi-statement (found in a Makefile, compose file, .env or CI): said in the config. */
function toolOptionsOf(set: MigrationSet): Record<string, unknown> {
  return set.multiStatement?.enabled ? { toolOptions: { multiStatement: true } } : {};
}

/** The engine a set's SQL is written for, when its tool does not say (MySQL syntax). */
function sqlEngine(set: MigrationSet): Engine | undefined {
  for (const f of set.files.filter((f) => f.role === 'up').slice(0, 20)) {
    try {
      const found = detectEngineFromSql(readFileSync(f.path, 'utf8'));
      if (found) return found;
    } catch {
      // unreadable: try the next file
    }
  }
  return undefined;
}

const GENERIC_DIRS = new Set(['.', 'db', 'database', 'databases', 'migrations', 'migration', 'migrate', 'sql', 'schema', 'changelog', 'changelogs', 'src', 'main', 'resources', 'deploy', 'prisma', 'flyway', 'liquibase']);

/** A short unique name per directory: its most specific non-generic path segment. */
export function databaseNames(dirs: string[]): string[] {
  const names = dirs.map((d) => {
    const parts = d.split('/').filter((p) => !GENERIC_DIRS.has(p.toLowerCase()));
    return (parts[parts.length - 1] ?? d.replace(/[^A-Za-z0-9_.-]+/g, '-')).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'db';
  });
  return names.map((n, i) => (names.indexOf(n) === i && names.lastIndexOf(n) === i ? n : dirs[i].replace(/[^A-Za-z0-9_.-]+/g, '-')));
}
