/**
 * A migration file's bytes as text, or why they are not migration SQL. Migration tools and
 * database clients read SQL as UTF-8; a UTF-16 file (Windows PowerShell 5's `>` writes one) or a
 * binary file named .sql would otherwise be linted as garbage, and its bytes could even decide
 * the engine of its whole directory (a stray backtick reads as MySQL).
 */
export function sqlFileText(bytes: Buffer): string | NotSqlText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return new NotSqlText(`the file is UTF-16 text (it starts with the byte order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}). Migration tools and database clients read SQL as UTF-8: save it as UTF-8.`);
  }
  if (bytes.includes(0)) {
    return new NotSqlText('this is not a text file (it contains NUL bytes: binary data, or UTF-16 without a byte order mark). Migration SQL is UTF-8 text.');
  }
  return bytes.toString('utf8');
}

/** Why a file's bytes are not migration SQL (reported as "Not linted", not as a read error). */
export class NotSqlText extends Error {
  override name = 'NotSqlText';
}
