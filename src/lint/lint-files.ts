import path from 'node:path';
import { LineIndex } from '../core/line-index.js';
import type { ParsedSource } from '../core/statement.js';
import type { Origin } from '../schema/catalog.js';
import type { Diagnostic, FileResult, MessageCode } from '../core/types.js';
import { findConfig, readConfigFile } from '../config/load.js';
import { databaseEntryFor, resolveConfig, type CliOverrides } from '../config/resolve.js';
import type { ResolvedConfig, UserConfig } from '../config/types.js';
import { parseVersion } from '../engines/version.js';
import type { Engine } from '../core/types.js';
import { initParser, parseSource } from '../parsers/index.js';
import { detectEngineFromSql } from '../parsers/mysql/detect.js';
import { defaultVersions, isSupportedVersion } from '../engines/version.js';
import { NotSqlText } from '../core/sql-file-text.js';
import { applyEdits, inLineEnding, lineEndingOf, matchLineEndings, pickFixes } from '../rewrites/apply-edits.js';
import { allRules } from '../rules/index.js';
import { lintSource, type ResolvedRule } from './lint-source.js';
import { attachPlanSuggestions } from './plan-suggestions.js';
import { Catalog } from '../schema/replay.js';
import { baseTextOf, selectRelease } from '../git/release.js';
import { runReleaseRules, type ReleaseMember } from './release-run.js';
import { findMigrationSet } from '../sources/find-set.js';
import type { LoadedMigration, MigrationFile, MigrationSet } from '../sources/types.js';
import type { MigrationInfo } from '../rules/types.js';
import type { Location, Range } from '../core/types.js';
import { changelogDocumentFile } from '../sources/liquibase/changelog-set.js';
import { isChangelogDocument } from '../sources/liquibase/sniff.js';
import { diagnosticsInDocument, documentLocator } from './translated.js';
import { readUncached, RunMemo } from './run-memo.js';

const knownRuleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export interface LintOptions {
  cwd: string;
  /** Explicit config file (`--config`); otherwise found by walking up from each file. */
  configFile?: string;
  overrides?: CliOverrides;
  /** Apply safe fixes and return the fixed text in `output`. */
  fix?: boolean;
  /** `--base`: the git ref the release is compared with. */
  base?: string;
  /** Environment (CI detection for the default base); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The configuration that applies to a file (or to stdin, from the working directory). */
export function configFor(filePath: string, opts: LintOptions): ResolvedConfig {
  if (opts.configFile) {
    const file = path.resolve(opts.cwd, opts.configFile);
    return resolveConfig(readConfigFile(file, allRules), allRules, path.dirname(file), file, opts.overrides, path.resolve(opts.cwd, filePath));
  }
  const found = findConfig(path.dirname(path.resolve(opts.cwd, filePath)), allRules);
  return resolveCached(found.config, found.root, found.file, opts.overrides, path.resolve(opts.cwd, filePath));
}

// configFor runs a few times per linted file and resolving walks every rule: memoised per
// overrides, loaded configuration (a new object when the config cache is cleared), its directory
// and file, and the database entry the file belongs to.
const resolved = new WeakMap<CliOverrides, WeakMap<UserConfig, Map<string, ResolvedConfig>>>();
const NO_OVERRIDES: CliOverrides = {};

function resolveCached(config: UserConfig, root: string, source: string | undefined, overrides: CliOverrides | undefined, filePath: string): ResolvedConfig {
  let byConfig = resolved.get(overrides ?? NO_OVERRIDES);
  if (!byConfig) resolved.set(overrides ?? NO_OVERRIDES, (byConfig = new WeakMap()));
  let byPlace = byConfig.get(config);
  if (!byPlace) byConfig.set(config, (byPlace = new Map()));
  const entry = databaseEntryFor(config, root, filePath);
  const key = `${root}\0${source ?? ''}\0${entry ? (config.databases ?? []).indexOf(entry) : -1}`;
  let result = byPlace.get(key);
  if (!result) byPlace.set(key, (result = resolveConfig(config, allRules, root, source, overrides, filePath)));
  return result;
}

// Keyed by the rule settings, not the configuration: the engine detected per file and the set's
// engine make a new configuration object per file that shares its `rules` (1,411 misses on the corpus).
const enabledCache = new WeakMap<ResolvedConfig['rules'], ResolvedRule[]>();

export function enabledRules(config: ResolvedConfig): ResolvedRule[] {
  const cached = enabledCache.get(config.rules);
  if (cached) return cached;
  const out: ResolvedRule[] = [];
  for (const rule of allRules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.level === 'off') continue;
    out.push({ rule, level: setting.level, options: setting.options });
  }
  enabledCache.set(config.rules, out);
  return out;
}

