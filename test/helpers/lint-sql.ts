import { LineIndex } from '../../src/core/line-index.js';
import type { Diagnostic, Engine } from '../../src/core/types.js';
import { parseVersion, defaultVersions } from '../../src/engines/version.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { PresetName } from '../../src/config/types.js';
import { enabledRules } from '../../src/lint/lint-files.js';
import { lintSource, type Segment } from '../../src/lint/lint-source.js';
import { attachPlanSuggestions } from '../../src/lint/plan-suggestions.js';
import { initParser, parseSource } from '../../src/parsers/index.js';
import { allRules } from '../../src/rules/index.js';
import { applyEdits } from '../../src/rewrites/apply-edits.js';
import { Catalog } from '../../src/schema/replay.js';
import type { MigrationInfo } from '../../src/rules/types.js';

export interface LintSqlOptions {
  engine?: Engine;
  version?: string;
  /** Only these rules (default: every rule of the preset). */
  only?: string[];
  presets?: PresetName[];
  /** The tool wraps the whole text in one transaction. */
  toolTransaction?: boolean;
  segments?: Segment[];
  options?: Record<string, Record<string, unknown>>;
  /** Treat the text as a complete migration history (so `unknown-object` may call things missing). */
  completeHistory?: boolean;
  /** What the migration tool says about the file (for the migration rules). */
  migration?: MigrationInfo;
  /** Migrations already deployed: replayed into the schema before `sql` is linted. */
  history?: string;
}

/** Lints SQL text in memory with the real parser and rules; no files, no config lookup. */
export async function lintSql(sql: string, opts: LintSqlOptions = {}): Promise<Diagnostic[]> {
  const engine = opts.engine ?? 'postgres';
  await initParser(engine);
  const config = resolveConfig({ extends: opts.presets ?? ['strict'] }, allRules, process.cwd());
  let rules = enabledRules(config);
  if (opts.only) {
    rules = allRules
      .filter((r) => opts.only!.includes(r.meta.id))
      .map((rule) => ({ rule, level: rule.meta.defaultLevel, options: { ...Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([k, v]) => [k, v.default])), ...(opts.options?.[rule.meta.id] ?? {}) } }));
  }
  const segments = opts.segments ?? (opts.toolTransaction ? [{ range: { start: 0, end: sql.length }, direction: 'up' as const, toolTransaction: true }] : undefined);
  const diagnostics = lintSource({
    filePath: 'test.sql',
    text: sql,
    parsed: parseSource(engine, sql),
    engine,
    version: parseVersion(opts.version ?? defaultVersions[engine])!,
    rules,
    segments,
    migration: opts.migration,
    knownRuleIds: new Set(allRules.map((r) => r.meta.id)),
    catalog: opts.history === undefined ? new Catalog(!!opts.completeHistory) : historyCatalog(engine, opts.history),
  });
  // As lintTextSync does: first-phase suggestions of the findings' plans.
  attachPlanSuggestions(diagnostics);
  return diagnostics;
}

/** A catalog holding what `history` creates, as deployed before the linted file. */
export function historyCatalog(engine: Engine, history: string): Catalog {
  const catalog = new Catalog(true);
  catalog.beginFile(engine);
  for (const st of parseSource(engine, history).statements) for (const op of st.ops) catalog.apply(op, 'before');
  return catalog;
}

/**
 * Fixtures may start with deployed history: everything above a `-- fixture: history above` line is
 * replayed into the schema and blanked (line numbers stay) before the rest is linted.
 */
export function splitFixtureHistory(sql: string): { sql: string; history?: string } {
  const m = /^-- fixture: history above\s*$/m.exec(sql);
  if (!m) return { sql };
  const history = sql.slice(0, m.index);
  return { sql: history.replace(/[^\n]/g, ' ') + sql.slice(m.index), history };
}

/** Applies every safe fix once. */
export function applySafeFixes(sql: string, diagnostics: Diagnostic[]): string {
  return applyEdits(sql, diagnostics.flatMap((d) => (d.fix?.safe ? d.fix.edits : [])));
}

/** Line numbers (1-based) that the diagnostics start on. */
export function linesOf(diagnostics: Diagnostic[]): number[] {
  return diagnostics.map((d) => d.location.start.line);
}

export function textAt(sql: string, d: Diagnostic): string {
  return sql.slice(d.location.range.start, d.location.range.end);
}

export { LineIndex };
