#!/usr/bin/env node
'use strict';
// The floor under any linter built on libpg-query, for scripts/bench.mjs: start Node, start the
// parser the way bin/migrasafe.js does (V8 flags included) and parse each file given, whole,
// once; nothing else (no configuration, history replay, rules or report). What migrasafe takes
// beyond this row is its own work; this row itself is Node plus the WebAssembly parser.
const v8 = require('node:v8');
v8.setFlagsFromString('--liftoff-only --wasm-lazy-compilation');
const fs = require('node:fs');
const { loadModule, parseSync } = require('libpg-query');

loadModule().then(() => {
  let statements = 0;
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    try {
      statements += parseSync(fs.readFileSync(file, 'utf8')).stmts?.length ?? 0;
    } catch {
      failed++;
    }
  }
  fs.writeSync(1, `${statements} statements, ${failed} files that do not parse\n`);
});
