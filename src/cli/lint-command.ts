import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Engine, FileResult, Level } from '../core/types.js';
import { packageVersion, docsBaseUrl } from '../core/package-info.js';
import type { CliOverrides } from '../config/resolve.js';
import type { ResolvedConfig } from '../config/types.js';
import type { RuleSetting } from '../config/types.js';
import { configFor, lintText, setConfig, type LintOptions } from '../lint/lint-files.js';
import { lintFilesParallel } from '../lint/parallel.js';
import { totalCounts } from '../report/counts.js';
import { loadFormatter } from '../report/index.js';
import { allRules } from '../rules/index.js';
import { discoverFiles, selectDiscoverable } from '../sources/discover.js';
import { isKnexMigration, knexMigrationsUnder } from '../sources/knex/discover.js';
import { repoRoot } from '../git/git.js';
import { stagedFiles } from '../git/staged.js';
import { lintStagedFiles } from '../lint/lint-staged.js';
import { findMigrationSet } from '../sources/find-set.js';
import { describeSet, findProjectMigrationSets } from '../sources/project.js';
import type { MigrationSet } from '../sources/types.js';
import type { CliIo } from './main.js';

export interface LintArgs {
  paths?: string[];
  format: string;
  outputFile?: string;
  /** Extra reports from the same run: `format:file` (e.g. `sarif:migrasafe.sarif`). */
  report?: string[];
  engine?: Engine;
  targetVersion?: string;
  config?: string;
  rule?: string[];
  maxWarnings?: number;
  quiet: boolean;
  fix: boolean;
  fixDryRun?: boolean;
  base?: string;
  stdin: boolean;
  stdinFilename?: string;
  staged?: boolean;
  /** Only the files of this configured database. */
  database?: string;
  color?: boolean;
  /** Print, per migration directory, the tool and engine assumed (to stderr). */
  verbose?: boolean;
  /** Run project code to read Knex migrations. */
  allowJs?: boolean;
}