/**
 * The engine when neither `--engine` nor the configuration names it. Precedence (docs/tools/README.md):
 * `--engine` > config (top level or database entry) > the migration tool's own configuration
 * (`toolHint`: Prisma provider, Flyway URL, knexfile client) > MySQL syntax in the file (backticks,
 * ENGINE=, AUTO_INCREMENT, DELIMITER) > postgres.
 */
export function withDetectedEngine(config: ResolvedConfig, text: string, toolHint?: Engine): ResolvedConfig {
  if (config.engineExplicit) return config;
  const detected = toolHint ?? detectEngineFromSql(text);
  const engineFrom = toolHint ? 'tool' : 'sql';
  if (!detected) return config;
  if (detected === config.engine) return { ...config, engineExplicit: true, engineFrom };
  // A version given without an engine (`10.11`) is kept when it fits: MariaDB versions are not MySQL ones.
  const given = config.targetVersionExplicit ? parseVersion(config.targetVersion) : undefined;
  const engine = given && !isSupportedVersion(detected, given) && isSupportedVersion('mariadb', given) ? 'mariadb' : detected;
  const targetVersion = given && isSupportedVersion(engine, given) ? config.targetVersion : defaultVersions[engine];
  return { ...config, engine, targetVersion, engineExplicit: true, engineFrom };
}

/**
 * The configuration a whole migration set is linted with: the engine resolved once for the set
 * (the tool's configuration, else the SQL of `sampleText`), as `lintFiles` and `--verbose` use it.
 */
export function setConfig(set: MigrationSet, sampleFile: string, sampleText: string, opts: LintOptions): ResolvedConfig {
  return withDetectedEngine(configFor(set.files[0]?.path ?? sampleFile, opts), sampleText, set.engine);
}

/** Per-file inputs that come from the migration tool and the history before the file. */
export interface FileContextInput {
  /** Tool information for the file (segments, transaction mode, preprocessing). */
  migration?: MigrationFile;
  /** The set the file belongs to (tool name, rollback style) for the migration rules. */
  set?: MigrationSet;
  /** Schema before this file; replayed forward as the file is linted. */
  catalog?: Catalog;
  /** The file on the base branch (a Liquibase changelog that gained changeSets): its changeSets are deployed. */
  baseText?: string;
  /** Reads and parses shared by one `lintFiles` call (never across calls: files change). */
  memo?: RunMemo;
}

/** A linted file with what the release rules and the next file need: its parse and the schema after it. */
export interface LintedFile {
  result: FileResult;
  /** The schema after the file (after the fixed text under --fix); undefined when linting failed. */
  catalog?: Catalog;
  parsed?: ParsedSource;
  /** The text as parsed (after the tool's preprocessing, or the SQL a changelog document translates to). */
  prepared?: string;
  /** For a translated document: where a range of `prepared` lies in the document. */
  locate?: (range: Range) => Location;
}

/** Lints one file's text. Never throws for bad SQL or a crashing rule: both become messages. */
export async function lintText(
  text: string,
  filePath: string,
  opts: LintOptions,
  configIn = configFor(filePath, opts),
  context: FileContextInput = {},
): Promise<FileResult> {
  return (await lintTextDetailed(text, filePath, opts, configIn, context)).result;
}

/** `lintText`, also returning the parse and the schema after the file, so the history is not parsed twice. */
export async function lintTextDetailed(
  text: string,
  filePath: string,
  opts: LintOptions,
  configIn = configFor(filePath, opts),
  context: FileContextInput = {},
): Promise<LintedFile> {
  const config = withDetectedEngine(configIn, text);
  await initParser(config.engine);
  return lintTextSync(text, filePath, opts, config, context);
}

