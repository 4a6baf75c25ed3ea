import type { Engine, Level } from '../core/types.js';
import { isSupportedVersion, parseVersion, supportedVersionsText } from '../engines/version.js';
import type { AnyRule } from '../rules/types.js';
import { ConfigError, type RuleSetting, type UserConfig } from './types.js';
import { TOOL_NAMES } from '../sources/tool-names.js';

const ENGINES: Engine[] = ['postgres', 'mysql', 'mariadb'];
const LEVELS: Level[] = ['off', 'info', 'warn', 'error'];
const PRESETS = ['recommended', 'strict'];

/** Keys a config may hold. Capabilities that add keys register them here. */
export const knownConfigKeys = new Set(['$schema', 'extends', 'engine', 'targetVersion', 'rules', 'include', 'ignore', 'paths', 'tool', 'databases', 'release', 'allowJs', 'toolOptions']);

/** Keys a `databases` entry may hold: the global settings that can differ per database, and its own. */
export const databaseEntryKeys = new Set(['name', 'paths', 'sources', 'extends', 'engine', 'targetVersion', 'rules', 'include', 'ignore', 'tool', 'toolOptions']);

/** Checks a parsed config object and names the file and key of the first problem. */
export function validateUserConfig(raw: unknown, file: string, rules: readonly AnyRule[]): UserConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('the configuration must be a JSON object', file);
  const cfg = raw as Record<string, unknown>;
  for (const key of Object.keys(cfg)) {
    if (!knownConfigKeys.has(key)) throw new ConfigError(`unknown key "${key}"; known keys: ${[...knownConfigKeys].filter((k) => k !== '$schema').join(', ')}`, file, key);
  }
  checkSettings(cfg, file, rules, '');
  if (cfg.allowJs !== undefined && typeof cfg.allowJs !== 'boolean') throw new ConfigError('"allowJs" must be true or false', file, 'allowJs');
  if (cfg.databases !== undefined) checkDatabases(cfg.databases, cfg, file, rules);
  return cfg as UserConfig;
}

/** The settings shared by the top level and each database entry; `prefix` names the entry in errors. */
function checkSettings(cfg: Record<string, unknown>, file: string, rules: readonly AnyRule[], prefix: string, defaults: Record<string, unknown> = {}): void {
  if (cfg.extends !== undefined) {
    const list = Array.isArray(cfg.extends) ? cfg.extends : [cfg.extends];
    for (const p of list) if (!PRESETS.includes(p as string)) throw new ConfigError(`unknown preset "${String(p)}"; use "recommended" or "strict"`, file, `${prefix}extends`);
  }
  if (cfg.engine !== undefined && !ENGINES.includes(cfg.engine as Engine)) {
    throw new ConfigError(`unknown engine "${String(cfg.engine)}"; use one of ${ENGINES.join(', ')}`, file, `${prefix}engine`);
  }
  if (cfg.tool !== undefined && !TOOL_NAMES.includes(cfg.tool as never)) {
    throw new ConfigError(`unknown tool "${String(cfg.tool)}"; use one of ${TOOL_NAMES.join(', ')}`, file, `${prefix}tool`);
  }
  if (cfg.targetVersion !== undefined) {
    const engine = (cfg.engine as Engine | undefined) ?? (defaults.engine as Engine | undefined) ?? 'postgres';
    checkVersion(engine, cfg.targetVersion, file, `${prefix}targetVersion`);
  }
  for (const key of ['include', 'ignore', 'paths']) {
    const v = cfg[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) throw new ConfigError('must be an array of strings', file, `${prefix}${key}`);
  }
  if (cfg.release !== undefined) checkRelease(cfg.release, file);
  if (cfg.toolOptions !== undefined) checkToolOptions(cfg.toolOptions, (cfg.tool ?? defaults.tool) as string | undefined, file, `${prefix}toolOptions`);
  if (cfg.rules !== undefined) {
    if (!cfg.rules || typeof cfg.rules !== 'object' || Array.isArray(cfg.rules)) throw new ConfigError('must be an object of rule id to level', file, `${prefix}rules`);
    for (const [id, setting] of Object.entries(cfg.rules as Record<string, unknown>)) {
      checkRuleSetting(id, setting, rules, file, `${prefix}rules.${id}`);
    }
  }
}

