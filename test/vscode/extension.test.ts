import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { defaultSettings, documentSelector, initializationOptions, readSettings, serverCommand, watchedFiles } from '../../editors/vscode/src/settings.js';

const ext = path.resolve('editors/vscode');
const manifest = JSON.parse(readFileSync(path.join(ext, 'package.json'), 'utf8'));

/** Smallest version a `^x.y.z` / `~x.y.z` / `x.y.z` range accepts. */
const floor = (range: string) => range.replace(/^[~^>=]+/, '').split('.').map(Number);
const atLeast = (a: number[], b: number[]) => a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2];

describe('VS Code extension manifest', () => {
  it('has the fields VS Code and vsce require', () => {
    for (const key of ['name', 'displayName', 'description', 'version', 'publisher', 'engines', 'main']) expect(manifest[key], key).toBeTruthy();
    expect(manifest.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.engines.vscode).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(manifest.main).toBe('./out/extension.js');
  });

  it('activates on SQL and on workspaces with migrations, and contributes its settings and commands', () => {
    expect(manifest.activationEvents).toContain('onLanguage:sql');
    expect(manifest.activationEvents.some((e: string) => /^workspaceContains:.*migrations/.test(e))).toBe(true);
    const props = manifest.contributes.configuration.properties;
    for (const [key, prop] of Object.entries<{ type: string; default: unknown; description: string }>(props)) {
      expect(key).toMatch(/^migrasafe\./);
      expect(prop.description.length, key).toBeGreaterThan(10);
      expect(Array.isArray(prop.default) ? 'array' : typeof prop.default, key).toBe(prop.type);
    }
    // The manifest's defaults and the code's defaults are the same.
    for (const [key, value] of Object.entries(defaultSettings)) expect(props[`migrasafe.${key}`].default, key).toEqual(value);
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toContain('migrasafe.restart');
  });

  it('declares an engine that the language client and the typings it is built with support', () => {
    const client = JSON.parse(readFileSync(path.resolve('node_modules/vscode-languageclient/package.json'), 'utf8'));
    expect(manifest.dependencies['vscode-languageclient']).toBe(`^${client.version}`);
    expect(atLeast(floor(manifest.engines.vscode), floor(client.engines.vscode))).toBe(true);
    const types = JSON.parse(readFileSync(path.resolve('node_modules/@types/vscode/package.json'), 'utf8'));
    // vsce refuses a package whose @types/vscode is newer than engines.vscode.
    expect(atLeast(floor(manifest.engines.vscode), floor(types.version))).toBe(true);
  });

  it('builds with tsc into the entry point the manifest names', () => {
    rmSync(path.join(ext, 'out'), { recursive: true, force: true });
    execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', ext], { stdio: 'pipe' });
    const main = path.join(ext, manifest.main);
    expect(existsSync(main)).toBe(true);
    const js = readFileSync(main, 'utf8');
    // CommonJS for the extension host, exporting the two hooks, starting the server over stdio.
    expect(js).toMatch(/exports\.activate = activate/);
    expect(js).toMatch(/exports\.deactivate = deactivate/);
    expect(js).toContain('require("vscode-languageclient/node")');
  });
});