/**
 * `lintText` for callers that cannot await (ESLint rules, the language server's hot path):
 * the engine's parser must already be loaded with `initParser`.
 */
export function lintTextSync(
  text: string,
  filePath: string,
  opts: LintOptions,
  configIn = configFor(filePath, opts),
  context: FileContextInput = {},
): LintedFile {
  const config = withDetectedEngine(configIn, text);
  const version = parseVersion(config.targetVersion)!;
  const rules = enabledRules(config);
  // A Liquibase XML/YAML changelog linted on its own (no migration set lists it) is still translated.
  const migration = context.migration ?? (isChangelogDocument(filePath) ? changelogDocumentFile(filePath) : undefined);
  // Fixes re-lint from the same starting schema, so keep a pristine copy.
  const startCatalog = context.catalog;
  let last: Omit<LintedFile, 'result'> = {};
  const parse = (prepared: string) => (context.memo ? context.memo.parse(config.engine, prepared) : parseSource(config.engine, prepared));
  const migrationInfo = migration && context.set ? describeMigration(migration, context.set, config, context.memo) : undefined;
  const run = (source: string): Diagnostic[] => {
    try {
      const translated = migration?.translate?.(source, config.engine, { baseText: context.baseText });
      const prepared = translated ? translated.sql : migration?.preprocess ? migration.preprocess(source) : source;
      const parsed = parse(prepared);
      // Only --fix lints more than once and needs the starting schema pristine; cloning per file is costly.
      const catalog = (opts.fix ? startCatalog?.clone() : startCatalog) ?? new Catalog(false);
      const diagnostics = lintSource({
        filePath,
        text: prepared,
        parsed,
        engine: config.engine,
        version,
        rules,
        knownRuleIds,
        segments: translated?.segments ?? migration?.segments?.(prepared) ?? (migration ? [{ range: { start: 0, end: prepared.length }, direction: migration.role === 'down' || migration.role === 'verify' ? 'down' : 'up', toolTransaction: migration.toolTransaction }] : undefined),
        catalog,
        migration: migrationInfo,
      });
      if (translated) {
        last = { catalog, parsed, prepared, locate: documentLocator(translated, source) };
        return diagnosticsInDocument(diagnostics, translated, source);
      }
      last = { catalog, parsed, prepared };
      return diagnostics;
    } catch (error) {
      last = {};
      return [internalError(source, error)];
    }
  };
  let diagnostics = run(text);
  let output: string | undefined;
  if (opts.fix) {
    let current = text;
    // Fixes can enable other fixes; ESLint stops after 10 passes, so do we.
    for (let pass = 0; pass < 10; pass++) {
      const edits = pickFixes(diagnostics);
      if (edits.length === 0) break;
      const eol = lineEndingOf(current);
      const next = applyEdits(current, edits.map((e) => inLineEnding(e, eol)));
      if (next === current) break;
      current = next;
      diagnostics = run(current);
    }
    if (current !== text) output = current;
  }
  // First-phase suggestions of the findings' plans.
  attachPlanSuggestions(diagnostics);
  matchLineEndings(diagnostics, output ?? text);
  return { result: { filePath, source: output ?? text, diagnostics, output, ...(config.database ? { database: config.database.name } : {}) }, ...last };
}

