import type { ResolvedConfig } from '../config/types.js';
import type { Diagnostic, Engine } from '../core/types.js';
import { HistoryCache } from '../lint/history-context.js';
import { configFor, lintTextSync, type LintOptions } from '../lint/lint-files.js';
import { allRules } from '../rules/index.js';

/** `languageOptions` of the `migrasafe/sql` language (and the `migrasafe` settings for JS files). */
export interface MigrasafeLanguageOptions {
  [key: string]: unknown;
  engine?: Engine;
  /** Server version the migrations run on, e.g. `16` or `"8.0"`. */
  targetVersion?: string | number;
  /** migrasafe config file to use instead of searching upwards from each file. */
  configFile?: string;
}

function lintOptions(options: MigrasafeLanguageOptions): LintOptions {
  return {
    cwd: process.cwd(),
    configFile: options.configFile,
    overrides: { engine: options.engine, targetVersion: options.targetVersion === undefined ? undefined : String(options.targetVersion) },
  };
}

/**
 * migrasafe's configuration for a file, with every rule running: ESLint's own config decides which
 * `migrasafe/*` rules report and at what severity. Engine, version and rule options still come
 * from the migrasafe config file, unless the language options say otherwise.
 */
export function configForEslint(filePath: string, options: MigrasafeLanguageOptions): ResolvedConfig {
  const config = configFor(filePath, lintOptions(options));
  const rules: ResolvedConfig['rules'] = {};
  for (const rule of allRules) {
    const setting = config.rules[rule.meta.id];
    rules[rule.meta.id] = { level: setting && setting.level !== 'off' ? setting.level : rule.meta.defaultLevel, options: setting?.options ?? {} };
  }
  return { ...config, rules };
}

const histories = new Map<string, HistoryCache>();

function historyFor(options: MigrasafeLanguageOptions): HistoryCache {
  const key = JSON.stringify([process.cwd(), options.configFile, options.engine, options.targetVersion]);
  let cache = histories.get(key);
  if (!cache) {
    // ESLint may run for hours in an editor: check earlier migrations' mtimes on every file.
    cache = new HistoryCache({ lint: lintOptions(options), disk: 'stat' });
    histories.set(key, cache);
  }
  return cache;
}

/** Lints a `.sql` migration with the history of the migrations before it. */
export function lintSqlForEslint(text: string, filePath: string, options: MigrasafeLanguageOptions): Diagnostic[] {
  const config = configForEslint(filePath, options);
  const { context } = historyFor(options).contextFor(filePath);
  // The lint consumes the schema it starts from; the cached history must stay as it is.
  return lintTextSync(text, filePath, lintOptions(options), config, { ...context, catalog: context.catalog?.clone() }).result.diagnostics;
}

/** Lints SQL gathered from a JS/TS migration (no history: its tool keeps the schema elsewhere). */
export function lintEmbeddedSql(text: string, filePath: string, options: MigrasafeLanguageOptions, toolTransaction: boolean): Diagnostic[] {
  const config = configForEslint(filePath, options);
  return lintTextSync(text, filePath, lintOptions(options), config, {
    migration: { path: filePath, role: 'up', toolTransaction },
  }).result.diagnostics;
}
