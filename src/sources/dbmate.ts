import path from 'node:path';
import type { Segment } from '../lint/lint-source.js';
import { compareDigits, listDir } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';

/** dbmate's section markers (pkg/dbmate/migration.go): `-- migrate:up [options]`, `-- migrate:down [options]`. */
const MARKER = /^--\s*migrate:(up|down)\b([^\n]*)$/gm;
export const DBMATE_MARKER_TEST = /^--\s*migrate:up\b/m;
export const DBMATE_NAME = /^(\d+)_?(.*)\.sql$/;

/**
 * dbmate: `<version>_<name>.sql` files, each with an up and a down section. Each section runs in
 * its own transaction unless its marker says `transaction:false`; then dbmate sends the section
 * in one `Exec`, which PostgreSQL still runs as one implicit transaction when the section holds
 * several statements (dbmate issue #455: one CONCURRENTLY statement per migration).
 */
export function loadDbmateSet(dir: string): MigrationSet {
  const entries: Array<{ name: string; version: string; description: string }> = [];
  for (const name of listDir(dir)) {
    const m = DBMATE_NAME.exec(name);
    if (m) entries.push({ name, version: m[1], description: m[2] });
  }
  entries.sort((a, b) => compareDigits(a.version, b.version) || a.name.localeCompare(b.name));
  const files: MigrationFile[] = entries.map((e) => ({
    path: path.join(dir, e.name),
    role: 'up',
    version: e.version,
    description: e.description,
    toolTransaction: true,
    segments: dbmateSegments,
  }));
  return { root: dir, tool: 'dbmate', files, downs: 'sections', evidence: '-- migrate:up / -- migrate:down sections' };
}

export function dbmateSegments(text: string): Segment[] {
  const markers = [...text.matchAll(MARKER)];
  if (markers.length === 0) return [{ range: { start: 0, end: text.length }, direction: 'up', toolTransaction: true }];
  const segments: Segment[] = [];
  if (markers[0].index! > 0) segments.push({ range: { start: 0, end: markers[0].index! }, direction: 'up', toolTransaction: false });
  markers.forEach((m, i) => {
    const end = i + 1 < markers.length ? markers[i + 1].index! : text.length;
    const transaction = !/\btransaction:false\b/.test(m[2]);
    segments.push({ range: { start: m.index!, end }, direction: m[1] as 'up' | 'down', toolTransaction: transaction, implicitTransaction: !transaction });
  });
  return segments;
}
