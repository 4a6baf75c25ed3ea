import path from 'node:path';
import { runGit } from './run-git.js';

/** Added, copied, modified or renamed files in the index (what the next commit will contain), absolute paths. */
export function stagedFiles(topLevel: string): string[] {
  const out = runGit(topLevel, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']);
  return out.split('\0').filter(Boolean).map((f) => path.join(topLevel, f));
}

/** The staged (index) content of a file, which may differ from the working tree. */
export function stagedContent(topLevel: string, absPath: string): string {
  const rel = path.relative(topLevel, absPath).split(path.sep).join('/');
  return runGit(topLevel, ['show', `:${rel}`]);
}
