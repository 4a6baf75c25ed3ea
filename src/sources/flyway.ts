import path from 'node:path';
import type { Engine } from '../core/types.js';
import type { Segment } from '../lint/lint-source.js';
import { compareDotted, isDir, listDir, readIfExists } from './fs-helpers.js';
import { engineFromUrl } from './engine-hints.js';
import type { MigrationFile, MigrationSet } from './types.js';

/** Flyway's default naming: prefix, version, `__` separator, description, `.sql` suffix. */
export const FLYWAY_VERSIONED = /^([VU])(\d[\d._]*?)(?:__(.*))?\.sql$/;
export const FLYWAY_REPEATABLE = /^R__(.+)\.sql$/;

/** Flyway callback events (org.flywaydb.core.api.callback.Event): SQL files with these names are callbacks. */
const CALLBACK_EVENTS = [
  'beforeMigrate', 'beforeRepeatables', 'beforeEachMigrate', 'beforeEachMigrateStatement', 'afterEachMigrateStatement',
  'afterEachMigrateStatementError', 'afterEachMigrate', 'afterEachMigrateError', 'afterMigrate', 'afterMigrateApplied',
  'afterVersioned', 'afterMigrateError', 'beforeUndo', 'beforeEachUndo', 'beforeEachUndoStatement', 'afterEachUndoStatement',
  'afterEachUndoStatementError', 'afterEachUndo', 'afterEachUndoError', 'afterUndo', 'afterUndoError', 'beforeClean',
  'afterClean', 'afterCleanError', 'beforeInfo', 'afterInfo', 'afterInfoError', 'beforeValidate', 'afterValidate',
  'afterValidateError', 'beforeBaseline', 'afterBaseline', 'afterBaselineError', 'beforeRepair', 'afterRepair',
  'afterRepairError', 'createSchema', 'beforeConnect', 'afterConnect', 'beforeEachConnect', 'afterEachConnect',
];
export const FLYWAY_CALLBACK = new RegExp(`^(${CALLBACK_EVENTS.join('|')})(__.*)?\\.sql$`);

/**
 * Statements Flyway's PostgreSQL parser marks as unable to run in a transaction
 * (PostgreSQLParser.detectCanExecuteInTransaction); a migration holding one runs without a
 * transaction (and Flyway refuses to mix them with transactional statements unless `mixed=true`).
 */
const NON_TRANSACTIONAL = [
  /^\s*(CREATE|DROP)\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/im,
  /^\s*REINDEX\b/im,
  /^\s*VACUUM\b/im,
  /^\s*DISCARD\s+ALL\b/im,
  /^\s*ALTER\s+SYSTEM\b/im,
  /^\s*CREATE\s+(DATABASE|TABLESPACE|SUBSCRIPTION)\b/im,
];

export interface FlywayConfig {
  file?: string;
  locations: string[];
  placeholderReplacement: boolean;
  executeInTransaction?: boolean;
  engine?: Engine;
}

const CONFIG_NAMES = ['flyway.toml', 'flyway.conf', path.join('conf', 'flyway.conf')];

/** The nearest flyway.conf / flyway.toml from `dir` upwards (at most `depth` levels). */
export function findFlywayConfig(dir: string, depth = 8): FlywayConfig | undefined {
  let current = path.resolve(dir);
  for (let i = 0; i <= depth; i++) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(current, name);
      const text = readIfExists(file);
      if (text !== undefined) return parseFlywayConfig(text, file);
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return undefined;
}

