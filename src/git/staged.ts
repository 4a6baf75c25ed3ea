import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { git, gitBytes } from './git.js';
import { sqlFileText } from '../core/sql-file-text.js';

/** Added, copied, modified or renamed files in the index (what the next commit will contain), absolute paths. */
export function stagedFiles(topLevel: string): string[] {
  const out = git(['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'], topLevel);
  if (out === undefined) throw new UsageError('--staged: git could not list the staged files.');
  return out.split('\0').filter(Boolean).map((f) => path.join(topLevel, f));
}

/**
 * The staged (index) content of a file, which may differ from the working tree; an Error when it
 * is not UTF-8 SQL text (binary, UTF-16), as for a file on disk.
 */
export function stagedContent(topLevel: string, absPath: string): string | Error {
  const rel = path.relative(topLevel, absPath).split(path.sep).join('/');
  const bytes = gitBytes(['show', `:${rel}`], topLevel);
  if (bytes === undefined) throw new UsageError(`--staged: cannot read the staged version of ${rel}.`);
  return sqlFileText(bytes);
}
