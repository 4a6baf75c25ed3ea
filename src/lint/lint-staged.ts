import { stagedContent } from '../git/staged.js';
import type { FileResult } from '../core/types.js';
import { HistoryCache } from './history-context.js';
import { lintText, type LintOptions } from './lint-files.js';

/**
 * Lints the index (staged) version of each file, with the migration history before it as
 * context. Staged versions also stand in for the working tree in that history, so a commit
 * of two migrations is checked the way it will be applied.
 */
export async function lintStagedFiles(topLevel: string, files: readonly string[], opts: LintOptions): Promise<FileResult[]> {
  const staged = new Map(files.map((f) => [f, stagedContent(topLevel, f)]));
  const history = new HistoryCache({
    lint: opts,
    disk: 'stat',
    override: (filePath) => {
      const text = staged.get(filePath);
      return text === undefined ? undefined : { text, version: `index:${text.length}:${hash(text)}` };
    },
  });
  const results: FileResult[] = [];
  for (const [file, text] of staged) {
    const { config, context } = history.contextFor(file);
    results.push(await lintText(text, file, opts, config, context));
  }
  return results;
}

/** A cheap content fingerprint for the history cache key (FNV-1a). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
