import type { Engine, Level } from '../core/types.js';
import { defaultVersions, isSupportedVersion, parseVersion } from '../engines/version.js';
import type { AnyRule } from '../rules/types.js';
import path from 'node:path';
import type { DatabaseEntry, DatabaseService, PresetName, ResolvedConfig, RuleSetting, UserConfig } from './types.js';
import { checkRuleSetting, checkVersion, parseRuleSetting } from './validate.js';

export interface CliOverrides {
  engine?: Engine;
  targetVersion?: string;
  /** `--rule id:level` */
  rules?: Record<string, RuleSetting>;
  /** `--allow-js`: run project code to read Knex migrations. */
  allowJs?: boolean;
}

/** Whether a rule is on in a preset: `recommended` has everything but style rules; `strict` has all. */
export function presetLevel(rule: AnyRule, presets: PresetName[]): Level {
  return presets.some((p) => rule.meta.presets.includes(p)) ? rule.meta.defaultLevel : 'off';
}

/**
 * Resolves the configuration for a file. With `databases`, the entry whose `paths` contain the
 * file overrides the top-level settings (rules merge, rule by rule); without a file, or for a
 * file outside every entry, the top level applies.
 */
export function resolveConfig(top: UserConfig, rules: readonly AnyRule[], root: string, source?: string, cli: CliOverrides = {}, filePath?: string): ResolvedConfig {
  const entry = filePath ? databaseEntryFor(top, root, filePath) : undefined;
  const user: UserConfig = entry ? mergeEntry(top, entry) : top;
  const presets: PresetName[] = user.extends === undefined ? ['recommended'] : Array.isArray(user.extends) ? user.extends : [user.extends];
  const engineExplicit = !!(cli.engine ?? user.engine);
  // `--target-version 8.0.29` alone can only mean MySQL.
  const engine = cli.engine ?? user.engine ?? engineFromVersion(cli.targetVersion ?? user.targetVersion) ?? 'postgres';
  const targetVersion = cli.targetVersion
    ? checkVersion(engine, cli.targetVersion, undefined, '--target-version')
    : user.targetVersion !== undefined
      ? String(user.targetVersion)
      : defaultVersions[engine];
  const resolvedRules: ResolvedConfig['rules'] = {};
  for (const rule of rules) {
    const defaults = Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([k, v]) => [k, v.default]));
    resolvedRules[rule.meta.id] = { level: presetLevel(rule, presets), options: defaults };
  }
  for (const layer of [user.rules ?? {}, cli.rules ?? {}]) {
    for (const [id, setting] of Object.entries(layer)) {
      if (layer === cli.rules) checkRuleSetting(id, setting, rules, undefined, `--rule ${id}`);
      const { level, options } = parseRuleSetting(setting);
      resolvedRules[id] = { level, options: { ...resolvedRules[id].options, ...options } };
    }
  }
  return {
    engine,
    engineExplicit: engineExplicit || engine !== 'postgres',
    engineFrom: cli.engine ? 'cli' : user.engine ? 'config' : engine !== 'postgres' ? 'version' : 'default',
    targetVersionExplicit: (cli.targetVersion ?? user.targetVersion) !== undefined,
    targetVersion,
    presets,
    rules: resolvedRules,
    include: user.include ?? ['**/*.sql'],
    ignore: user.ignore ?? [],
    paths: [...(top.paths ?? []), ...(top.databases ?? []).flatMap((d) => d.paths)],
    tool: user.tool,
    release: user.release ?? {},
    source,
    root,
    database: entry ? { name: entry.name, services: servicesOf(entry) } : undefined,
    databases: (top.databases ?? []).map((d) => ({ name: d.name, paths: d.paths.map((p) => path.resolve(root, p)) })),
    allowJs: cli.allowJs ?? top.allowJs ?? false,
    toolOptions: { ...(user.toolOptions ?? {}), ...(user.toolOptions ? { from: `${source ? path.basename(source) : 'config'} ${entry?.toolOptions ? `databases["${entry.name}"].toolOptions` : 'toolOptions'}` } : {}) },
  };
}

/** The engine a version can only belong to (`5.7`, `8.0.29`, `8.4`: MySQL), when nothing names it. */
function engineFromVersion(value: string | number | undefined): Engine | undefined {
  if (value === undefined) return undefined;
  const v = parseVersion(String(value));
  if (!v || isSupportedVersion('postgres', v)) return undefined;
  if (isSupportedVersion('mysql', v)) return 'mysql';
  if (isSupportedVersion('mariadb', v)) return 'mariadb';
  return undefined;
}

/** The database entry whose migration paths contain the file (the longest matching path wins). */
export function databaseEntryFor(top: UserConfig, root: string, filePath: string): DatabaseEntry | undefined {
  const abs = path.resolve(filePath);
  let best: { entry: DatabaseEntry; length: number } | undefined;
  for (const entry of top.databases ?? []) {
    for (const p of entry.paths) {
      const dir = path.resolve(root, p);
      if ((abs === dir || abs.startsWith(dir + path.sep)) && (!best || dir.length > best.length)) best = { entry, length: dir.length };
    }
  }
  return best?.entry;
}

function mergeEntry(top: UserConfig, entry: DatabaseEntry): UserConfig {
  const { name: _name, paths: _paths, sources: _sources, ...settings } = entry;
  return { ...top, ...settings, rules: { ...(top.rules ?? {}), ...(entry.rules ?? {}) } };
}

/** `sources` as services: a plain list is one service named after the database. */
export function servicesOf(entry: DatabaseEntry): DatabaseService[] {
  if (!entry.sources) return [];
  if (Array.isArray(entry.sources)) return [{ name: entry.name, sources: entry.sources }];
  return Object.entries(entry.sources).map(([name, sources]) => ({ name, sources }));
}
