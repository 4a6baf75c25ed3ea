// Bundles the command line into dist/cli-bundle/ (run by `npm run build`, after tsc).
//
// Why: a one-file run spent most of its time loading ~170 small ES modules and letting Node
// lex the CommonJS dependencies (libpg-query, @pgsql/types) for their export names. The bundle is
// one CommonJS file so bin/load-bundle.js can compile it through V8's code cache (Node 20 has no
// cache for ES modules). What a plain lint run does not need (language server, plan builders,
// rarely used formatters, git/release code) is still in the file, but esbuild wraps each such
// module in a function that only runs when it is first imported; the large packages only other
// commands use (yargs, the MySQL parser, the language server library) stay outside the bundle.
//
// dist/ from tsc stays as it is: the library exports (package.json "exports") and the tests use it.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'cli-bundle');

/**
 * libpg-query's Emscripten glue finds its .wasm beside itself through `__dirname`, which in the
 * bundle is the bundle's directory. Point it at the installed package instead (resolved at run
 * time, so it works wherever npm put the dependency).
 */
const libpgQueryWasmDir = {
  name: 'libpg-query-wasm-dir',
  setup(b) {
    b.onLoad({ filter: /libpg-query[\\/]wasm[\\/]libpg-query\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const patched = src.replaceAll('scriptDirectory=__dirname+"/"', 'scriptDirectory=require("node:path").dirname(require("node:module").createRequire(__filename).resolve("libpg-query"))+"/"');
      if (patched === src) throw new Error(`bundle: libpg-query's glue changed; update the __dirname patch in ${path.relative(root, import.meta.filename)}`);
      return { contents: patched, loader: 'js' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // Worker threads run this bundle too (bin/lint-worker.js calls its runLintWorker export).
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The sources find files beside themselves (package root, worker, ES module loaders) from
  // import.meta.url, which CommonJS does not have: give them the bundle's own URL.
  define: { 'import.meta.url': '__msImportMetaUrl' },
  // "use strict": the sources are ES modules, which are always strict; CommonJS is not by default.
  banner: { js: "'use strict'; const __msImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Dependencies that are loaded on demand through require() stay outside the bundle anyway;
  // these are the large ones only other commands use.
  external: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument', 'node-sql-parser', 'node-sql-parser/*', 'yargs', 'eslint', '@eslint/*', 'knex', 'typescript', 'saxes', 'yaml'],
  plugins: [libpgQueryWasmDir],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: process.argv.includes('--analyze'),
}).then(async (result) => {
  if (result.metafile) console.log(await (await import('esbuild')).analyzeMetafile(result.metafile));
});