/** The rules' view of a migration file: its tool, role and (for an up file) its parsed rollback file. */
function describeMigration(mf: MigrationFile, set: MigrationSet, config: ResolvedConfig, memo?: RunMemo): MigrationInfo {
  // With a memo, the rollback file read and parsed here is not read and parsed again when it is linted.
  const read = (p: string) => (memo ? memo.read(p) : readUncached(p));
  const parseText = (text: string) => (memo ? memo.parse(config.engine, text) : parseSource(config.engine, text));
  const info: MigrationInfo = { tool: set.tool, role: mf.role, version: mf.version, description: mf.description, downs: set.downs ?? 'none' };
  if (mf.role === 'up' && mf.pairPath) {
    const text = read(mf.pairPath);
    if (typeof text === 'string') {
      const pair = filesByPath(set).get(mf.pairPath);
      const prepared = pair?.preprocess ? pair.preprocess(text) : text;
      try {
        info.pair = { path: mf.pairPath, text: prepared, parsed: parseText(prepared) };
      } catch {
        // an engine without a parser: the pair is simply not available to the rules
      }
    }
  }
  const group = mf.role === 'up' ? partsOfOneChange(mf, set) : [];
  if (group.length > 1) {
    const parse = (f: MigrationFile, text: string) => parseText(f.preprocess ? f.preprocess(text) : text);
    info.group = {
      position: group.indexOf(mf),
      size: group.length,
      everyPartHasDown: group.every((f) => !!f.pairPath && filesByPath(set).has(f.pairPath)),
      load: () => group.flatMap((f) => {
        const text = read(f.path);
        if (typeof text !== 'string') return [];
        const pair = f.pairPath ? filesByPath(set).get(f.pairPath) : undefined;
        const downText = pair ? read(pair.path) : undefined;
        const prepared = pair && typeof downText === 'string' ? (pair.preprocess ? pair.preprocess(downText) : downText) : undefined;
        return [{ path: f.path, up: parse(f, text), down: pair && prepared !== undefined ? { path: pair.path, text: prepared, parsed: parseText(prepared) } : undefined }];
      }),
    };
  }
  return info;
}

// Looked up for every file of a set (its rollback pair, the parts of a change): a search through
// the set's files each time grew with the square of the set (Ory's sets: hundreds of parts).
// Keyed by the file list, which is built once per set and never changed.
const byPathCache = new WeakMap<readonly MigrationFile[], Map<string, MigrationFile>>();
const runsCache = new WeakMap<readonly MigrationFile[], Map<MigrationFile, MigrationFile[]>>();

function filesByPath(set: MigrationSet): Map<string, MigrationFile> {
  let m = byPathCache.get(set.files);
  if (!m) {
    m = new Map();
    for (const f of set.files) if (!m.has(f.path)) m.set(f.path, f); // the first, as a search would find
    byPathCache.set(set.files, m);
  }
  return m;
}

/**
 * Up migrations generated as parts of one change: a run of consecutive migrations with versions
 * longer than a 14-digit timestamp and the same name (Ory's `20200810161022000003_flow_rename`,
 * whose rollback files are generated in reverse order and so revert other parts). Empty for others.
 */
function partsOfOneChange(mf: MigrationFile, set: MigrationSet): MigrationFile[] {
  const numbered = (f: MigrationFile) => f.role === 'up' && !!f.version && /^\d{15,}$/.test(f.version);
  if (!numbered(mf)) return [];
  // Every run of the set found in one pass (asked for each part, a run was walked once per part).
  let runs = runsCache.get(set.files);
  if (!runs) {
    runs = new Map();
    let run: MigrationFile[] = [];
    for (const f of set.files) {
      if (f.role !== 'up') continue;
      if (!numbered(f)) {
        run = [];
        continue;
      }
      if (run.length === 0 || run[0].description !== f.description) run = [];
      run.push(f);
      if (!runs.has(f)) runs.set(f, run);
    }
    runsCache.set(set.files, runs);
  }
  // (A file the set does not hold as such, e.g. a loaded copy of a code migration: alone.)
  return runs.get(mf) ?? [mf];
}

/** Only whitespace and line comments. */
function isBlank(text: string): boolean {
  return /^(?:\s|--[^\n]*)*$/.test(text);
}

const readText = readUncached;

/** Applies a file's `up` statements to the catalog without running rules (history before a linted file). */
export function replayFile(text: string, config: ResolvedConfig, catalog: Catalog, migration?: MigrationFile, origin: Origin = 'before', memo?: RunMemo): ParsedSource | undefined {
  let segments;
  let parsed;
  try {
    const translated = migration?.translate?.(text, config.engine);
    const prepared = translated ? translated.sql : migration?.preprocess ? migration.preprocess(text) : text;
    parsed = memo ? memo.parse(config.engine, prepared) : parseSource(config.engine, prepared);
    segments = translated?.segments ?? migration?.segments?.(prepared);
  } catch {
    return undefined;
  }
  catalog.beginFile(config.engine);
  for (const st of parsed.statements) {
    const seg = segments?.find((s) => st.range.start >= s.range.start && st.range.start < s.range.end);
    if (seg && seg.direction !== 'up') continue;
    catalog.applyStatement(st, origin);
  }
  return parsed;
}

