import path from 'node:path';
import type { Engine } from '../core/types.js';
import { listDir, pairedInVersionOrder } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';

/** pop's migration file pattern (migrator.go `mrx`): `<version>_<name>[.<dialect>].<up|down>.<sql|fizz>`. */
export const POP_NAME = /^(\d+)_([^.]+)(?:\.([a-z0-9]+))?\.(up|down)\.(sql|fizz)$/;

const DIALECT_ENGINE: Record<string, Engine | undefined> = { postgres: 'postgres', cockroach: 'postgres', mysql: 'mysql', mariadb: 'mariadb' };

/** True when a directory's names are pop's (a dialect part, or fizz files), not golang-migrate's. */
export function looksLikePop(names: readonly string[]): boolean {
  return names.some((n) => {
    const m = POP_NAME.exec(n);
    return !!m && (m[5] === 'fizz' || (m[3] !== undefined && m[3] in DIALECT_ENGINE) || m[3] === 'sqlite3');
  });
}

/**
 * pop (gobuffalo/pop, also ory/x popx): a directory holds migrations for several dialects side by
 * side; one dialect's set is its own files plus the dialect-less ("all") ones, ordered by version.
 * Each migration runs inside `c.Transaction(...)` (migrator.go `UpTo`/`Down`), so statements that
 * cannot run in a transaction block fail there. Fizz files are not SQL and are not linted.
 */
export function loadPopSet(dir: string, dialect: string | undefined): MigrationSet {
  const byVersion = new Map<string, { up?: MigrationFile; down?: MigrationFile }>();
  for (const name of listDir(dir)) {
    const m = POP_NAME.exec(name);
    if (!m || m[5] !== 'sql') continue;
    const fileDialect = m[3];
    if (fileDialect !== undefined && fileDialect !== dialect) continue;
    const role = m[4] as 'up' | 'down';
    const file: MigrationFile = {
      path: path.join(dir, name),
      role,
      version: m[1],
      description: m[2],
      toolTransaction: true,
      segments: role === 'down' ? (text) => [{ range: { start: 0, end: text.length }, direction: 'down', toolTransaction: true }] : undefined,
    };
    const entry = byVersion.get(m[1]) ?? {};
    // A dialect-specific file wins over the dialect-less one of the same version.
    if (!entry[role] || fileDialect !== undefined) entry[role] = file;
    byVersion.set(m[1], entry);
  }
  const files = pairedInVersionOrder(byVersion);
  return {
    root: dir,
    tool: 'pop',
    engine: dialect ? DIALECT_ENGINE[dialect] : undefined,
    files,
    downs: 'files',
    evidence: `files named <version>_<name>${dialect ? `.${dialect}` : ''}.up.sql / .down.sql (pop)`,
  };
}

/** The dialect part of a pop file name (`x.postgres.up.sql` -> `postgres`). */
export function popDialectOf(fileName: string): string | undefined {
  return POP_NAME.exec(fileName)?.[3];
}
