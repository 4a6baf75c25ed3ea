// GitHub Action entry point (see action.yml): runs migrasafe with the action's inputs.
import { runAction } from '../dist/ci/github-action.js';

const result = await runAction(process.env, process.cwd());
process.exitCode = result.exitCode;
