import { createRequire } from 'node:module';
import { lintFiles, type LintOptions } from './lint-files.js';

/**
 * The work of a lintFilesParallel worker thread: lints its share of the files and posts the
 * results. Run by src/lint/lint-worker.ts (library build) and, from the command-line bundle
 * through V8's code cache, by bin/lint-worker.js.
 */
export function runLintWorker(): void {
  // Required here, not imported: the command-line bundle exports this function, and a plain run
  // (no worker) should not load node:worker_threads.
  const { parentPort, workerData } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const { files, opts } = workerData as { files: string[]; opts: LintOptions };
  lintFiles(files, opts).then(
    (results) => parentPort!.postMessage({ results }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
  );
}
