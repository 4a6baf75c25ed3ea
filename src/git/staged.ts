import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { git } from './git.js';

/** Added, copied, modified or renamed files in the index (what the next commit will contain), absolute paths. */
export function stagedFiles(topLevel: string): string[] {
  const out = git(['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'], topLevel);
  if (out === undefined) throw new UsageError('--staged: git could not list the staged files.');
  return out.split('\0').filter(Boolean).map((f) => path.join(topLevel, f));
}

/** The staged (index) content of a file, which may differ from the working tree. */
export function stagedContent(topLevel: string, absPath: string): string {
  const rel = path.relative(topLevel, absPath).split(path.sep).join('/');
  const text = git(['show', `:${rel}`], topLevel);
  if (text === undefined) throw new UsageError(`--staged: cannot read the staged version of ${rel}.`);
  return text;
}
