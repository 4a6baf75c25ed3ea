// Worker thread entry for lintFilesParallel in the library build (dist/lint/); the command line
// starts bin/lint-worker.js instead, which runs the same function from its bundle.
import { runLintWorker } from './lint-worker-run.js';

runLintWorker();
