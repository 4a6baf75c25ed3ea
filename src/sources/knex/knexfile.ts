import path from 'node:path';
import type { Engine } from '../../core/types.js';
import { engineFromUrl } from '../engine-hints.js';
import { isFile, readIfExists } from '../fs-helpers.js';

/** The knexfile names Knex's CLI looks for (bin/cli.js `findUpConfig(cwd, 'knexfile', ...)`), the ones Node can load. */
export const KNEXFILE_NAMES = ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts'];

/** Knex's own defaults (lib/migrations/migrate/migrator-configuration-merger.js, common/MigrationsLoader.js). */
export const KNEX_DEFAULT_DIRECTORY = './migrations';
export const KNEX_DEFAULT_EXTENSIONS = ['.co', '.coffee', '.eg', '.iced', '.js', '.cjs', '.litcoffee', '.ls', '.ts'];

/** What migrasafe needs from a knexfile's (selected environment's) configuration. */
export interface KnexSettings {
  knexfile: string;
  /** The client name (`pg`, `mysql2`, ...), when known. */
  client?: string;
  /** Absolute migration directories, in the configured order. */
  directories: string[];
  loadExtensions: string[];
  tableName: string;
  /** `migrations.disableTransactions`: no migration is wrapped unless it sets `config.transaction = true`. */
  disableTransactions: boolean;
  /** `migrations.sortDirsSeparately`: each directory sorted on its own, directories in order. */
  sortDirsSeparately: boolean;
  /** The environment whose settings these are (`NODE_ENV`, else `development`), when the knexfile has environments. */
  environment?: string;
  /** How the settings were read: `static` (read as text, nothing executed) or `executed` (with --allow-js). */
  how: 'static' | 'executed';
}

/** The engine a Knex client name stands for (`pg`, `postgresql`, `pgnative` -> postgres; `mysql`, `mysql2` -> mysql). */
export function engineFromKnexClient(client: string | undefined): Engine | undefined {
  if (!client) return undefined;
  if (/^(pg|postgres|postgresql|pgnative|pg-native|cockroachdb|redshift)$/i.test(client)) return 'postgres';
  if (/^(mysql|mysql2)$/i.test(client)) return 'mysql';
  return engineFromUrl(client);
}

/** The knexfile in `dir` or one of its `levels` parents (Knex's CLI finds it upward from the working directory). */
export function findKnexfile(dir: string, levels = 4): string | undefined {
  let current = path.resolve(dir);
  for (let i = 0; i <= levels; i++) {
    for (const name of KNEXFILE_NAMES) {
      const candidate = path.join(current, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return undefined;
}

const STRING = String.raw`(['"\x60])([^'"\x60\n]+)\1`;
/** A string literal, possibly inside `path.join(__dirname, ...)` / `path.resolve(__dirname, ...)`. */
const PATH_VALUE = new RegExp(String.raw`(?:path\.(?:join|resolve)\(\s*__dirname\s*,\s*)?${STRING}`);

/**
 * The knexfile read as text, without running it: string literals of `client`, `migrations.directory`
 * (a string, an array, or `path.join(__dirname, '...')`), `loadExtensions`, `tableName`,
 * `disableTransactions` and `sortDirsSeparately`. Every environment's directories are kept (the
 * environment is only known once the file runs); the first client named wins.
 */
export function readKnexfileStatically(knexfile: string): KnexSettings {
  const text = readIfExists(knexfile) ?? '';
  const root = path.dirname(knexfile);
  const client = new RegExp(String.raw`\bclient\s*:\s*${STRING}`).exec(text)?.[2];
  const directories: string[] = [];
  for (const m of text.matchAll(/\bdirectory\s*:\s*(\[[^\]]*\]|[^,\n}]+)/g)) {
    const value = m[1];
    const items = value.startsWith('[') ? value.slice(1, -1).split(',') : [value];
    for (const item of items) {
      const lit = PATH_VALUE.exec(item.trim());
      if (lit) directories.push(path.resolve(root, lit[3] ?? lit[2]));
    }
  }
  const ext = /\bloadExtensions\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
  const loadExtensions = ext ? [...ext.matchAll(new RegExp(STRING, 'g'))].map((m) => m[2]) : KNEX_DEFAULT_EXTENSIONS;
  return {
    knexfile,
    client,
    directories: directories.length ? [...new Set(directories)] : [path.resolve(root, KNEX_DEFAULT_DIRECTORY)],
    loadExtensions,
    tableName: new RegExp(String.raw`\btableName\s*:\s*${STRING}`).exec(text)?.[2] ?? 'knex_migrations',
    disableTransactions: /\bdisableTransactions\s*:\s*true\b/.test(text),
    sortDirsSeparately: /\bsortDirsSeparately\s*:\s*true\b/.test(text),
    how: 'static',
  };
}

/** The knexfile whose migration directories hold `dir` (read statically), if any. */
export function knexSettingsForDir(dir: string): KnexSettings | undefined {
  const knexfile = findKnexfile(dir);
  if (!knexfile) return undefined;
  const settings = readKnexfileStatically(knexfile);
  const abs = path.resolve(dir);
  return settings.directories.some((d) => d === abs) ? settings : undefined;
}

/** Knex's migration config after the knexfile ran: the selected environment's `migrations` object. */
export function settingsFromConfig(knexfile: string, loaded: unknown, env: string): KnexSettings {
  let config = loaded as Record<string, unknown> | undefined;
  let environment: string | undefined;
  if (config && typeof config === 'object' && env in config && config[env] && typeof config[env] === 'object') {
    config = config[env] as Record<string, unknown>;
    environment = env;
  }
  if (!config || typeof config !== 'object') throw new Error(`${knexfile} does not export a Knex configuration object`);
  const root = path.dirname(knexfile);
  const migrations = (config.migrations ?? {}) as Record<string, unknown>;
  const dirs = migrations.directory === undefined ? [KNEX_DEFAULT_DIRECTORY] : Array.isArray(migrations.directory) ? migrations.directory : [migrations.directory];
  const client = typeof config.client === 'string' ? config.client : typeof config.dialect === 'string' ? config.dialect : undefined;
  return {
    knexfile,
    client,
    directories: dirs.filter((d): d is string => typeof d === 'string').map((d) => path.resolve(root, d)),
    loadExtensions: Array.isArray(migrations.loadExtensions) ? migrations.loadExtensions.map(String) : KNEX_DEFAULT_EXTENSIONS,
    tableName: typeof migrations.tableName === 'string' ? migrations.tableName : 'knex_migrations',
    disableTransactions: migrations.disableTransactions === true,
    sortDirsSeparately: migrations.sortDirsSeparately === true,
    environment,
    how: 'executed',
  };
}
