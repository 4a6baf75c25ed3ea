import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';
import type { AnyRule } from '../rules/types.js';
import { ConfigError, type UserConfig } from './types.js';
import { validateUserConfig } from './validate.js';

export const CONFIG_FILE_NAMES = ['migrasafe.config.json', '.migrasaferc.json', '.migrasaferc'];

export interface LoadedConfig {
  config: UserConfig;
  /** File it came from; undefined when none was found. */
  file?: string;
  /** Directory of the config file (or the start directory). */
  root: string;
}

const fileCache = new Map<string, UserConfig>();

/** Reads and validates one config file (JSON with comments), once per run. */
export function readConfigFile(file: string, rules: readonly AnyRule[]): UserConfig {
  let config = fileCache.get(file);
  if (!config) {
    config = readConfigFileUncached(file, rules);
    fileCache.set(file, config);
  }
  return config;
}

function readConfigFileUncached(file: string, rules: readonly AnyRule[]): UserConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the file: ${(e as Error).message}`, file);
  }
  const data = parseJsonWithComments(text, file);
  if (path.basename(file) === 'package.json') {
    return validateUserConfig((data as Record<string, unknown>).migrasafe, `${file} ("migrasafe" key)`, rules);
  }
  return validateUserConfig(data, file, rules);
}

/** Plain JSON first; the JSON-with-comments parser loads only for files that need it (start-up cost). */
function parseJsonWithComments(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // comments, trailing commas, or a real mistake: let jsonc-parser say which
  }
  const jsonc = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
  const errors: ParseError[] = [];
  const data = jsonc.parse(text, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length) {
    const e = errors[0];
    const line = text.slice(0, e.offset).split('\n').length;
    throw new ConfigError(`invalid JSON at line ${line}: ${jsonc.printParseErrorCode(e.error)}`, file);
  }
  return data;
}

const cache = new Map<string, LoadedConfig>();

/** Finds the nearest config by walking up from `startDir`: config files first, then package.json's "migrasafe" key. */
export function findConfig(startDir: string, rules: readonly AnyRule[]): LoadedConfig {
  const start = path.resolve(startDir);
  const cached = cache.get(start);
  if (cached) return cached;
  let dir = start;
  let result: LoadedConfig | undefined;
  // Directories walked through without a config share the answer of the one above them.
  const visited: string[] = [];
  for (;;) {
    const known = cache.get(dir);
    if (known) {
      if (known.file) result = known; // (a directory above with no config: nothing found either)
      break;
    }
    visited.push(dir);
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) {
        result = { config: readConfigFile(candidate, rules), file: candidate, root: dir };
        break;
      }
    }
    if (result) break;
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
      } catch {
        // a broken package.json is not ours to report
      }
      if (json?.migrasafe !== undefined) {
        result = { config: readConfigFile(pkg, rules), file: pkg, root: dir };
        break;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // With no config anywhere above, each directory is its own root (relative patterns resolve there).
  // Every directory walked through has that answer too: remembered, so the next file in a sibling
  // directory stops at their parent instead of checking every level up to / again (on a corpus
  // with no config: 7,176 existence checks for 1,411 files).
  if (!result) {
    for (const d of visited) if (d !== start) cache.set(d, { config: {}, root: d });
    const none: LoadedConfig = { config: {}, root: start };
    cache.set(start, none);
    return none;
  }
  for (const d of visited) cache.set(d, result);
  return result;
}

export function clearConfigCache(): void {
  cache.clear();
  fileCache.clear();
}
