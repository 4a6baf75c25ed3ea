// Bundles the command line into dist/cli/ (run by `npm run build`, after tsc).
//
// Why: a one-file run spent most of its time loading ~170 small ES modules and letting Node
// lex the CommonJS dependencies (libpg-query, @pgsql/types) for their export names. One ESM
// bundle with code splitting loads a handful of files; what a plain lint run does not need
// (language server, plan builders, MySQL parser, rarely used formatters, git/release code)
// stays in chunks that load only when a run asks for them.
//
// dist/ from tsc stays as it is: the library exports (package.json "exports") and the tests use it.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'cli-bundle');

/**
 * libpg-query's Emscripten glue finds its .wasm beside itself through `__dirname`, which an ES
 * module does not have. Point it at the installed package instead (resolved at run time, so it
 * works wherever npm put the dependency).
 */
const libpgQueryWasmDir = {
  name: 'libpg-query-wasm-dir',
  setup(b) {
    b.onLoad({ filter: /libpg-query[\\/]wasm[\\/]libpg-query\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const patched = src.replaceAll('scriptDirectory=__dirname+"/"', 'scriptDirectory=require("node:path").dirname(require.resolve("libpg-query"))+"/"');
      if (patched === src) throw new Error(`bundle: libpg-query's glue changed; update the __dirname patch in ${path.relative(root, import.meta.filename)}`);
      return { contents: patched, loader: 'js' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The worker is its own entry, beside main.js: parallel.ts finds it as ./lint-worker.js.
  entryPoints: { main: 'src/cli/main.ts', 'lint-worker': 'src/lint/lint-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The CommonJS builds of dependencies call require(); give the ES module output a real one.
  banner: { js: "import { createRequire as __msCreateRequire } from 'node:module'; const require = __msCreateRequire(import.meta.url);" },
  // Dependencies that are loaded on demand through require() stay outside the bundle anyway;
  // these are the large ones only other commands use.
  external: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument', 'node-sql-parser', 'yargs', 'eslint', '@eslint/*'],
  plugins: [libpgQueryWasmDir],
  // Flat: chunks sit beside main.js, so paths from import.meta.url (package root, worker) hold.
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: process.argv.includes('--analyze'),
}).then(async (result) => {
  if (result.metafile) console.log(await (await import('esbuild')).analyzeMetafile(result.metafile));
});
