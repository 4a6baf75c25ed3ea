import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from '../helpers/cli.js';

/**
 * The command line runs from one CommonJS bundle (scripts/bundle.mjs) that bin/load-bundle.js
 * compiles through V8's code cache. These run the real binary.
 */
const bundle = path.join(repoRoot, 'dist', 'cli-bundle', 'main.cjs');
const example = path.join(repoRoot, 'examples', 'postgres', '003_unsafe_changes.sql');
const freshCacheDir = () => mkdtempSync(path.join(os.tmpdir(), 'migrasafe-cache-test-'));

/**
 * A preload that records every package the process requires or imports (through the loader's
 * import hook, which it installs first) and prints them to stderr at exit.
 */
const probe = path.join(mkdtempSync(path.join(os.tmpdir(), 'migrasafe-probe-')), 'probe.cjs');
writeFileSync(
  probe,
  `const Module = require('node:module');
const seen = new Set();
const record = (id) => { if (!id.startsWith('.') && !id.startsWith('/') && !id.startsWith('node:') && !id.startsWith('file:')) seen.add(id); };
const load = Module._load;
Module._load = function (request, ...rest) { record(request); return load.call(this, request, ...rest); };
globalThis[Symbol.for('migrasafe.hostImport')] = (specifier) => { record(specifier); return import(specifier); };
const heavyBuiltins = ['worker_threads', 'child_process', 'crypto', 'http', 'https', 'zlib', 'readline', 'dgram'];
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length)).filter((m) => heavyBuiltins.includes(m));
  process.stderr.write('packages: ' + JSON.stringify([...seen].sort()) + '\\nbuiltins: ' + JSON.stringify(builtins) + '\\n');
});
`,
);

/** The packages a run loads, and the heavier Node built-in modules among those it loads. */
function loaded(args: string[], env: NodeJS.ProcessEnv = {}): { packages: string[]; builtins: string[] } {
  const r = spawnCli(args, { cwd: repoRoot, env: { NODE_OPTIONS: `--require ${probe}`, MIGRASAFE_COMPILE_CACHE: 'off', ...env } });
  const line = (prefix: string) => {
    const found = r.stderr.split('\n').find((l) => l.startsWith(prefix));
    expect(found, r.stderr).toBeDefined();
    return JSON.parse(found!.slice(prefix.length)) as string[];
  };
  return { packages: line('packages: '), builtins: line('builtins: ') };
}
const packagesLoaded = (args: string[]) => loaded(args).packages;

const onDemand = ['yargs', 'vscode-languageserver', 'node-sql-parser', 'knex', 'typescript', 'saxes', 'yaml', 'eslint'];
const startsWithAny = (ids: string[], prefixes: string[]) => ids.filter((id) => prefixes.some((p) => id === p || id.startsWith(`${p}/`)));

