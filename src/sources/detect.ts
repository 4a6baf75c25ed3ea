import path from 'node:path';
import { ALEMBIC_MARKER, loadAlembicSet } from './alembic.js';
import { DBMATE_MARKER_TEST, loadDbmateSet } from './dbmate.js';
import { DIESEL_DIR, isDieselMigrationsDir, loadDieselSet } from './diesel.js';
import { FLYWAY_CALLBACK, FLYWAY_REPEATABLE, FLYWAY_VERSIONED, findFlywayConfig, loadFlywaySet } from './flyway.js';
import { isFile, listDir, readHead } from './fs-helpers.js';
import { GOLANG_MIGRATE_NAME, loadGolangMigrateSet } from './golang-migrate.js';
import { knexSettingsForDir } from './knex/knexfile.js';
import { loadKnexSet } from './knex/set.js';
import { LIQUIBASE_HEADER, loadLiquibaseSqlSet } from './liquibase-sql.js';
import { findChangelogMaster, loadChangelogSet } from './liquibase/changelog-set.js';
import { CHANGELOG_DOCUMENT, isChangelogDocument } from './liquibase/sniff.js';
import { loadPlainSet } from './plain.js';
import { loadPopSet, looksLikePop, popDialectOf } from './pop.js';
import { PRISMA_DIR, isPrismaMigrationsDir, loadPrismaSet } from './prisma.js';
import { findSqitchRoot, loadSqitchSet } from './sqitch.js';
import type { MigrationSet, ToolName } from './types.js';

export { TOOL_NAMES } from './tool-names.js';

/** Where a file's set lives and how to load it; `key` identifies the set in caches. */
interface Located {
  key: string;
  load: () => MigrationSet;
}

/** The tool a flat directory of `.sql` files belongs to, from names first, then a peek at contents. */
export function detectDirTool(dir: string): ToolName {
  const names = listDir(dir).filter((n) => n.endsWith('.sql'));
  if (names.some((n) => GOLANG_MIGRATE_NAME.test(n))) return looksLikePop(names) ? 'pop' : 'golang-migrate';
  if (looksLikePop(names)) return 'pop';
  // Peek at a few files: the formats below are only visible inside.
  for (const n of names.slice(0, 25)) {
    const head = readHead(path.join(dir, n), 4096);
    if (LIQUIBASE_HEADER.test(head)) return 'liquibase';
    if (DBMATE_MARKER_TEST.test(head)) return 'dbmate';
    if (ALEMBIC_MARKER.test(head)) return 'alembic';
  }
  const flywayNames = names.filter((n) => FLYWAY_VERSIONED.test(n) || FLYWAY_REPEATABLE.test(n) || FLYWAY_CALLBACK.test(n)).length;
  if (flywayNames > 0 && flywayNames * 2 >= names.length) return 'flyway';
  const conf = findFlywayConfig(dir);
  if (conf?.locations.some((l) => path.resolve(l) === path.resolve(dir))) return 'flyway';
  return 'plain';
}

const KNEX_SOURCE = /\.[cm]?[jt]s$/;

