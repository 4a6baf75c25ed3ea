import path from 'node:path';
import { isFile, listDir, readIfExists } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';

/** Diesel migration folders: `<version>_<name>` (version usually `2024-01-31-120000`). */
export const DIESEL_DIR = /^([\d-]+)_(.+)$/;

export function isDieselMigrationsDir(dir: string): boolean {
  return listDir(dir).some((n) => DIESEL_DIR.test(n) && isFile(path.join(dir, n, 'up.sql')));
}

/**
 * Diesel: `migrations/<version>_<name>/up.sql` + `down.sql`, in version order. Each migration runs
 * in a transaction unless its `metadata.toml` says `run_in_transaction = false`; the file goes to
 * the server in one `batch_execute` (a multi-statement query: implicit transaction on PostgreSQL).
 */
export function loadDieselSet(root: string): MigrationSet {
  const dirs = listDir(root).filter((n) => DIESEL_DIR.test(n) && isFile(path.join(root, n, 'up.sql')));
  dirs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: MigrationFile[] = [];
  for (const d of dirs) {
    const m = DIESEL_DIR.exec(d)!;
    const meta = readIfExists(path.join(root, d, 'metadata.toml')) ?? '';
    const tx = !/^\s*run_in_transaction\s*=\s*false/m.test(meta);
    const up: MigrationFile = {
      path: path.join(root, d, 'up.sql'),
      role: 'up',
      version: m[1],
      description: m[2],
      toolTransaction: tx,
      segments: (text) => [{ range: { start: 0, end: text.length }, direction: 'up', toolTransaction: tx, implicitTransaction: !tx }],
    };
    files.push(up);
    const downPath = path.join(root, d, 'down.sql');
    if (isFile(downPath)) {
      up.pairPath = downPath;
      files.push({ ...up, path: downPath, role: 'down', pairPath: up.path, segments: (text) => [{ range: { start: 0, end: text.length }, direction: 'down', toolTransaction: tx, implicitTransaction: !tx }] });
    }
  }
  return { root, tool: 'diesel', files, downs: 'files', evidence: '<version>_<name>/up.sql + down.sql folders' };
}
