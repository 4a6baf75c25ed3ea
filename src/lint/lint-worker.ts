// Worker thread entry for lintFilesParallel: lints its share of the files and posts the results.
// (No top-level await: the command line bundles this file as CommonJS.)
import { parentPort, workerData } from 'node:worker_threads';
import { lintFiles, type LintOptions } from './lint-files.js';

const { files, opts } = workerData as { files: string[]; opts: LintOptions };
lintFiles(files, opts).then(
  (results) => parentPort!.postMessage({ results }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
);
