import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { FileResult } from '../core/types.js';

/**
 * Unified diff of what --fix would change (`--fix-dry-run`); empty when nothing changes.
 * `original` gives each file's text before fixing (the file on disk, which a dry run never writes).
 */
export function fixDiff(results: readonly FileResult[], cwd: string, original: (r: FileResult) => string): string {
  let out = '';
  for (const r of results) {
    if (r.output === undefined) continue;
    const name = path.relative(cwd, r.filePath) || r.filePath;
    out += createTwoFilesPatch(`a/${name}`, `b/${name}`, original(r), r.output, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
  }
  return out;
}