export async function lintFile(filePath: string, opts: LintOptions): Promise<FileResult> {
  return (await lintFiles([filePath], opts))[0];
}

/**
 * Lints files with their migration history as context: files are grouped by migration set, and
 * each set is replayed in the tool's order up to the last requested file, so every statement is
 * checked against the schema as it stands just before it.
 */
export async function lintFiles(files: readonly string[], opts: LintOptions): Promise<FileResult[]> {
  const memo = new RunMemo();
  // configFor resolves paths and walks the config caches: asked up to four times per file, answered
  // once per path in this call (the config caches themselves are cleared by the language server).
  const configs = new Map<string, ResolvedConfig>();
  const configOf = (p: string) => {
    let c = configs.get(p);
    if (!c) configs.set(p, (c = configFor(p, opts)));
    return c;
  };
  const results = new Map<string, FileResult>();
  const sets = new Map<string, MigrationSet>();
  const bySet = new Map<MigrationSet, Set<string>>();
  for (const f of files) {
    const fileConfig = configOf(f);
    const set = findMigrationSet(f, sets, fileConfig.tool, fileConfig.toolOptions);
    if (!bySet.has(set)) bySet.set(set, new Set());
    bySet.get(set)!.add(path.resolve(f));
  }
  for (const [set, wanted] of bySet) {
    const firstWanted = [...wanted][0];
    // Migrations that are code (Knex) run only when the configuration allows it; never skipped silently.
    if (set.files.some((f) => f.load)) {
      const problem = await prepareCodeSet(set, configOf(set.files[0]?.path ?? firstWanted));
      if (problem) {
        for (const f of wanted) results.set(f, { filePath: f, source: readIfText(f), diagnostics: f === firstWanted ? [problem(f, wanted.size)] : [] });
        continue;
      }
      // Files the tool's configuration, once run, does not list (another environment's directory).
      const listed = new Set(set.files.map((f) => f.path));
      for (const f of [...wanted].filter((w) => !listed.has(w))) {
        results.set(f, { filePath: f, source: readIfText(f), diagnostics: [{ ruleId: null, code: 'not-linted', level: 'warn', message: `Not linted: ${set.tool} does not run this file in the selected configuration (${set.evidence ?? set.tool}).`, location: new LineIndex(readIfText(f)).location({ start: 0, end: 0 }) }] });
        wanted.delete(f);
      }
      if (wanted.size === 0) continue;
    }
    const firstText = memo.read(firstWanted);
    const config = setConfig(set, firstWanted, typeof firstText === 'string' ? firstText : '', opts);
    const fileConfig = (p: string) => (config.engineExplicit && !configOf(p).engineExplicit ? { ...configOf(p), engine: config.engine, targetVersion: config.targetVersion, engineExplicit: true } : configOf(p));
    await initParser(config.engine);
    await lintSet(set, wanted, config, opts, results, fileConfig, memo);
  }
  return files.map((f) => results.get(path.resolve(f))!);
}

const readIfText = (f: string) => {
  const text = readText(f);
  return typeof text === 'string' ? text : '';
};

/**
 * A set whose migrations are code: runs its configuration (`prepare`) when `allowJs` allows it.
 * Returns the one message the set gets instead of findings when it cannot be read.
 */
