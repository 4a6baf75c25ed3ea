// The extension's decisions, kept free of the `vscode` module so they can be tested anywhere:
// which files go to the server, how to start it, and what to tell it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface MigrasafeSettings {
  enable: boolean;
  path: string;
  migrationGlobs: string[];
  changelogGlobs: string[];
  configFile: string;
  debounceMs: number;
}

export const defaultSettings: MigrasafeSettings = {
  enable: true,
  path: '',
  migrationGlobs: ['**/migrations/**/*.sql', '**/migrate/**/*.sql', '**/db/**/*.sql', '**/changelog/**/*.sql', '**/deploy/**/*.sql'],
  // Liquibase's own layout (Spring Boot: db/changelog/db.changelog-master.yaml) and master files named after it.
  changelogGlobs: ['**/changelog/**/*.{xml,yaml,yml,json}', '**/changelogs/**/*.{xml,yaml,yml,json}', '**/*changelog*.{xml,yaml,yml,json}', '**/liquibase/**/*.{xml,yaml,yml,json}'],
  configFile: '',
  debounceMs: 150,
};

/** Reads settings through a `get(key, default)` function (VS Code's WorkspaceConfiguration has one). */
export function readSettings(get: <T>(key: string, fallback: T) => T): MigrasafeSettings {
  const globList = (key: 'migrationGlobs' | 'changelogGlobs') => {
    const globs = get<unknown>(key, defaultSettings[key]);
    // An empty list turns Liquibase changelogs off; SQL migrations always have a list.
    const valid = Array.isArray(globs) && globs.every((g) => typeof g === 'string') && (globs.length > 0 || key === 'changelogGlobs');
    return valid ? (globs as string[]) : defaultSettings[key];
  };
  const debounce = Number(get<unknown>('debounceMs', defaultSettings.debounceMs));
  return {
    enable: get('enable', defaultSettings.enable) !== false,
    path: String(get('path', defaultSettings.path) ?? '').trim(),
    migrationGlobs: globList('migrationGlobs'),
    changelogGlobs: globList('changelogGlobs'),
    configFile: String(get('configFile', defaultSettings.configFile) ?? '').trim(),
    debounceMs: Number.isFinite(debounce) && debounce >= 0 ? debounce : defaultSettings.debounceMs,
  };
}

/**
 * Document filters: SQL files on disk whose path matches one of the migration globs, and files
 * matching the changelog globs in any language (XML, YAML, JSON: the server lints only those whose
 * root is `databaseChangeLog` and leaves other XML/YAML/JSON alone).
 */
export function documentSelector(settings: MigrasafeSettings): Array<{ scheme: string; language?: string; pattern: string }> {
  return [...settings.migrationGlobs.map((pattern) => ({ scheme: 'file', language: 'sql', pattern })), ...settings.changelogGlobs.map((pattern) => ({ scheme: 'file', pattern }))];
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * How to start `migrasafe lsp --stdio`: the configured path, else the workspace's own migrasafe
 * (node_modules), else `migrasafe` on the PATH. JavaScript entry points run with the same Node
 * that runs the editor's extension host (`nodePath`).
 */
export function serverCommand(settings: MigrasafeSettings, workspaceFolders: string[], nodePath: string, exists: (p: string) => boolean = fs.existsSync): ServerCommand {
  const args = ['lsp', '--stdio'];
  const run = (entry: string): ServerCommand => (/\.(c|m)?js$/.test(entry) ? { command: nodePath, args: [entry, ...args] } : { command: entry, args });
  if (settings.path) {
    const first = workspaceFolders[0];
    return run(path.isAbsolute(settings.path) || !first ? settings.path : path.join(first, settings.path));
  }
  for (const folder of workspaceFolders) {
    const local = path.join(folder, 'node_modules', 'migrasafe', 'bin', 'migrasafe.js');
    if (exists(local)) return run(local);
  }
  return { command: process.platform === 'win32' ? 'migrasafe.cmd' : 'migrasafe', args };
}

/** What the server reads from `initializationOptions`. */
export function initializationOptions(settings: MigrasafeSettings, workspaceFolders: string[]): { debounceMs: number; configFile?: string } {
  const configFile = settings.configFile ? (path.isAbsolute(settings.configFile) || !workspaceFolders[0] ? settings.configFile : path.join(workspaceFolders[0], settings.configFile)) : undefined;
  return { debounceMs: settings.debounceMs, ...(configFile ? { configFile } : {}) };
}

/**
 * Files whose change the server must hear about: migrations and changelogs (history) and config
 * files. One file system watcher each: VS Code's globs do not nest braces.
 */
export function watchedFiles(settings: MigrasafeSettings): string[] {
  return ['**/{*.sql,migrasafe.config.json,.migrasaferc.json,.migrasaferc,package.json}', ...settings.changelogGlobs];
}
