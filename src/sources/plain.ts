import path from 'node:path';
import { naturalCompare } from './discover.js';
import { listDir } from './fs-helpers.js';
import type { MigrationSet } from './types.js';

/** A plain directory of `.sql` files, applied in natural name order, each in autocommit mode. */
export function loadPlainSet(dir: string): MigrationSet {
  const names = listDir(dir).filter((n) => n.endsWith('.sql'));
  names.sort(naturalCompare);
  return {
    root: dir,
    tool: 'plain',
    files: names.map((n) => ({ path: path.join(dir, n), role: /\.down\.sql$/i.test(n) ? 'down' : 'up', toolTransaction: false })),
    downs: 'none',
    evidence: 'no migration tool recognised: files in natural name order',
  };
}