describe.skipIf(!existsSync(bundle))('command-line start-up path (needs npm run build)', () => {
  it('a plain PostgreSQL lint run loads no package and no heavy built-in module the run does not need', () => {
    // Outside CI: on CI (CI, GITHUB_BASE_REF, ...) the release rules ask git for the base branch,
    // which needs node:child_process by design.
    const run = loaded([example, '--format', 'json'], { CI: '', GITHUB_BASE_REF: '', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: '' });
    expect(startsWithAny(run.packages, onDemand)).toEqual([]);
    expect(run.builtins).toEqual([]);
  });

  it('the same probe sees the packages other commands load on demand (yargs, the MySQL parser)', () => {
    expect(packagesLoaded(['rules'])).toContain('yargs');
    // A large run starts worker threads: the probe sees the module then.
    expect(loaded(['--format', 'json', path.join('fixtures', 'rules')], { MIGRASAFE_THREADS: '2' }).builtins).toContain('worker_threads');
    const mysql = path.join(repoRoot, 'fixtures', 'rules', 'mysql-table-rebuild');
    const file = readdirSync(mysql).find((f) => f.startsWith('bad'))!;
    expect(startsWithAny(packagesLoaded([path.join(mysql, file), '--format', 'json', '--engine', 'mysql']), ['node-sql-parser'])).not.toEqual([]);
  });

  it('writes V8 code cache on the first run and uses it on the next, with the same findings', () => {
    const dir = freshCacheDir();
    const env = { MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' };
    const first = spawnCli([example, '--format', 'json'], { cwd: repoRoot, env });
    expect(first.stderr).toBe('migrasafe: compile cache created\n');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    // Named for the bundle's size (V8 only compares the source length), Node and the flags' mode.
    expect(files[0]).toContain(`-${process.version}-`);
    expect(files[0]).toContain(`-cli-default-${statSync(bundle).size}-`);
    const second = spawnCli([example, '--format', 'json'], { cwd: repoRoot, env });
    expect(second.stderr).toBe('migrasafe: compile cache used\n');
    expect(second.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(second.stdout)[0].messages.length).toBeGreaterThan(3);
  });

  it('Node options get their own cache file (V8 would reject data compiled under other flags)', () => {
    const dir = freshCacheDir();
    const env = { MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' };
    spawnCli([example], { cwd: repoRoot, env });
    const withOptions = { ...env, NODE_OPTIONS: '--max-old-space-size=2048' };
    expect(spawnCli([example], { cwd: repoRoot, env: withOptions }).stderr).toBe('migrasafe: compile cache created\n');
    expect(readdirSync(dir)).toHaveLength(2);
    // Both stay usable: alternating runs no longer replace each other's file.
    expect(spawnCli([example], { cwd: repoRoot, env }).stderr).toBe('migrasafe: compile cache used\n');
    expect(spawnCli([example], { cwd: repoRoot, env: withOptions }).stderr).toBe('migrasafe: compile cache used\n');
  });

  it('a damaged cache file is rejected by V8, replaced, and changes nothing in the output', () => {
    const dir = freshCacheDir();
    const env = { MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' };
    const reference = spawnCli([example, '--format', 'json'], { cwd: repoRoot, env });
    const file = path.join(dir, readdirSync(dir)[0]);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const damaged = spawnCli([example, '--format', 'json'], { cwd: repoRoot, env });
    expect(damaged.stderr).toBe('migrasafe: compile cache created\n');
    expect(damaged.stdout).toBe(reference.stdout);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(spawnCli([example, '--format', 'json'], { cwd: repoRoot, env }).stderr).toBe('migrasafe: compile cache used\n');
  });

  it('keeps the cache directory small: a new cache file prunes week-old and surplus files of the bundle, nothing else', () => {
    const dir = freshCacheDir();
    const env = { MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' };
    const aged = (name: string, ageMs: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, 'x');
      const when = new Date(Date.now() - ageMs);
      utimesSync(file, when, when);
    };
    const hour = 3_600_000;
    // What earlier builds and installs left: one from last month, ten recent ones, a temporary file
    // of a run killed mid-write, and files that are not this bundle's.
    aged('main.cjs-v20.0.0-x64-cli-default-1-1-1.v8cache', 30 * 24 * hour);
    for (let i = 1; i <= 10; i++) aged(`main.cjs-v20.0.0-x64-cli-default-${i}-2-2.v8cache`, i * hour);
    aged('main.cjs-v20.0.0-x64-cli-default-9-9-9.v8cache.123.tmp', hour);
    aged('other-tool.v8cache', 30 * 24 * hour);
    aged('main.cjs-notes.txt', 30 * 24 * hour);
    expect(spawnCli([example], { cwd: repoRoot, env }).stderr).toBe('migrasafe: compile cache created\n');
    const left = readdirSync(dir).sort();
    const ours = left.filter((f) => f.startsWith('main.cjs-') && f.endsWith('.v8cache'));
    // The new file and the seven newest of the others.
    expect(ours).toHaveLength(8);
    expect(ours.filter((f) => f.includes(`-${statSync(bundle).size}-`))).toHaveLength(1);
    for (let i = 1; i <= 7; i++) expect(left).toContain(`main.cjs-v20.0.0-x64-cli-default-${i}-2-2.v8cache`);
    expect(left).not.toContain('main.cjs-v20.0.0-x64-cli-default-1-1-1.v8cache');
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left).toContain('other-tool.v8cache');
    expect(left).toContain('main.cjs-notes.txt');
    // A run that uses its cache does not even list the directory: nothing is pruned.
    aged('main.cjs-v20.0.0-x64-cli-default-0-0-0.v8cache', 30 * 24 * hour);
    expect(spawnCli([example], { cwd: repoRoot, env }).stderr).toBe('migrasafe: compile cache used\n');
    expect(readdirSync(dir)).toContain('main.cjs-v20.0.0-x64-cli-default-0-0-0.v8cache');
  });

  it.skipIf(typeof process.getuid !== 'function')('never reads or writes a cache directory someone else can write to', () => {
    const dir = freshCacheDir();
    const env = { MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' };
    spawnCli([example], { cwd: repoRoot, env });
    expect(readdirSync(dir)).toHaveLength(1);
    // As if another user had created it first in a shared /tmp (or made it world-writable).
    chmodSync(dir, 0o777);
    const r = spawnCli([example, '--format', 'json'], { cwd: repoRoot, env });
    expect(r.stderr).toBe('migrasafe: compile cache off\n');
    expect(JSON.parse(r.stdout)[0].messages.length).toBeGreaterThan(3);
    chmodSync(dir, 0o700);
    expect(spawnCli([example], { cwd: repoRoot, env }).stderr).toBe('migrasafe: compile cache used\n');
  });

  it('the language server saves its cache too, though it ends with process.exit()', async () => {
    const dir = freshCacheDir();
    /** One short editor session: initialize, open a file, shutdown, exit. Resolves to stderr. */
    const session = () =>
      new Promise<string>((resolve) => {
        const p = spawn(process.execPath, [path.join(repoRoot, 'bin', 'migrasafe.js'), 'lsp', '--stdio'], { env: { ...process.env, MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' } });
        let stderr = '';
        p.stderr.on('data', (d) => (stderr += String(d)));
        const send = (m: object) => {
          const body = JSON.stringify({ jsonrpc: '2.0', ...m });
          p.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        };
        p.stdout.once('data', () => {
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/x.sql', languageId: 'sql', version: 1, text: 'CREATE INDEX i ON t (c);\n' } } });
          send({ id: 2, method: 'shutdown' });
          send({ method: 'exit' });
        });
        p.on('exit', () => resolve(stderr));
        send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      });
    expect(await session()).toBe('migrasafe: compile cache created\n');
    expect(readdirSync(dir).filter((f) => f.includes('-lsp-'))).toHaveLength(1);
    expect(await session()).toBe('migrasafe: compile cache used\n');
  });

  it('MIGRASAFE_COMPILE_CACHE=off writes nothing', () => {
    const dir = freshCacheDir();
    const r = spawnCli([example, '--format', 'json'], { cwd: repoRoot, env: { MIGRASAFE_COMPILE_CACHE: 'off', MIGRASAFE_DEBUG_STARTUP: '1', TMPDIR: dir } });
    expect(r.stderr).toBe('migrasafe: compile cache off\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ES module migrations (Knex) still load through Node\'s import() from the cached bundle', () => {
    const dir = freshCacheDir();
    const env = { MIGRASAFE_COMPILE_CACHE: dir, MIGRASAFE_DEBUG_STARTUP: '1' };
    const project = path.join(repoRoot, 'fixtures', 'projects', 'knex-esm');
    spawnCli([example], { cwd: repoRoot, env });
    const r = spawnCli(['--allow-js', '--format', 'json', project], { cwd: repoRoot, env });
    expect(r.stderr).toBe('migrasafe: compile cache used\n');
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null }> }>;
    expect(results.some((f) => f.messages.some((m) => m.ruleId === 'require-lock-timeout'))).toBe(true);
    expect(results.flatMap((f) => f.messages).filter((m) => m.ruleId === null)).toEqual([]);
  });

  it('works from an installed package: version, WebAssembly file, packages loaded on demand, compile cache', () => {
    // What npm publishes (`npm pack`, without the build scripts), unpacked where npm installs it,
    // beside its dependencies (this checkout's, linked; yargs copied, because it guesses the version
    // from the package.json above its own node_modules, which a link would resolve back to here).
    const project = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-installed-'));
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], { cwd: repoRoot, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const installed = path.join(project, 'node_modules', 'migrasafe');
    mkdirSync(installed, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', path.join(project, packed.stdout.trim().split('\n').pop()!), '-C', installed, '--strip-components=1']);
    expect(untar.status).toBe(0);
    for (const dep of readdirSync(path.join(repoRoot, 'node_modules'))) {
      if (dep === '.bin' || dep === 'yargs' || dep.startsWith('.')) continue;
      symlinkSync(path.join(repoRoot, 'node_modules', dep), path.join(project, 'node_modules', dep), 'dir');
    }
    cpSync(path.join(repoRoot, 'node_modules', 'yargs'), path.join(project, 'node_modules', 'yargs'), { recursive: true });
    mkdirSync(path.join(project, 'db'));
    copyFileSync(example, path.join(project, 'db', '001.sql'));
    // The user's own package.json, and the link npm makes in node_modules/.bin (what npx runs).
    writeFileSync(path.join(project, 'package.json'), '{ "name": "app", "version": "1.0.0" }\n');
    mkdirSync(path.join(project, 'node_modules', '.bin'));
    symlinkSync(path.join('..', 'migrasafe', 'bin', 'migrasafe.js'), path.join(project, 'node_modules', '.bin', 'migrasafe'));
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [path.join(project, 'node_modules', '.bin', 'migrasafe'), ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
    const version = cli(['--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    expect(cli(['rules']).stdout).toContain('require-concurrent-index');
    const env = { MIGRASAFE_COMPILE_CACHE: freshCacheDir(), MIGRASAFE_DEBUG_STARTUP: '1' };
    const first = cli(['db', '--format', 'json'], env);
    expect(first.stderr).toBe('migrasafe: compile cache created\n');
    const second = cli(['db', '--format', 'json'], env);
    expect(second.stderr).toBe('migrasafe: compile cache used\n');
    expect(second.stdout).toBe(first.stdout);
    expect((JSON.parse(second.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.map((m) => m.ruleId)).toContain('require-concurrent-index');
  });

  it('finds libpg-query\'s WebAssembly file from the bundle, from any working directory', () => {
    const r = spawnCli(['--stdin', '--format', 'json'], { cwd: path.parse(repoRoot).root, stdin: 'CREATE INDEX i ON t (c);\n' });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.map((m) => m.ruleId)).toContain('require-concurrent-index');
  });
});
