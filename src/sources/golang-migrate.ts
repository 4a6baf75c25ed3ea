import path from 'node:path';
import { listDir, pairedInVersionOrder } from './fs-helpers.js';
import { findMultiStatementUrl } from './golang-migrate-url.js';
import type { MigrationFile, MigrationSet } from './types.js';
import type { Segment } from '../lint/lint-source.js';

/** golang-migrate's file name pattern (source/parse.go): `<version>_<title>.<up|down>.<ext>`. */
export const GOLANG_MIGRATE_NAME = /^(\d+)_(.*)\.(up|down)\.sql$/;

/**
 * golang-migrate: files ordered by their numeric version, `.up.sql` paired with `.down.sql`.
 * Transactions: the PostgreSQL driver sends the whole file in one `Exec` (database/postgres/
 * postgres.go `Run`), which PostgreSQL runs as one implicit transaction when it holds several
 * statements and no BEGIN/COMMIT of its own; a file with one statement runs in autocommit. The
 * `x-multi-statement=true` URL option splits the file on `;` instead and runs each piece in its
 * own `Exec` (`Run` → `multistmt.Parse(..., ";", ...)` → `runStatement`): no transaction at all. That
 * mode comes from the config (`toolOptions.multiStatement`) or from a `migrate ... -database` URL
 * found in the project's Makefile, compose file, `.env` or CI workflow (`golang-migrate-url.ts`).
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
  const set: MigrationSet = { root: dir, tool: 'golang-migrate', files, downs: 'files', evidence: 'files named <version>_<name>.up.sql / .down.sql' };
  const found = findMultiStatementUrl(dir);
  return found ? withMultiStatement(set, { enabled: true, evidence: found }) : set;
}

/** One segment over a file whose statements golang-migrate runs one by one (x-multi-statement): no transaction. */
export function statementByStatement(text: string, direction: 'up' | 'down' | 'repeatable' | string): Segment {
  return { range: { start: 0, end: text.length }, direction: direction === 'down' ? 'down' : 'up', toolTransaction: false, implicitTransaction: false };
}

const derived = new WeakMap<MigrationSet, Map<string, MigrationSet>>();

/**
 * The set as golang-migrate runs it with or without `x-multi-statement=true` (the same object for
 * the same mode, so caches keyed by set keep working).
 */
export function withMultiStatement(set: MigrationSet, mode: { enabled: boolean; evidence: string }): MigrationSet {
  if (set.tool !== 'golang-migrate' || (set.multiStatement?.enabled ?? false) === mode.enabled && set.multiStatement?.evidence === mode.evidence) return set;
  let byMode = derived.get(set);
  if (!byMode) derived.set(set, (byMode = new Map()));
  const key = `${mode.enabled}|${mode.evidence}`;
  let out = byMode.get(key);
  if (out === undefined) {
    const files = set.files.map((f) => ({ ...f, segments: (text: string) => [mode.enabled ? statementByStatement(text, f.role) : wholeFile(text, f.role)] }));
    // Pairs point at paths, not objects: nothing else to rewrite.
    out = { ...set, files, multiStatement: mode };
    byMode.set(key, out);
  }
  return out!;
}

/** One segment over a file sent as one query string (implicit transaction when multi-statement). */
export function wholeFile(text: string, direction: 'up' | 'down' | 'repeatable' | string): Segment {
  return { range: { start: 0, end: text.length }, direction: direction === 'down' ? 'down' : 'up', toolTransaction: false, implicitTransaction: true };
}
