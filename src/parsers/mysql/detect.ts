/**
 * Recognises MySQL/MariaDB migration text when nothing else names the engine: backtick-quoted
 * identifiers, `ENGINE=`, `AUTO_INCREMENT`, `DELIMITER`, MODIFY/CHANGE COLUMN, `UNSIGNED`, table
 * `DEFAULT CHARSET=`. PostgreSQL-only syntax (`$$` bodies, `::` casts, CONCURRENTLY, SERIAL)
 * vetoes it. Comments and string literals are ignored. Returns undefined when unsure.
 */
export function detectEngineFromSql(text: string): 'mysql' | 'mariadb' | undefined {
  const code = text
    .slice(0, 200_000)
    .replace(/\/\*(?!M?!)[\s\S]*?\*\//g, ' ')
    .replace(/(^|\s)(--|#)[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''");
  let score = 0;
  if (/`[^`\n]+`/.test(code)) score += 2;
  if (/\bENGINE\s*=\s*\w+/i.test(code)) score += 2;
  if (/\bAUTO_INCREMENT\b/i.test(code)) score += 2;
  // The line-anchored pattern is slow on long text (~10 ms over the corpus, run twice): a plain
  // search for the word first, which most files (PostgreSQL) do not have.
  const delimiter = /DELIMITER/i.test(code) && /^\s*DELIMITER\s+\S+/im.test(code);
  if (delimiter) score += 2;
  if (/\bALTER\s+TABLE\s+\S+\s+(MODIFY|CHANGE)\s/i.test(code)) score += 2;
  if (/\b(UNSIGNED|TINYINT|MEDIUMTEXT|LONGTEXT|DATETIME\(\d\))\b/i.test(code)) score += 1;
  if (/\bDEFAULT\s+CHARSET\s*=|\bCHARACTER\s+SET\s*=?\s*utf8mb[34]\b/i.test(code)) score += 1;
  if (/\/\*!\d{5}/.test(text)) score += 2;
  if ((!delimiter && /\$\w*\$/.test(code)) || /::\s*\w+|\bCONCURRENTLY\b|\bBIGSERIAL\b|\bSERIAL\s+PRIMARY\b|\bJSONB\b|\bTIMESTAMPTZ\b|\bplpgsql\b/i.test(code)) score -= 3;
  if (score < 2) return undefined;
  return /\/\*M!|\bMariaDB\b/i.test(text) ? 'mariadb' : 'mysql';
}
