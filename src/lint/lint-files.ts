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

/** Lints one file's text. Never throws for bad SQL or a crashing rule: both become messages. */
export async function lintText(text: string, filePath: string, opts: LintOptions, config = configFor(filePath, opts)): Promise<FileResult> {
  await initParser(config.engine);
  const version = parseVersion(config.targetVersion)!;
  const rules = enabledRules(config);
  const run = (source: string): Diagnostic[] => {
    try {
      return lintSource({ filePath, text: source, parsed: parseSource(config.engine, source), engine: config.engine, version, rules, knownRuleIds });
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

export async function lintFile(filePath: string, opts: LintOptions): Promise<FileResult> {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    return { filePath, source: '', diagnostics: [internalError('', error, `Cannot read file: ${(error as Error).message}`)] };
  }
  return lintText(text, filePath, opts);
}

export async function lintFiles(files: readonly string[], opts: LintOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const f of files) results.push(await lintFile(f, opts));
  return results;
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