function locate(filePath: string, forced: ToolName | undefined, memo: Map<string, boolean>): Located {
  const abs = path.resolve(filePath);
  const dir = path.dirname(abs);
  const name = path.basename(abs);
  const parent = path.dirname(dir);
  const byTool = (tool: ToolName): Located | undefined => {
    switch (tool) {
      case 'sqitch': {
        const root = findSqitchRoot(dir);
        return root ? { key: `sqitch:${root}`, load: () => loadSqitchSet(root) } : undefined;
      }
      case 'prisma':
        return name === 'migration.sql' && PRISMA_DIR.test(path.basename(dir)) ? { key: `prisma:${parent}`, load: () => loadPrismaSet(parent) } : { key: `prisma:${dir}`, load: () => loadPrismaSet(dir) };
      case 'diesel':
        return (name === 'up.sql' || name === 'down.sql') ? { key: `diesel:${parent}`, load: () => loadDieselSet(parent) } : { key: `diesel:${dir}`, load: () => loadDieselSet(dir) };
      case 'pop': {
        const dialect = popDialectOf(name);
        return { key: `pop:${dir}:${dialect ?? ''}`, load: () => loadPopSet(dir, dialect) };
      }
      case 'golang-migrate':
        return { key: `golang-migrate:${dir}`, load: () => loadGolangMigrateSet(dir) };
      case 'dbmate':
        return { key: `dbmate:${dir}`, load: () => loadDbmateSet(dir) };
      case 'liquibase': {
        // A master changelog that includes the file decides the order; else the folder, alphabetically.
        const master = findChangelogMaster(abs);
        return master ? { key: `liquibase:${master}`, load: () => loadChangelogSet(master) } : { key: `liquibase:${dir}`, load: () => loadLiquibaseSqlSet(dir) };
      }
      case 'alembic':
        return { key: `alembic:${dir}`, load: () => loadAlembicSet(dir) };
      case 'flyway': {
        const config = findFlywayConfig(dir);
        const inLocation = config?.locations.find((l) => !path.relative(l, dir).startsWith('..'));
        const root = inLocation ?? dir;
        return { key: `flyway:${root}`, load: () => loadFlywaySet(dir, config) };
      }
      case 'knex': {
        const settings = knexSettingsForDir(dir);
        return settings ? { key: `knex:${settings.knexfile}`, load: () => loadKnexSet(settings) } : undefined;
      }
      case 'plain':
        return { key: `plain:${dir}`, load: () => loadPlainSet(dir) };
    }
  };
  if ((!forced || forced === 'liquibase') && CHANGELOG_DOCUMENT.test(name) && isChangelogDocument(abs)) {
    const master = findChangelogMaster(abs) ?? abs;
    return { key: `liquibase:${master}`, load: () => loadChangelogSet(master) };
  }
  if (forced) return byTool(forced) ?? byTool('plain')!;
  // JavaScript/TypeScript in a directory a knexfile names: Knex migrations.
  if (KNEX_SOURCE.test(name)) {
    const knex = byTool('knex');
    if (knex) return knex;
  }
  // Layouts recognised from the folders around the file.
  if (['deploy', 'revert', 'verify'].some((d) => abs.includes(`${path.sep}${d}${path.sep}`))) {
    const sqitch = byTool('sqitch');
    if (sqitch) return sqitch;
  }
  // Prisma and diesel keep one folder per migration: check their parent once, not once per file.
  const once = (key: string, check: () => boolean) => memo.get(key) ?? (memo.set(key, check()), memo.get(key)!);
  if (name === 'migration.sql' && PRISMA_DIR.test(path.basename(dir)) && once(`prisma:${parent}`, () => isPrismaMigrationsDir(parent))) return byTool('prisma')!;
  if ((name === 'up.sql' || name === 'down.sql') && DIESEL_DIR.test(path.basename(dir)) && once(`diesel:${parent}`, () => isDieselMigrationsDir(parent))) return byTool('diesel')!;
  return byTool(detectDirTool(dir))!;
}

/**
 * The migration set a file belongs to, recognised from its layout (or the tool the config forces).
 * Sets are cached by their root, so every file of a directory shares one set.
 */
export function findMigrationSetFor(filePath: string, cache: Map<string, MigrationSet>, forced?: ToolName): MigrationSet {
  // Detection reads the directory: do it once per directory (and file-name shape) for this cache.
  let byDir = locatedCache.get(cache);
  if (!byDir) locatedCache.set(cache, (byDir = new Map()));
  let memo = layoutCache.get(cache);
  if (!memo) layoutCache.set(cache, (memo = new Map()));
  const abs = path.resolve(filePath);
  const shape = `${forced ?? ''}|${path.dirname(abs)}|${popDialectOf(path.basename(abs)) ?? ''}|${/^(up|down|migration)\.sql$/.test(path.basename(abs)) ? path.basename(abs) : ''}|${CHANGELOG_DOCUMENT.test(abs) ? 'doc' : ''}`;
  let located = byDir.get(shape);
  if (!located) byDir.set(shape, (located = locate(abs, forced, memo)));
  let set = cache.get(located.key);
  if (!set) {
    set = located.load();
    cache.set(located.key, set);
  }
  return set;
}

const locatedCache = new WeakMap<Map<string, MigrationSet>, Map<string, Located>>();
const layoutCache = new WeakMap<Map<string, MigrationSet>, Map<string, boolean>>();

/** True when `dir` itself is a migration folder root of a tool recognised by its layout. */
export function layoutRootTool(dir: string): ToolName | undefined {
  if (isFile(path.join(dir, 'sqitch.plan'))) return 'sqitch';
  if (isPrismaMigrationsDir(dir)) return 'prisma';
  if (isDieselMigrationsDir(dir)) return 'diesel';
  return undefined;
}
