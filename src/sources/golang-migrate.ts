import path from 'node:path';
import { listDir, pairedInVersionOrder } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';
import type { Segment } from '../lint/lint-source.js';

/** golang-migrate's file name pattern (source/parse.go): `<version>_<title>.<up|down>.<ext>`. */
export const GOLANG_MIGRATE_NAME = /^(\d+)_(.*)\.(up|down)\.sql$/;

/**
 * golang-migrate: files ordered by their numeric version, `.up.sql` paired with `.down.sql`.
 * Transactions: the PostgreSQL driver sends the whole file in one `Exec` (database/postgres/
 * postgres.go `Run`), which PostgreSQL runs as one implicit transaction when it holds several
 * statements and no BEGIN/COMMIT of its own; a file with one statement runs in autocommit. The
 * `x-multi-statement=true` URL option splits the file on `;` instead (each statement on its own).
 */
export function loadGolangMigrateSet(dir: string): MigrationSet {
  const files: MigrationFile[] = [];
  const byVersion = new Map<string, { up?: MigrationFile; down?: MigrationFile }>();
  for (const name of listDir(dir)) {
    const m = GOLANG_MIGRATE_NAME.exec(name);
    if (!m) continue;
    const role = m[3] as 'up' | 'down';
    const file: MigrationFile = {
      path: path.join(dir, name),
      role,
      version: m[1],
      description: m[2],
      toolTransaction: false,
      segments: (text) => [wholeFile(text, role)],
    };
    const entry = byVersion.get(m[1]) ?? {};
    entry[role] = file;
    byVersion.set(m[1], entry);
  }
  files.push(...pairedInVersionOrder(byVersion));
  return { root: dir, tool: 'golang-migrate', files, downs: 'files', evidence: 'files named <version>_<name>.up.sql / .down.sql' };
}

/** One segment over a file sent as one query string (implicit transaction when multi-statement). */
export function wholeFile(text: string, direction: 'up' | 'down' | 'repeatable' | string): Segment {
  return { range: { start: 0, end: text.length }, direction: direction === 'down' ? 'down' : 'up', toolTransaction: false, implicitTransaction: true };
}
