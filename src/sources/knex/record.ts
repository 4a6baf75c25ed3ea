import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadedMigration } from '../types.js';
import { buildLoadedMigration, type Recording, type RecordedQuery } from './generated-sql.js';
import { settingsFromConfig, type KnexSettings } from './knexfile.js';
import { loadModule, ModuleLoadError, type LoadedModule, type Site } from './load-module.js';

// Knex is untyped from here (it may be the project's own copy, of any version).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** How long one migration's up or down may run before it is reported as hanging. */
const RUN_TIMEOUT_MS = 10_000;

export interface KnexSession {
  /** The knexfile's settings after it ran (selected environment). */
  settings: KnexSettings;
  record(file: string): Promise<LoadedMigration>;
}

/** The directory whose node_modules the project's packages resolve from. */
function projectRoot(settings: KnexSettings): string {
  return path.dirname(settings.knexfile);
}

/** Knex from the project (the version its migrations run with), else the copy migrasafe ships. */
function resolveKnex(root: string): Loose {
  try {
    return createRequire(path.join(root, 'package.json'))('knex');
  } catch {
    return createRequire(import.meta.url)('knex');
  }
}

/** Runs the knexfile (like Knex's CLI: default export, function export, `NODE_ENV` else `development`). */
async function executedSettings(settings: KnexSettings, env: NodeJS.ProcessEnv): Promise<KnexSettings> {
  let config: Loose;
  try {
    config = (await asProject(projectRoot(settings), () => loadModule(settings.knexfile, projectRoot(settings)))).exports;
    if (config && config.default && !config.client && !config.development) config = config.default;
    if (typeof config === 'function') config = await config();
  } catch (error) {
    throw new Error(`Cannot run ${settings.knexfile}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return settingsFromConfig(settings.knexfile, config, env.NODE_ENV || 'development');
}

/** Empty results in the shape each driver returns them, so Knex's response processing works. */
function emptyResponse(driverName: string | undefined): unknown {
  if (driverName === 'mysql' || driverName === 'mysql2') return [[], []];
  if (driverName === 'pg' || driverName === 'pg-native' || driverName === 'pgnative') return { rows: [], rowCount: 0, fields: [], command: '' };
  return [];
}

/** Knex's own `formatQuery` (execution/internal/query-executioner.js): bindings escaped by the dialect. */
function formatQuery(client: Loose, sql: string, bindings: unknown): string {
  const values = bindings == null ? [] : ([] as unknown[]).concat(bindings);
  let index = 0;
  return sql.replace(/\\?\?/g, (match) => {
    if (match === '\\?') return '?';
    if (index === values.length) return match;
    return client._escapeBinding(values[index++], {});
  });
}

const SITE = Symbol('migrasafe.site');
const OUTER = 'outer' as const;
type SiteTag = Site | typeof OUTER | undefined;

/** The state of the migration being recorded (one at a time). */
class RecorderState {
  current?: LoadedModule;
  queries: RecordedQuery[] = [];
  /** The next transaction is the one migrasafe opens itself (Knex's per-migration transaction). */
  ownTransaction = false;
  /** Site of the transaction whose control statement (BEGIN, COMMIT, SAVEPOINT) is being sent. */
  pending: SiteTag;

  /** Where in the migration file the code calling Knex is (the first stack frame in that file). */
  site(): Site | undefined {
    const mod = this.current;
    if (!mod) return undefined;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 80;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    return siteIn(stack, mod);
  }
}

/** The first frame of a stack that is in the module's file, in source coordinates. */
export function siteIn(stack: string, mod: LoadedModule): Site | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?([^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    let file = m[1];
    if (file !== mod.running && file.startsWith('file://') && mod.running.startsWith('file://')) file = file.split('?')[0] === mod.running.split('?')[0] ? mod.running : file;
    if (file === mod.running) return mod.toSource(Number(m[2]), Number(m[3]));
  }
  return undefined;
}

/** A Knex client class for the dialect that records every query instead of sending it. */
function recordingClient(Dialect: Loose, state: RecorderState): Loose {
  const tag = (builder: Loose) => {
    if (builder && typeof builder === 'object') builder[SITE] = state.site();
    return builder;
  };
  return class RecordingClient extends Dialect {
    acquireConnection() {
      return Promise.resolve({ __knexUid: 'migrasafe-recording' });
    }
    releaseConnection() {
      return Promise.resolve();
    }
    queryBuilder() {
      return tag(super.queryBuilder());
    }
    schemaBuilder() {
      return tag(super.schemaBuilder());
    }
    raw(...args: unknown[]) {
      return tag(super.raw(...args));
    }
    runner(builder: Loose) {
      const runner = super.runner(builder);
      const query = runner.query.bind(runner);
      runner.query = (obj: Loose) => {
        if (obj && typeof obj === 'object') obj[SITE] = builder?.[SITE];
        return query(obj);
      };
      return runner;
    }
    transaction(container: unknown, config: unknown, outerTx: unknown) {
      const site: SiteTag = state.ownTransaction ? OUTER : state.site();
      state.ownTransaction = false;
      const trx = super.transaction(container, config, outerTx);
      const query = trx.query.bind(trx);
      trx.query = (...args: unknown[]) => {
        state.pending = site;
        try {
          return query(...args);
        } finally {
          state.pending = undefined;
        }
      };
      return trx;
    }
    query(connection: unknown, obj: Loose) {
      const q = typeof obj === 'string' ? { sql: obj } : obj;
      const site: SiteTag = q?.[SITE] ?? state.pending;
      if (site !== OUTER && q && typeof q.sql === 'string') state.queries.push({ sql: formatQuery(this, q.sql, q.bindings), site });
      return super.query(connection, obj);
    }
    _query(_connection: unknown, obj: Loose) {
      obj.response = emptyResponse(this.driverName);
      return Promise.resolve(obj);
    }
    processResponse(obj: Loose, runner: unknown) {
      try {
        return super.processResponse(obj, runner);
      } catch {
        return [];
      }
    }
  };
}

/**
 * Runs project code with its console output sent to stderr: a migration that logs must not mix its
 * lines into a report on stdout (`--format json`).
 */
async function consoleOnStderr<T>(run: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

/** Runs project code from the knexfile's directory, as Knex's CLI does (not possible in a worker thread). */
async function inDirectory<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  let moved = false;
  try {
    if (before !== dir) {
      process.chdir(dir);
      moved = true;
    }
  } catch {
    // worker threads cannot change directory: relative paths then resolve from migrasafe's
  }
  try {
    return await run();
  } finally {
    if (moved) process.chdir(before);
  }
}

/** How project code runs: from the knexfile's directory, its console output on stderr. */
const asProject = <T>(dir: string, run: () => Promise<T>) => inDirectory(dir, () => consoleOnStderr(run));

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${RUN_TIMEOUT_MS / 1000} s (does it wait for a real database or another service?)`)), RUN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Opens a recording session for a Knex project: runs the knexfile for the client, then records
 * each migration's `up` and `down` with a Knex instance that has no connection: every query Knex
 * would send (schema builder, query builder, raw, transactions) is captured with the line of the
 * migration that made it, and answered with an empty result.
 */
export async function openKnexSession(staticSettings: KnexSettings, env: NodeJS.ProcessEnv = process.env): Promise<KnexSession> {
  const settings = await executedSettings(staticSettings, env);
  if (!settings.client) throw new Error(`${settings.knexfile} names no client${settings.environment ? ` for environment "${settings.environment}"` : ''}: Knex needs one to generate SQL (client: 'pg' or 'mysql2').`);
  const Knex = resolveKnex(projectRoot(settings));
  const knexFn = (Knex.knex ?? Knex.default ?? Knex) as Loose;
  const Dialect = knexFn({ client: settings.client }).client.constructor;
  const state = new RecorderState();
  const knex = knexFn({ client: recordingClient(Dialect, state), log: { warn() {}, error() {}, deprecate() {}, debug() {} } });

  const run = (fn: (k: Loose) => unknown, transaction: boolean, what: string) =>
    asProject(projectRoot(settings), async () => {
      if (transaction) {
        state.ownTransaction = true;
        await withTimeout(knex.transaction((trx: Loose) => fn(trx)), what);
      } else {
        await withTimeout(Promise.resolve(fn(knex)), what);
      }
    });

  return {
    settings,
    async record(file: string): Promise<LoadedMigration> {
      const recording: Recording = { file, up: [], down: [], transaction: !settings.disableTransactions, problems: [], hasUp: false, hasDown: false };
      let mod: LoadedModule;
      try {
        mod = await asProject(projectRoot(settings), () => loadModule(file, projectRoot(settings)));
      } catch (error) {
        recording.problems.push({ message: error instanceof Error ? error.message : String(error), site: error instanceof ModuleLoadError ? error.site : undefined });
        return buildLoadedMigration(recording);
      }
      let exp = mod.exports as Loose;
      if (exp && typeof exp.up !== 'function' && exp.default && typeof exp.default === 'object') exp = exp.default;
      const own = exp?.config?.transaction;
      recording.transaction = typeof own === 'boolean' ? own : !settings.disableTransactions;
      recording.hasUp = typeof exp?.up === 'function';
      recording.hasDown = typeof exp?.down === 'function';
      for (const direction of ['up', 'down'] as const) {
        if (typeof exp?.[direction] !== 'function') continue;
        state.current = mod;
        state.queries = [];
        try {
          await run((k) => exp[direction](k), recording.transaction, `exports.${direction}`);
        } catch (error) {
          const stack = error instanceof Error ? error.stack ?? '' : '';
          recording.problems.push({ direction, message: error instanceof Error ? error.message : String(error), site: siteIn(stack, mod) });
        } finally {
          recording[direction] = state.queries;
          state.current = undefined;
          state.queries = [];
        }
      }
      return buildLoadedMigration(recording);
    },
  };
}
