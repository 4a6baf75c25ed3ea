'use strict';
// Worker thread entry for lintFilesParallel (src/lint/parallel.ts) on the command line: runs the
// command-line bundle through the same V8 code cache as the main thread (bin/load-bundle.js),
// instead of compiling a second copy of the code from scratch in every worker.
const path = require('node:path');
const { loadBundle } = require('./load-bundle.js');

const bundle = loadBundle(path.join(__dirname, '..', 'dist', 'cli-bundle', 'main.cjs'), 'cli');
if (process.env.MIGRASAFE_DEBUG_STARTUP) process.stderr.write(`migrasafe: worker thread, compile cache ${bundle.status}\n`);
bundle.exports.runLintWorker();
