import type { Engine } from '../../core/types.js';
import { normalizeCharset } from '../../parsers/mysql/charset-names.js';
import { atLeast, type Version } from '../version.js';

/**
 * Character sets, as far as online DDL cares: the maximum bytes per character (a VARCHAR's byte
 * length = characters x this, which decides its 1- or 2-byte length prefix) and the server's
 * default when neither the column nor the table names one.
 *
 * MySQL 8.4 Reference Manual §12.2 "Character Sets and Collations in MySQL" (SHOW CHARACTER SET,
 * Maxlen column) and §17.12.1 "Online DDL Operations" (VARCHAR size: "The number of length bytes
 * required by a VARCHAR column must remain the same"); MariaDB KB "Setting Character Sets and
 * Collations" ("Prior to MariaDB 11.6.0, the default character set is latin1").
 */
const MAX_BYTES: Record<string, number> = {
  latin1: 1, latin2: 1, latin5: 1, latin7: 1, ascii: 1, binary: 1, cp1250: 1, cp1251: 1, cp1256: 1, cp1257: 1, cp850: 1, cp852: 1,
  dec8: 1, greek: 1, hebrew: 1, koi8r: 1, koi8u: 1, swe7: 1, tis620: 1, hp8: 1, keybcs2: 1, macce: 1, macroman: 1, armscii8: 1, geostd8: 1,
  ucs2: 2, gbk: 2, big5: 2, sjis: 2, cp932: 2, euckr: 2, gb2312: 2,
  utf8mb3: 3, ujis: 3, eucjpms: 3,
  utf8mb4: 4, utf16: 4, utf16le: 4, utf32: 4, gb18030: 4,
};

/** Maximum bytes per character; an unknown character set counts as 4 (the widest, so boundaries are never missed). */
export function charsetMaxBytes(charset: string): number {
  return MAX_BYTES[normalizeCharset(charset)] ?? 4;
}

/**
 * `character_set_server` out of the box: utf8mb4 from MySQL 8.0 (latin1 in 5.7), utf8mb4 from
 * MariaDB 11.6 (latin1 before). A database created with its own CHARACTER SET overrides it;
 * migrasafe does not see that, so a table that names no charset gets this.
 */
export function serverDefaultCharset(engine: Engine, version: Version): string {
  if (engine === 'mariadb') return atLeast(version, 11, 6) ? 'utf8mb4' : 'latin1';
  return atLeast(version, 8) ? 'utf8mb4' : 'latin1';
}

/** Types whose values are characters in a character set (a charset change converts them). */
export const CHARACTER_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);

export { charsetOfCollation, normalizeCharset } from '../../parsers/mysql/charset-names.js';
