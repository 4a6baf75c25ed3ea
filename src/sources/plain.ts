import { readdirSync } from 'node:fs';
import path from 'node:path';
import { naturalCompare } from './discover.js';
import type { MigrationSet } from './types.js';

/** A plain directory of `.sql` files, applied in natural name order, each in autocommit mode. */
export function loadPlainSet(dir: string): MigrationSet {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.sql'));
  } catch {
    names = [];
  }
  names.sort(naturalCompare);
  return {
    root: dir,
    tool: 'plain',
    files: names.map((n) => ({ path: path.join(dir, n), role: /\.down\.sql$/i.test(n) ? 'down' : 'up', toolTransaction: false })),
  };
}