async function prepareCodeSet(set: MigrationSet, config: ResolvedConfig): Promise<((file: string, count: number) => Diagnostic) | undefined> {
  const at = (file: string, level: Diagnostic['level'], message: string): Diagnostic => ({ ruleId: null, code: 'not-linted', level, message, location: new LineIndex(readIfText(file)).location({ start: 0, end: 0 }), ...(level === 'error' ? { fatal: true } : {}) });
  if (!config.allowJs) {
    return (file, count) => at(file, 'warn', `Not linted: ${count === 1 ? 'this' : `these ${count}`} ${set.tool} migration${count === 1 ? ' is' : 's are'} JavaScript/TypeScript, and reading the SQL means running them with Knex in recording mode (no database connection), which executes project code. Run with --allow-js or set "allowJs": true in the migrasafe config to lint them (docs/tools/knex.md).`);
  }
  try {
    await set.prepare?.();
    return undefined;
  } catch (error) {
    return (file, count) => at(file, 'error', `Not linted (${count} ${set.tool} migration${count === 1 ? '' : 's'}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The set's files with each down file moved right after its up file: a down migration runs
 * against the schema its up migration built (plain directories sort `1_x.down.sql` first).
 */
export function downAfterUp(files: readonly MigrationFile[]): MigrationFile[] {
  const upOf = (f: MigrationFile) => f.pairPath ?? f.path.replace(/([._-])down(\.sql)$/i, '$1up$2');
  const byPath = new Map(files.map((f) => [f.path, f]));
  const moved = new Map<string, MigrationFile[]>();
  const out: MigrationFile[] = [];
  for (const f of files) {
    const up = f.role === 'down' ? byPath.get(upOf(f)) : undefined;
    if (up && up !== f) {
      if (out.includes(up)) out.splice(out.indexOf(up) + 1 + (moved.get(up.path)?.length ?? 0), 0, f);
      else moved.set(up.path, [...(moved.get(up.path) ?? []), f]);
      continue;
    }
    out.push(f, ...(moved.get(f.path) ?? []));
  }
  return out;
}

/**
 * One migration set: replays its history in the tool's order, lints the requested files against
 * the schema just before each, and runs the release rules over the files this deploy ships.
 */
async function lintSet(set: MigrationSet, wanted: Set<string>, config: ResolvedConfig, opts: LintOptions, results: Map<string, FileResult>, fileConfig: (p: string) => ResolvedConfig, memo: RunMemo): Promise<void> {
  const requested = new Set(wanted);
  const ordered = downAfterUp(set.files);
  const upFiles = ordered.filter((f) => f.role === 'up' || f.role === 'repeatable').map((f) => f.path);
  const selection = selectRelease(set.root, upFiles, { base: opts.base ?? config.release.base, env: opts.env ?? process.env, unreleased: config.release.unreleased ?? 1 });
  const wantsRelease = enabledRules(config).some((r) => r.rule.checkRelease);
  const members: ReleaseMember[] = [];
  let pendingRelease = wantsRelease ? selection.files.size : 0;
  // A set of one file is no history: nothing can be called missing.
  let catalog = new Catalog(upFiles.length > 1);
  let remaining = wanted.size;
  // Migrations that are code, read through the SQL they produce: findings move back onto the file at the end.
  const generated = new Map<string, LoadedMigration>();
  for (const original of ordered) {
    if (remaining === 0 && pendingRelease === 0) break;
    const isWanted = wanted.has(original.path);
    if (!isWanted && original.role !== 'up' && original.role !== 'repeatable') continue;
    const inRelease = selection.files.has(original.path);
    const source = memo.read(original.path);
    const loaded = original.load && typeof source === 'string' ? await loadGenerated(original) : undefined;
    if (loaded instanceof Error) {
      if (isWanted) {
        remaining--;
        wanted.delete(original.path);
        results.set(original.path, { filePath: original.path, source: source as string, diagnostics: [internalError('', loaded, `Cannot read the SQL of this migration: ${loaded.message}`, 'migration-tool')] });
      }
      continue;
    }
    if (loaded) generated.set(original.path, loaded);
    const text = loaded ? loaded.text : source;
    const mf: MigrationFile = loaded ? { ...original, segments: () => loaded.segments } : original;
    // An applied migration edited on the branch still created its objects long ago: only added
    // (or, without git, the newest) files create new objects.
    const origin: Origin = inRelease && selection.files.get(mf.path)!.status !== 'modified' ? 'release' : 'before';
    const isMigration = mf.role === 'up' || mf.role === 'repeatable';
    if (isWanted) {
      remaining--;
      wanted.delete(mf.path);
      if (typeof text !== 'string') {
        results.set(mf.path, unreadable(mf.path, text));
        continue;
      }
      // A down file runs after its up file, but how many later migrations were rolled back first
      // depends on the rollback: its schema is approximate, so nothing in it is called missing.
      // (An empty rollback file changes nothing: no copy of the schema needed.)
      const start = isMigration || isBlank(text) ? catalog : catalog.clone();
      if (start !== catalog) start.complete = false;
      // Fixes would edit generated SQL, not the file: none for code migrations.
      // A changelog that gained changeSets on the branch: the ones the base has are deployed already.
      const info = selection.files.get(mf.path);
      const baseText = mf.translate && selection.git && info?.status === 'modified' && info.basePath ? baseTextOf(selection.git, info.basePath) : undefined;
      const linted = await lintTextDetailed(text, mf.path, loaded ? { ...opts, fix: false } : opts, fileConfig(mf.path), { migration: mf, set, catalog: start, baseText, memo });
      results.set(mf.path, linted.result);
      if (inRelease && wantsRelease && linted.parsed) {
        members.push({ migration: mf, text: linted.prepared ?? text, parsed: linted.parsed, before: start, locate: linted.locate });
        pendingRelease--;
      }
      // The linted file's final schema is the next file's starting one (no second parse).
      if (linted.catalog && isMigration) {
        linted.catalog.endFile(origin);
        catalog = linted.catalog;
      }
      continue;
    }
    // Only migrations move the schema forward: not rollbacks, verify scripts or callbacks.
    if (typeof text !== 'string' || !isMigration) continue;
    const before = inRelease && wantsRelease ? catalog.clone() : undefined;
    const parsed = replayFile(text, config, catalog, mf, origin, memo);
    if (before && parsed) {
      const translated = mf.translate?.(text, config.engine);
      members.push({ migration: mf, text: translated ? translated.sql : mf.preprocess ? mf.preprocess(text) : text, parsed, before, locate: translated ? documentLocator(translated, text) : undefined });
      pendingRelease--;
    }
  }
  // Requested files the set does not list (not a migration of its tool): linted on their own.
  for (const f of wanted) {
    const text = readText(f);
    results.set(f, typeof text === 'string' ? await lintText(text, f, opts) : unreadable(f, text));
  }
  // With an explicit base, files the base already shipped are context only: not reported.
  if (selection.git && (opts.base ?? config.release.base)) {
    // Added or changed since the base: the release's migrations and their rollback files.
    const changed = new Set(selection.git.changed.map((c) => c.path));
    for (const p of requested) {
      const r = results.get(p);
      if (r && !selection.files.has(p) && !changed.has(p)) results.set(p, { ...r, diagnostics: [], outsideRelease: true });
    }
  }
  if (wantsRelease) {
    const setResults = new Map([...results].filter(([p]) => requested.has(p)));
    runReleaseRules({ set, selection, members, config, rules: enabledRules(config), results: setResults, cwd: opts.cwd, migrationDirs: config.paths.map((p) => path.resolve(config.root, p)) });
  }
  for (const [p, loaded] of generated) {
    const r = results.get(p);
    if (!r || !requested.has(p)) continue;
    const diagnostics = r.outsideRelease ? [] : [...loaded.problems, ...loaded.toSource(r.diagnostics)];
    diagnostics.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    results.set(p, { ...r, source: readIfText(p), output: undefined, diagnostics });
  }
}

/** The SQL of a migration that is code, or the error that prevented producing it. */
async function loadGenerated(mf: MigrationFile): Promise<LoadedMigration | Error> {
  try {
    return await mf.load!();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The result for a file that cannot be linted: unreadable, or not UTF-8 SQL text. */
export function unreadable(filePath: string, error: Error): FileResult {
  // Not migration SQL (binary, UTF-16): said as such, not as an internal error.
  const notText = error instanceof NotSqlText;
  return { filePath, source: '', diagnostics: [internalError('', error, notText ? `Not linted: ${error.message}` : `Cannot read file: ${error.message}`, notText ? 'not-linted' : 'internal-error')] };
}

function internalError(text: string, error: unknown, message?: string, code: MessageCode = 'internal-error'): Diagnostic {
  const lines = new LineIndex(text);
  return {
    ruleId: null,
    code,
    level: 'error',
    fatal: true,
    message: message ?? `Internal error while linting this file (please report it): ${error instanceof Error ? error.message : String(error)}`,
    location: lines.location({ start: 0, end: 0 }),
  };
}
