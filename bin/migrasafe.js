#!/usr/bin/env node
import v8 from 'node:v8';

// libpg-query's parser is a large WebAssembly module. A command-line run is short: compiling it
// lazily with V8's baseline compiler only (no optimising tier-up) saves more than it costs
// (measured: one small file 628 -> 382 ms, the 1,411-file corpus 2.6 -> 2.3 s). The long-lived
// language server keeps V8's defaults, where optimised code pays off over many keystrokes.
if (process.argv[2] !== 'lsp') v8.setFlagsFromString('--liftoff-only --wasm-lazy-compilation');

// The command line runs from one bundle (scripts/bundle.mjs): loading ~170 small modules cost more
// than linting a small file. dist/ from tsc serves the library exports.
const { main } = await import('../dist/cli-bundle/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`migrasafe: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