describe('extension settings logic', () => {
  it('reads settings with fallbacks for missing or invalid values', () => {
    const values: Record<string, unknown> = { debounceMs: -5, migrationGlobs: [], changelogGlobs: 'oops', path: '  ./bin/migrasafe.js ', enable: false };
    const s = readSettings(<T,>(key: string, fallback: T) => (key in values ? (values[key] as T) : fallback));
    expect(s).toEqual({ ...defaultSettings, enable: false, path: './bin/migrasafe.js', debounceMs: 150 });
    // An empty changelog list is a choice (no Liquibase here), not a mistake.
    expect(readSettings(<T,>(key: string, fallback: T) => (key === 'changelogGlobs' ? ([] as T) : fallback)).changelogGlobs).toEqual([]);
  });

  it('sends SQL files in migration folders and Liquibase changelogs (XML, YAML, JSON) to the server', () => {
    const sel = documentSelector({ ...defaultSettings, migrationGlobs: ['**/db/migrate/*.sql'], changelogGlobs: ['**/db/changelog/**/*.{xml,yaml}'] });
    expect(sel).toEqual([
      { scheme: 'file', language: 'sql', pattern: '**/db/migrate/*.sql' },
      // Any language: VS Code calls a YAML changelog "yaml" and an XML one "xml".
      { scheme: 'file', pattern: '**/db/changelog/**/*.{xml,yaml}' },
    ]);
    expect(documentSelector({ ...defaultSettings, changelogGlobs: [] }).every((f) => f.language === 'sql')).toBe(true);
  });

  it('the default changelog globs match where Liquibase and Spring Boot put changelogs, and no other JSON or YAML', () => {
    const matches = (file: string) => defaultSettings.changelogGlobs.some((g) => picomatch(g)(file));
    for (const file of ['src/main/resources/db/changelog/db.changelog-master.yaml', 'src/main/resources/db/changelog/changes/001-users.xml', 'liquibase/master.xml', 'db/changelog.json', 'app/changelogs/2024/01.yml']) expect(matches(file), file).toBe(true);
    for (const file of ['package.json', 'tsconfig.json', '.github/workflows/ci.yml', 'docker-compose.yaml', 'db/migrations/001.sql']) expect(matches(file), file).toBe(false);
  });

  it('watches migrations, changelogs and config files, one glob per watcher (VS Code globs do not nest braces)', () => {
    const globs = watchedFiles(defaultSettings);
    expect(globs[0]).toBe('**/{*.sql,migrasafe.config.json,.migrasaferc.json,.migrasaferc,package.json}');
    expect(globs.slice(1)).toEqual(defaultSettings.changelogGlobs);
    for (const g of globs) expect(g, g).not.toMatch(/\{[^}]*\{/);
  });

  it("starts the workspace's own migrasafe with the editor's Node, else the configured path, else the PATH", () => {
    const ws = '/work/app';
    const local = path.join(ws, 'node_modules', 'migrasafe', 'bin', 'migrasafe.js');
    const has = (p: string) => p === local;
    expect(serverCommand(defaultSettings, [ws], '/usr/bin/node', has)).toEqual({ command: '/usr/bin/node', args: [local, 'lsp', '--stdio'] });
    expect(serverCommand(defaultSettings, [ws], '/usr/bin/node', () => false)).toEqual({ command: process.platform === 'win32' ? 'migrasafe.cmd' : 'migrasafe', args: ['lsp', '--stdio'] });
    expect(serverCommand({ ...defaultSettings, path: 'tools/migrasafe' }, [ws], '/usr/bin/node', has)).toEqual({ command: path.join(ws, 'tools/migrasafe'), args: ['lsp', '--stdio'] });
    expect(serverCommand({ ...defaultSettings, path: '/opt/m/bin/migrasafe.js' }, [ws], '/usr/bin/node', has)).toEqual({ command: '/usr/bin/node', args: ['/opt/m/bin/migrasafe.js', 'lsp', '--stdio'] });
  });

  it('passes debounce and config file to the server, the config resolved against the workspace', () => {
    expect(initializationOptions({ ...defaultSettings, configFile: 'config/migrasafe.json', debounceMs: 50 }, ['/w'])).toEqual({ debounceMs: 50, configFile: path.join('/w', 'config/migrasafe.json') });
    expect(initializationOptions(defaultSettings, ['/w'])).toEqual({ debounceMs: 150 });
  });

  it('starts a server that really answers: the command it builds runs `migrasafe lsp`', () => {
    const cmd = serverCommand({ ...defaultSettings, path: path.resolve('bin/migrasafe.js') }, [process.cwd()], process.execPath);
    const help = execFileSync(cmd.command, [...cmd.args.slice(0, -2), 'lsp', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/--stdio/);
  });
});
