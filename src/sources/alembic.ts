import path from 'node:path';
import type { Segment } from '../lint/lint-source.js';
import { naturalCompare } from './discover.js';
import { listDir, readHead } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';

export const ALEMBIC_MARKER = /^-- Running (upgrade|downgrade) +(\S*) *-> *(\S*)/m;
const ALEMBIC_MARKERS = /^-- Running (upgrade|downgrade) +(\S*) *-> *(\S*)[^\n]*$/gm;

export function isAlembicOfflineScript(filePath: string): boolean {
  return ALEMBIC_MARKER.test(readHead(filePath, 1 << 16));
}

/**
 * Alembic offline mode (`alembic upgrade a:b --sql > file.sql`): one script holding many
 * migrations, each introduced by `-- Running upgrade <from> -> <to>`. Every marker starts a
 * segment (one migration); they share one session, because Alembic writes the transaction
 * itself (`BEGIN;` ... `COMMIT;` around the whole run, or around each migration with
 * `transaction_per_migration`), which migrasafe reads as explicit transaction control.
 */
export function alembicSegments(text: string): Segment[] {
  const markers = [...text.matchAll(ALEMBIC_MARKERS)];
  const segments: Segment[] = [];
  const firstStart = markers[0]?.index ?? text.length;
  if (firstStart > 0) segments.push({ range: { start: 0, end: firstStart }, direction: 'up', toolTransaction: false });
  markers.forEach((m, i) => {
    segments.push({
      range: { start: m.index!, end: markers[i + 1]?.index ?? text.length },
      direction: m[1] === 'downgrade' ? 'down' : 'up',
      toolTransaction: false,
      continuesSession: segments.length > 0,
    });
  });
  return segments;
}

export function loadAlembicSet(dir: string): MigrationSet {
  const names = listDir(dir).filter((n) => n.endsWith('.sql') && isAlembicOfflineScript(path.join(dir, n)));
  names.sort(naturalCompare);
  const files: MigrationFile[] = names.map((n) => ({ path: path.join(dir, n), role: 'up', description: n.replace(/\.sql$/, ''), toolTransaction: false, segments: alembicSegments }));
  return { root: dir, tool: 'alembic', files, downs: 'none', evidence: '"-- Running upgrade a -> b" markers (alembic --sql output)' };
}
