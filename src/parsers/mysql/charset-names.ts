/** `utf8` is an alias of utf8mb3 (MySQL 8.0; MariaDB with the default old_mode). */
export function normalizeCharset(name: string): string {
  const n = name.toLowerCase();
  return n === 'utf8' ? 'utf8mb3' : n;
}

/** The character set a collation belongs to: its name up to the first `_` (`latin1_swedish_ci`, `utf8mb4_0900_ai_ci`). */
export function charsetOfCollation(collation: string): string {
  return normalizeCharset(collation.toLowerCase().split('_')[0]);
}