export async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  const formatter = await loadFormatter(args.format);
  const extraReports = await Promise.all((args.report ?? []).map(parseReportSpec));
  const opts: LintOptions = {
    cwd: io.cwd,
    configFile: args.config,
    overrides: overridesFrom(args),
    fix: args.fix || !!args.fixDryRun,
    base: args.base,
    env: io.env,
  };
  if (args.fix && args.fixDryRun) throw new UsageError('Give either --fix or --fix-dry-run, not both.');
  let results: FileResult[];
  let stdinText: string | undefined;
  if (args.stdin) {
    if (args.paths?.length) throw new UsageError('Give either --stdin or paths, not both.');
    const name = args.stdinFilename ? path.resolve(io.cwd, args.stdinFilename) : path.join(io.cwd, '<stdin>');
    stdinText = await io.readStdin();
    results = [await lintText(stdinText, name, opts)];
  } else if (args.staged) {
    if (args.fixDryRun) throw new UsageError('--fix-dry-run does not apply to --staged (the staged text is not the file on disk).');
    results = await lintStaged(args, io, opts);
  } else {
    const cwdConfig = configFor(path.join(io.cwd, 'migrasafe.sql'), opts);
    const database = args.database ? databaseNamed(cwdConfig, args.database) : undefined;
    let inputs = args.paths?.length ? args.paths : database ? database.paths : cwdConfig.paths.map((p) => path.resolve(cwdConfig.root, p));
    if (inputs.length === 0) {
      // No paths anywhere: find the project's migration directories the way `init` does.
      inputs = findProjectMigrationSets(io.cwd, cwdConfig.tool).map((s) => s.root);
      if (inputs.length === 0) throw new UsageError('No paths given, no "paths" in the configuration, and no migration directory found here. Usage: migrasafe lint <files or directories...> (or run `migrasafe init`).');
    }
    const discover = { cwd: io.cwd, include: cwdConfig.include, ignore: cwdConfig.ignore, ignoreRoot: cwdConfig.root };
    const found = discoverFiles(inputs, discover);
    // Knex migrations (.js/.ts) in the given directories: not matched by the `.sql` include globs.
    const knex = inputs.flatMap((i) => knexMigrationsUnder(path.resolve(io.cwd, i)));
    const files = onlyDatabase(knex.length ? [...new Set([...found, ...discoverFiles(knex, discover)])] : found, args.database, opts);
    if (args.verbose) reportSets(files, opts, io);
    results = await lintFilesParallel(files, opts);
    if (args.fix) writeFixes(results);
  }
  if (args.fixDryRun) {
    const { fixDiff } = await import('../rewrites/fix-diff.js');
    const diff = fixDiff(results, io.cwd, (r) => stdinText ?? readFileSync(r.filePath, 'utf8'));
    if (diff) io.stdout(diff);
  }
  // With --base, migrations the base already shipped were replayed for context only.
  results = results.filter((r) => !r.outsideRelease);
  if (args.quiet) results = results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.level === 'error') }));

  const formatContext = {
    cwd: io.cwd,
    rules: new Map(allRules.map((r) => [r.meta.id, r.meta])),
    color: args.outputFile ? false : (args.color ?? colorFromEnv(io)),
    docsBaseUrl,
    toolVersion: packageVersion,
  };
  const text = formatter(results, formatContext);
  for (const extra of extraReports) writeReport(path.resolve(io.cwd, extra.file), extra.formatter(results, { ...formatContext, color: false }));
  if (args.outputFile) {
    writeReport(path.resolve(io.cwd, args.outputFile), text);
  } else if (text) io.stdout(text);

  const totals = totalCounts(results);
  if (totals.errorCount > 0) return 1;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && totals.warningCount > args.maxWarnings) {
    io.stderr(`migrasafe found too many warnings (maximum: ${args.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** `--staged`: the index version of staged migration files (restricted to the given or configured paths). */
async function lintStaged(args: LintArgs, io: CliIo, opts: LintOptions): Promise<FileResult[]> {
  if (args.fix) throw new UsageError('--fix cannot be combined with --staged: fix the working tree with `migrasafe lint --fix <file>` and stage it again.');
  const top = repoRoot(io.cwd);
  if (!top) throw new UsageError('--staged needs a git repository (run it inside the work tree).');
  const cwdConfig = configFor(path.join(io.cwd, 'migrasafe.sql'), opts);
  const staged = stagedFiles(top);
  const inputs = args.paths?.length ? args.paths : cwdConfig.paths.length ? cwdConfig.paths.map((p) => path.resolve(cwdConfig.root, p)) : [top];
  // Staged files the paths select, by the same include/ignore rules as a normal run (without
  // listing the whole repository).
  const selectable = new Set(selectDiscoverable(staged, inputs.filter((p) => existsSync(path.resolve(io.cwd, p))), { cwd: io.cwd, include: cwdConfig.include, ignore: cwdConfig.ignore, ignoreRoot: cwdConfig.root }));
  if (args.database) databaseNamed(cwdConfig, args.database);
  // Knex migrations (.js/.ts) under the paths are migrations too, though the `.sql` globs miss them.
  const under = inputs.map((p) => path.resolve(io.cwd, p));
  const knex = (f: string) => under.some((p) => f === p || f.startsWith(p + path.sep)) && isKnexMigration(f);
  return lintStagedFiles(top, onlyDatabase(staged.filter((f) => selectable.has(f) || knex(f)), args.database, opts), opts);
}

/** The configured database called `name`; a usage error naming the known ones otherwise. */
function databaseNamed(config: ResolvedConfig, name: string) {
  const db = config.databases.find((d) => d.name === name);
  if (!db) throw new UsageError(`--database ${name}: no such database in ${config.source ?? 'the configuration'}${config.databases.length ? ` (known: ${config.databases.map((d) => d.name).join(', ')})` : ' (it has no "databases" list)'}.`);
  return db;
}

/** With `--database`, only the files that belong to it. */
function onlyDatabase(files: string[], name: string | undefined, opts: LintOptions): string[] {
  return name ? files.filter((f) => configFor(f, opts).database?.name === name) : files;
}

async function parseReportSpec(spec: string) {
  const m = /^([a-z]+):(.+)$/.exec(spec);
  if (!m) throw new UsageError(`--report expects format:file (e.g. sarif:migrasafe.sarif), got "${spec}".`);
  return { formatter: await loadFormatter(m[1]), file: m[2] };
}

function writeReport(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** `--verbose`: the tool, engine and transaction handling assumed for each migration set linted. */
function reportSets(files: string[], opts: LintOptions, io: CliIo): void {
  const cache = new Map<string, MigrationSet>();
  const seen = new Set<MigrationSet>();
  for (const f of files) {
    const config = configFor(f, opts);
    const set = findMigrationSet(f, cache, config.tool, config.toolOptions);
    if (seen.has(set)) continue;
    seen.add(set);
    // The engine exactly as lintFiles resolves it for the set.
    let sample = '';
    try {
      sample = readFileSync(f, 'utf8');
    } catch {
      // unreadable: reported by the lint itself
    }
    io.stderr(`migrasafe: ${describeSet(set, io.cwd, setConfig(set, f, sample, opts))}\n`);
  }
}

function overridesFrom(args: LintArgs): CliOverrides {
  const rules: Record<string, RuleSetting> = {};
  for (const entry of args.rule ?? []) {
    const m = /^([a-z0-9-]+)\s*[:=]\s*(off|info|warn|error)$/.exec(entry.trim());
    if (!m) throw new UsageError(`--rule expects id:level (off, info, warn, error), got "${entry}".`);
    rules[m[1]] = m[2] as Level;
  }
  return { engine: args.engine, targetVersion: args.targetVersion, rules, ...(args.allowJs !== undefined ? { allowJs: args.allowJs } : {}) };
}

/** --fix writes only files whose text changed; nothing else is ever written. */
function writeFixes(results: FileResult[]): void {
  for (const r of results) if (r.output !== undefined) writeFileSync(r.filePath, r.output);
}

function colorFromEnv(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.isTTY;
}
