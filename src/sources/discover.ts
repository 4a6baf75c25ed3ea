import { statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../core/errors.js';


export interface DiscoverOptions {
  cwd: string;
  /** Globs (relative to the directory given) that select files inside directories. */
  include: string[];
  /** gitignore-style patterns, relative to `ignoreRoot`. */
  ignore: string[];
  ignoreRoot: string;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands the command-line paths: files as given (even when not `.sql`), directories recursively
 * through the include globs, and glob patterns. Ignore patterns apply to directory and glob
 * expansion, and to explicit files too, as ESLint does. A path that matches nothing is an error.
 */
export function discoverFiles(inputs: string[], opts: DiscoverOptions): string[] {
  const ig = ignore().add(opts.ignore);
  const isIgnored = (abs: string) => {
    const rel = path.relative(opts.ignoreRoot, abs);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && ig.ignores(rel.split(path.sep).join('/'));
  };
  const found = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      if (!isIgnored(abs)) found.add(abs);
      continue;
    }
    if (stat?.isDirectory()) {
      const files = globSync(opts.include, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false });
      for (const f of files) if (!isIgnored(f)) found.add(path.normalize(f));
      continue;
    }
    if (isDynamicPattern(input)) {
      const files = globSync([input], { cwd: opts.cwd, absolute: true, ignore: ALWAYS_IGNORED });
      if (files.length === 0) throw new UsageError(`No files matched the pattern "${input}".`);
      for (const f of files) if (!isIgnored(f)) found.add(path.normalize(f));
      continue;
    }
    throw new UsageError(`No such file or directory: ${input}`);
  }
  return [...found].sort(naturalCompare);
}

/** Natural order, so `V2__` sorts before `V10__` and `2_x` before `10_x`. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' });
}
