#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): an ES module entry would start Node's ES module loader for nothing.
const path = require('node:path');
const v8 = require('node:v8');

// libpg-query's parser is a large WebAssembly module. A command-line run is short: compiling it
// lazily with V8's baseline compiler only (no optimising tier-up) saves more than it costs
// (measured: one small file 628 -> 382 ms, the 1,411-file corpus 2.6 -> 2.3 s). The long-lived
// language server keeps V8's defaults, where optimised code pays off over many keystrokes.
const mode = process.argv[2] === 'lsp' ? 'lsp' : 'cli';
if (mode === 'cli') v8.setFlagsFromString('--liftoff-only --wasm-lazy-compilation');

// The command line runs from one bundle (scripts/bundle.mjs) compiled through V8's code cache
// (bin/load-bundle.js); dist/ from tsc serves the library exports.
const { loadBundle } = require('./load-bundle.js');
const bundle = loadBundle(path.join(__dirname, '..', 'dist', 'cli-bundle', 'main.cjs'), mode);
if (process.env.MIGRASAFE_DEBUG_STARTUP) process.stderr.write(`migrasafe: compile cache ${bundle.status}\n`);

// After the work, so the saved code includes every function the run compiled; on exit too,
// because the language server ends with process.exit() and its promise never settles.
process.once('exit', () => bundle.saveCache());
bundle.exports.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    bundle.saveCache();
  },
  (error) => {
    process.stderr.write(`migrasafe: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
