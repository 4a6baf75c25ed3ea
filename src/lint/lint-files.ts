import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineIndex } from '../core/line-index.js';
import type { Diagnostic, FileResult } from '../core/types.js';
import { findConfig, readConfigFile } from '../config/load.js';
import { resolveConfig, type CliOverrides } from '../config/resolve.js';
import type { ResolvedConfig } from '../config/types.js';
import { parseVersion } from '../engines/version.js';
import { initParser, parseSource } from '../parsers/index.js';
import { applyEdits, pickFixes } from '../rewrites/apply-edits.js';
import { allRules } from '../rules/index.js';
import { lintSource, type ResolvedRule } from './lint-source.js';
import { Catalog } from '../schema/replay.js';
import { findMigrationSet } from '../sources/find-set.js';
import type { MigrationFile, MigrationSet } from '../sources/types.js';

const knownRuleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export interface LintOptions {
  cwd: string;
  /** Explicit config file (`--config`); otherwise found by walking up from each file. */
  configFile?: string;
  overrides?: CliOverrides;
  /** Apply safe fixes and return the fixed text in `output`. */
  fix?: boolean;
}

/** The configuration that applies to a file (or to stdin, from the working directory). */
export function configFor(filePath: string, opts: LintOptions): ResolvedConfig {
  if (opts.configFile) {
    const file = path.resolve(opts.cwd, opts.configFile);
    return resolveConfig(readConfigFile(file, allRules), allRules, path.dirname(file), file, opts.overrides);
  }
  const found = findConfig(path.dirname(path.resolve(opts.cwd, filePath)), allRules);
  return resolveConfig(found.config, allRules, found.root, found.file, opts.overrides);
}

export function enabledRules(config: ResolvedConfig): ResolvedRule[] {
  const out: ResolvedRule[] = [];
  for (const rule of allRules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.level === 'off') continue;
    out.push({ rule, level: setting.level, options: setting.options });
  }
  return out;
}

/** Per-file inputs that come from the migration tool and the history before the file. */
export interface FileContextInput {
  /** Tool information for the file (segments, transaction mode, preprocessing). */
  migration?: MigrationFile;
  /** Schema before this file; replayed forward as the file is linted. */
  catalog?: Catalog;
}

/** Lints one file's text. Never throws for bad SQL or a crashing rule: both become messages. */
export async function lintText(
  text: string,
  filePath: string,
  opts: LintOptions,
  config = configFor(filePath, opts),
  context: FileContextInput = {},
): Promise<FileResult> {
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
  config = configFor(filePath, opts),
  context: FileContextInput = {},
): FileResult {
  const version = parseVersion(config.targetVersion)!;
  const rules = enabledRules(config);
  const { migration } = context;
  // Fixes re-lint from the same starting schema, so keep a pristine copy.
  const startCatalog = context.catalog;
  const run = (source: string): Diagnostic[] => {
    try {
      const prepared = migration?.preprocess ? migration.preprocess(source) : source;
      return lintSource({
        filePath,
        text: prepared,
        parsed: parseSource(config.engine, prepared),
        engine: config.engine,
        version,
        rules,
        knownRuleIds,
        segments: migration?.segments?.(prepared) ?? (migration?.toolTransaction ? [{ range: { start: 0, end: prepared.length }, direction: 'up', toolTransaction: true }] : undefined),
        catalog: startCatalog?.clone(),
      });
    } catch (error) {
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
      const next = applyEdits(current, edits);
      if (next === current) break;
      current = next;
      diagnostics = run(current);
    }
    if (current !== text) output = current;
  }
  return { filePath, source: output ?? text, diagnostics, output };
}

function readText(filePath: string): string | Error {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    return error as Error;
  }
}

/** Applies a file's `up` statements to the catalog without running rules (history before a linted file). */
export function replayFile(text: string, config: ResolvedConfig, catalog: Catalog, migration?: MigrationFile): void {
  const prepared = migration?.preprocess ? migration.preprocess(text) : text;
  let parsed;
  try {
    parsed = parseSource(config.engine, prepared);
  } catch {
    return;
  }
  const segments = migration?.segments?.(prepared);
  for (const st of parsed.statements) {
    const seg = segments?.find((s) => st.range.start >= s.range.start && st.range.start < s.range.end);
    if (seg && seg.direction !== 'up') continue;
    for (const op of st.ops) catalog.apply(op, 'before');
  }
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
  const results = new Map<string, FileResult>();
  const sets = new Map<string, MigrationSet>();
  const bySet = new Map<MigrationSet, Set<string>>();
  for (const f of files) {
    const set = findMigrationSet(f, sets);
    if (!bySet.has(set)) bySet.set(set, new Set());
    bySet.get(set)!.add(path.resolve(f));
  }
  for (const [set, wanted] of bySet) {
    const config = configFor(set.files[0]?.path ?? [...wanted][0], opts);
    await initParser(config.engine);
    const catalog = new Catalog(true);
    let remaining = wanted.size;
    for (const mf of set.files) {
      if (remaining === 0) break;
      const isWanted = wanted.has(mf.path);
      if (!isWanted && mf.role !== 'up' && mf.role !== 'repeatable') continue;
      const text = readText(mf.path);
      if (isWanted) {
        remaining--;
        wanted.delete(mf.path);
        results.set(mf.path, typeof text === 'string' ? await lintText(text, mf.path, opts, configFor(mf.path, opts), { migration: mf, catalog }) : unreadable(mf.path, text));
      }
      if (typeof text === 'string' && mf.role !== 'down') replayFile(text, config, catalog, mf);
    }
    // Requested files the set does not list (not a migration of its tool): linted on their own.
    for (const f of wanted) {
      const text = readText(f);
      results.set(f, typeof text === 'string' ? await lintText(text, f, opts) : unreadable(f, text));
    }
  }
  return files.map((f) => results.get(path.resolve(f))!);
}

function unreadable(filePath: string, error: Error): FileResult {
  return { filePath, source: '', diagnostics: [internalError('', error, `Cannot read file: ${error.message}`)] };
}

function internalError(text: string, error: unknown, message?: string): Diagnostic {
  const lines = new LineIndex(text);
  return {
    ruleId: null,
    level: 'error',
    fatal: true,
    message: message ?? `Internal error while linting this file (please report it): ${error instanceof Error ? error.message : String(error)}`,
    location: lines.location({ start: 0, end: 0 }),
  };
}
