import type { Engine } from '../core/types.js';

/** The engine a connection URL or client name points at (`jdbc:postgresql:`, `postgres://`, `pg`, `mysql2`). */
export function engineFromUrl(url: string): Engine | undefined {
  const u = url.toLowerCase();
  if (/mariadb/.test(u)) return 'mariadb';
  if (/^(jdbc:)?(postgres|postgresql|pg|pgsql|cockroachdb|redshift)\b|^"?(postgres|postgresql|pg|pgnative|cockroachdb)"?$/.test(u)) return 'postgres';
  if (/^(jdbc:)?mysql|^"?mysql2?"?$/.test(u)) return 'mysql';
  return undefined;
}
