import { closeSync, openSync, readSync } from 'node:fs';

/** File names a Liquibase changelog document can have. */
export const CHANGELOG_DOCUMENT = /\.(xml|ya?ml|json)$/i;

/** The first bytes of a file, without reading all of it (detection looks at many files). */
function head(p: string, bytes = 2048): string {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A Liquibase XML/YAML/JSON changelog: the right extension and a `databaseChangeLog` root near the top. */
export function isChangelogDocument(p: string): boolean {
  return CHANGELOG_DOCUMENT.test(p) && head(p).includes('databaseChangeLog');
}