function checkDatabases(value: unknown, top: Record<string, unknown>, file: string, rules: readonly AnyRule[]): void {
  if (!Array.isArray(value)) throw new ConfigError('must be a list of database entries ({ "name", "paths", ... })', file, 'databases');
  const names = new Set<string>();
  value.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new ConfigError('must be an object with "name" and "paths"', file, `databases[${i}]`);
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(e.name)) throw new ConfigError('needs a "name" (letters, digits, _ . -)', file, `databases[${i}].name`);
    const at = `databases["${e.name}"].`;
    if (names.has(e.name)) throw new ConfigError(`the name "${e.name}" is used twice`, file, `${at}name`);
    names.add(e.name);
    for (const key of Object.keys(e)) {
      if (!databaseEntryKeys.has(key)) throw new ConfigError(`unknown key "${key}" in a database entry; known keys: ${[...databaseEntryKeys].join(', ')}`, file, `${at}${key}`);
    }
    if (!Array.isArray(e.paths) || e.paths.length === 0) throw new ConfigError('needs "paths": the migration directories of this database', file, `${at}paths`);
    checkSettings(e, file, rules, at, top);
    if (e.sources !== undefined) {
      const groups = Array.isArray(e.sources) ? { [e.name]: e.sources } : e.sources;
      if (!groups || typeof groups !== 'object') throw new ConfigError('must be a list of globs or an object of service name -> globs', file, `${at}sources`);
      for (const [service, globs] of Object.entries(groups as Record<string, unknown>)) {
        if (!Array.isArray(globs) || globs.some((g) => typeof g !== 'string')) throw new ConfigError('must be an array of glob strings', file, Array.isArray(e.sources) ? `${at}sources` : `${at}sources.${service}`);
      }
    }
  });
}

export function checkVersion(engine: Engine, value: unknown, file: string | undefined, key: string): string {
  const v = parseVersion(String(value));
  if ((typeof value !== 'string' && typeof value !== 'number') || !v || !isSupportedVersion(engine, v)) {
    throw new ConfigError(`"${String(value)}" is not a supported ${engine} version (supported: ${supportedVersionsText[engine]})`, file, key);
  }
  return String(value);
}

export function checkRuleSetting(id: string, setting: unknown, rules: readonly AnyRule[], file: string | undefined, key: string): void {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) {
    const close = rules.map((r) => r.meta.id).filter((r) => r.includes(id.split('-')[0] ?? id)).slice(0, 3);
    throw new ConfigError(`unknown rule "${id}"${close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '; run `migrasafe rules` for the list'}`, file, key);
  }
  const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
  if (!LEVELS.includes(level as Level)) throw new ConfigError(`severity must be one of ${LEVELS.join(', ')} (got ${JSON.stringify(level)})`, file, key);
  if (options === undefined) return;
  if (!options || typeof options !== 'object' || Array.isArray(options)) throw new ConfigError('rule options must be an object', file, key);
  const schema = rule.meta.options ?? {};
  for (const [name, value] of Object.entries(options as Record<string, unknown>)) {
    const spec = schema[name];
    if (!spec) throw new ConfigError(`rule "${id}" has no option "${name}"${Object.keys(schema).length ? ` (options: ${Object.keys(schema).join(', ')})` : ''}`, file, `${key}.${name}`);
    const ok = spec.type === 'string[]' ? Array.isArray(value) && value.every((x) => typeof x === 'string') : typeof value === spec.type;
    if (!ok) throw new ConfigError(`must be a ${spec.type}`, file, `${key}.${name}`);
  }
}

export function parseRuleSetting(setting: RuleSetting): { level: Level; options: Record<string, unknown> } {
  const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
  return { level, options: options ?? {} };
}

/** Options per tool: which tool each applies to, and its type. */
const TOOL_OPTIONS: Record<string, { tool: string; type: 'boolean'; description: string }> = {
  multiStatement: { tool: 'golang-migrate', type: 'boolean', description: 'the database URL has x-multi-statement=true' },
};

function checkToolOptions(value: unknown, tool: string | undefined, file: string, key: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('must be an object like { "multiStatement": true }', file, key);
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    const spec = TOOL_OPTIONS[name];
    if (!spec) throw new ConfigError(`unknown tool option "${name}"; known options: ${Object.entries(TOOL_OPTIONS).map(([k, o]) => `${k} (${o.tool}: ${o.description})`).join(', ')}`, file, `${key}.${name}`);
    if (typeof v !== spec.type) throw new ConfigError(`must be true or false`, file, `${key}.${name}`);
    if (tool && tool !== spec.tool) throw new ConfigError(`"${name}" is a ${spec.tool} option, but "tool" is "${tool}"`, file, `${key}.${name}`);
  }
}

function checkRelease(value: unknown, file: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('must be an object like { "base": "origin/main", "unreleased": 1 }', file, 'release');
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'base') {
      if (typeof v !== 'string' || v === '') throw new ConfigError('must be a git ref (string)', file, 'release.base');
    } else if (k === 'unreleased') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ConfigError('must be a whole number of files (0 or more)', file, 'release.unreleased');
    } else throw new ConfigError(`unknown key "${k}"; known keys: base, unreleased`, file, `release.${k}`);
  }
}
