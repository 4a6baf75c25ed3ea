import path from 'node:path';
import type { Engine } from '../core/types.js';
import { isFile, listDir, readIfExists } from './fs-helpers.js';
import { wholeFile } from './golang-migrate.js';
import type { MigrationFile, MigrationSet } from './types.js';

export const PRISMA_DIR = /^(\d+)_(.*)$/;

const PROVIDERS: Record<string, Engine | undefined> = { postgresql: 'postgres', postgres: 'postgres', cockroachdb: 'postgres', mysql: 'mysql' };

/** Whether `dir` is a Prisma `migrations` folder: `migration_lock.toml`, or `<timestamp>_<name>/migration.sql` folders. */
export function isPrismaMigrationsDir(dir: string): boolean {
  if (isFile(path.join(dir, 'migration_lock.toml'))) return true;
  return listDir(dir).some((n) => PRISMA_DIR.test(n) && isFile(path.join(dir, n, 'migration.sql')));
}

/** Engine from `migration_lock.toml` (`provider = "postgresql"`), else from `schema.prisma`'s datasource. */
export function prismaEngine(dir: string): Engine | undefined {
  const lock = readIfExists(path.join(dir, 'migration_lock.toml'));
  const fromLock = lock && /provider\s*=\s*"(\w+)"/.exec(lock)?.[1];
  if (fromLock) return PROVIDERS[fromLock];
  for (const candidate of [path.join(dir, '..', 'schema.prisma'), path.join(dir, '..', 'prisma', 'schema.prisma')]) {
    const schema = readIfExists(candidate);
    const m = schema && /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(schema);
    if (m) return PROVIDERS[m[1]];
  }
  return undefined;
}

/**
 * Prisma Migrate: `migrations/<timestamp>_<name>/migration.sql`, applied in folder-name order. No
 * down migrations. The schema engine sends each script with one `simple_query` (prisma-engines,
 * sql-schema-connector postgres `apply_migration_script`), so PostgreSQL runs a script of several
 * statements as one implicit transaction, and a lone statement on its own.
 */
export function loadPrismaSet(root: string): MigrationSet {
  const dirs = listDir(root).filter((n) => PRISMA_DIR.test(n) && isFile(path.join(root, n, 'migration.sql')));
  dirs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: MigrationFile[] = dirs.map((d) => {
    const m = PRISMA_DIR.exec(d)!;
    return { path: path.join(root, d, 'migration.sql'), role: 'up', version: m[1], description: m[2], toolTransaction: false, segments: (text) => [wholeFile(text, 'up')] };
  });
  return { root, tool: 'prisma', engine: prismaEngine(root), files, downs: 'none', evidence: isFile(path.join(root, 'migration_lock.toml')) ? `${path.join(root, 'migration_lock.toml')}` : '<timestamp>_<name>/migration.sql folders' };
}
