// Worker thread entry for lintFilesParallel: lints its share of the files and posts the results.
import { parentPort, workerData } from 'node:worker_threads';
import { lintFiles, type LintOptions } from './lint-files.js';

const { files, opts } = workerData as { files: string[]; opts: LintOptions };
try {
  parentPort!.postMessage({ results: await lintFiles(files, opts) });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
}
