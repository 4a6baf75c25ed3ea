import type { Engine, Level } from '../core/types.js';
import { isSupportedVersion, parseVersion, supportedVersionsText } from '../engines/version.js';
import type { AnyRule } from '../rules/types.js';
import { ConfigError, type RuleSetting, type UserConfig } from './types.js';
import { TOOL_NAMES } from '../sources/tool-names.js';

const ENGINES: Engine[] = ['postgres', 'mysql', 'mariadb'];
const LEVELS: Level[] = ['off', 'info', 'warn', 'error'];
const PRESETS = ['recommended', 'strict'];

/** Keys a config may hold. Capabilities that add keys register them here. */
export const knownConfigKeys = new Set(['$schema', 'extends', 'engine', 'targetVersion', 'rules', 'include', 'ignore', 'paths', 'tool']);

/** Checks a parsed config object and names the file and key of the first problem. */
export function validateUserConfig(raw: unknown, file: string, rules: readonly AnyRule[]): UserConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('the configuration must be a JSON object', file);
  const cfg = raw as Record<string, unknown>;
  for (const key of Object.keys(cfg)) {
    if (!knownConfigKeys.has(key)) throw new ConfigError(`unknown key "${key}"; known keys: ${[...knownConfigKeys].filter((k) => k !== '$schema').join(', ')}`, file, key);
  }
  if (cfg.extends !== undefined) {
    const list = Array.isArray(cfg.extends) ? cfg.extends : [cfg.extends];
    for (const p of list) if (!PRESETS.includes(p as string)) throw new ConfigError(`unknown preset "${String(p)}"; use "recommended" or "strict"`, file, 'extends');
  }
  if (cfg.engine !== undefined && !ENGINES.includes(cfg.engine as Engine)) {
    throw new ConfigError(`unknown engine "${String(cfg.engine)}"; use one of ${ENGINES.join(', ')}`, file, 'engine');
  }
  if (cfg.tool !== undefined && !TOOL_NAMES.includes(cfg.tool as never)) {
    throw new ConfigError(`unknown tool "${String(cfg.tool)}"; use one of ${TOOL_NAMES.join(', ')}`, file, 'tool');
  }
  if (cfg.targetVersion !== undefined) {
    const engine = (cfg.engine as Engine | undefined) ?? 'postgres';
    checkVersion(engine, cfg.targetVersion, file, 'targetVersion');
  }
  for (const key of ['include', 'ignore', 'paths']) {
    const v = cfg[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) throw new ConfigError('must be an array of strings', file, key);
  }
  if (cfg.rules !== undefined) {
    if (!cfg.rules || typeof cfg.rules !== 'object' || Array.isArray(cfg.rules)) throw new ConfigError('must be an object of rule id to level', file, 'rules');
    for (const [id, setting] of Object.entries(cfg.rules as Record<string, unknown>)) {
      checkRuleSetting(id, setting, rules, file, `rules.${id}`);
    }
  }
  return cfg as UserConfig;
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
