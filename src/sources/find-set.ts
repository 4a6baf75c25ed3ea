import path from 'node:path';
import { loadPlainSet } from './plain.js';
import type { MigrationSet } from './types.js';

/**
 * The migration set a file belongs to. Tool adapters plug in here; until one recognises the
 * layout, a file's own directory is a plain set.
 */
export function findMigrationSet(filePath: string, cache = new Map<string, MigrationSet>()): MigrationSet {
  const dir = path.dirname(filePath);
  let set = cache.get(dir);
  if (!set) {
    set = loadPlainSet(dir);
    cache.set(dir, set);
  }
  return set;
}