/** Reads the keys migrasafe needs from flyway.conf (properties) or flyway.toml. */
export function parseFlywayConfig(text: string, file: string): FlywayConfig {
  const base = path.dirname(file).replace(/[\\/]conf$/, '');
  const get = (key: string): string | undefined => {
    const props = new RegExp(`^\\s*flyway\\.${key}\\s*=\\s*(.*)$`, 'm').exec(text);
    const toml = props ?? new RegExp(`^\\s*${key}\\s*=\\s*(.*)$`, 'm').exec(text);
    return toml?.[1].trim().replace(/^"(.*)"$/, '$1');
  };
  const rawLocations = get('locations');
  const locations = rawLocations
    ? [...rawLocations.matchAll(/(?:filesystem:|classpath:)?([^,"'[\]\s]+)/g)].map((m) => locationPath(base, m[0], m[1]))
    : [];
  const flag = (v: string | undefined) => (v === undefined ? undefined : /^"?true"?$/i.test(v));
  return {
    file,
    locations,
    placeholderReplacement: flag(get('placeholderReplacement')) ?? true,
    // Only `false` overrides Flyway's own detection globally; `true` is the default.
    executeInTransaction: flag(get('executeInTransaction')) === false ? false : undefined,
    engine: engineFromUrl(get('url') ?? ''),
  };
}

function locationPath(base: string, full: string, p: string): string {
  // classpath:db/migration lives under the resources folder in Maven/Gradle layouts.
  if (full.startsWith('classpath:')) {
    const resources = path.join(base, 'src', 'main', 'resources', p);
    return isDir(resources) ? resources : path.join(base, p);
  }
  return path.resolve(base, p);
}

/** Same-length neutral token for a `${placeholder}`, so parsing works and offsets stay exact. */
export function replacePlaceholders(text: string): string {
  return text.replace(/\$\{[^}\n]*\}/g, (m) => 'p' + '_'.repeat(m.length - 1));
}

function scanSqlFiles(dir: string, out: string[] = []): string[] {
  for (const name of listDir(dir)) {
    const full = path.join(dir, name);
    if (name.endsWith('.sql')) out.push(full);
    else if (!name.startsWith('.') && isDir(full)) scanSqlFiles(full, out);
  }
  return out;
}

/**
 * Flyway: versioned `V<version>__<desc>.sql` in version order, then repeatable `R__<desc>.sql` by
 * description; `U<version>__` undo scripts pair with their version; callbacks (`afterMigrate.sql`)
 * are not migrations. Locations come from flyway.conf / flyway.toml, else the file's directory,
 * scanned recursively as Flyway does. Each migration runs in a transaction unless its
 * `<file>.sql.conf` (or the global config) says `executeInTransaction=false`, or it holds a
 * statement Flyway's parser knows cannot run in one.
 */
export function loadFlywaySet(dir: string, config = findFlywayConfig(dir)): MigrationSet {
  const locations = config?.locations.length && config.locations.some((l) => isInside(dir, l)) ? config.locations : [dir];
  const paths = locations.flatMap((l) => scanSqlFiles(l));
  const versioned: MigrationFile[] = [];
  const undo = new Map<string, MigrationFile>();
  const repeatable: MigrationFile[] = [];
  const others: MigrationFile[] = [];
  const preprocess = config?.placeholderReplacement === false ? undefined : replacePlaceholders;
  for (const p of paths) {
    const name = path.basename(p);
    const tx = scriptTransaction(p, config);
    const base = { path: p, toolTransaction: tx !== false, preprocess, segments: (text: string) => flywaySegments(text, tx) };
    let m;
    if ((m = FLYWAY_VERSIONED.exec(name))) {
      const version = m[2].replace(/_/g, '.');
      const file: MigrationFile = { ...base, role: m[1] === 'U' ? 'down' : 'up', version, description: (m[3] ?? '').replace(/_/g, ' ') };
      if (m[1] === 'U') {
        file.segments = (text) => flywaySegments(text, tx).map((s) => ({ ...s, direction: 'down' as const }));
        undo.set(version, file);
      } else versioned.push(file);
    } else if ((m = FLYWAY_REPEATABLE.exec(name))) {
      repeatable.push({ ...base, role: 'repeatable', description: m[1].replace(/_/g, ' ') });
    } else if (FLYWAY_CALLBACK.test(name)) {
      others.push({ ...base, role: 'callback' });
    }
  }
  versioned.sort((a, b) => compareDotted(a.version!, b.version!));
  repeatable.sort((a, b) => (a.description! < b.description! ? -1 : a.description! > b.description! ? 1 : 0));
  const files: MigrationFile[] = [];
  for (const v of versioned) {
    files.push(v);
    const u = [...undo].find(([version]) => compareDotted(version, v.version!) === 0)?.[1];
    if (u) {
      v.pairPath = u.path;
      u.pairPath = v.path;
      files.push(u);
    }
  }
  files.push(...repeatable, ...others);
  return {
    root: locations[0],
    tool: 'flyway',
    engine: config?.engine,
    files,
    downs: undo.size > 0 ? 'files' : 'none',
    evidence: config?.file ? `Flyway configuration ${config.file}` : 'files named V<version>__<description>.sql',
  };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `executeInTransaction` from the script's `.conf` file, else the global setting. */
function scriptTransaction(scriptPath: string, config: FlywayConfig | undefined): boolean | undefined {
  const conf = readIfExists(`${scriptPath}.conf`);
  const m = conf && /^\s*executeInTransaction\s*=\s*(\w+)/m.exec(conf);
  if (m) return m[1].toLowerCase() === 'true';
  return config?.executeInTransaction;
}

/** One segment: in a transaction unless configured off or a non-transactional statement is present. */
export function flywaySegments(text: string, configured: boolean | undefined): Segment[] {
  const transaction = configured ?? !NON_TRANSACTIONAL.some((re) => re.test(text));
  return [{ range: { start: 0, end: text.length }, direction: 'up', toolTransaction: transaction }];
}
