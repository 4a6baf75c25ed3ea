/**
 * The MySQL corpus (../shared/corpus/mysql, real migrations of public projects): every file is
 * split and classified without a crash, and almost nothing is left unknown. Skipped when absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initParser, parseSource } from '../../src/parsers/index.js';
import { lintFiles } from '../../src/lint/lint-files.js';

const root = path.join(import.meta.dirname, '../../../shared/corpus/mysql');

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sqlFiles(p));
    else if (name.endsWith('.sql')) out.push(p);
  }
  return out;
}

describe.skipIf(!existsSync(root))('MySQL corpus', () => {
  it('parses or classifies every statement; under 1% unknown', async () => {
    await initParser('mysql');
    let parsed = 0;
    let classified = 0;
    const unknown: string[] = [];
    const files = sqlFiles(root);
    for (const f of files) {
      const { statements } = parseSource('mysql', readFileSync(f, 'utf8'));
      for (const st of statements) {
        if (st.kind === 'meta') continue;
        if (st.kind === 'parsed') parsed++;
        else if (st.statementType !== 'unknown') classified++;
        else unknown.push(`${path.relative(root, f)}: ${st.text.slice(0, 60)}`);
      }
    }
    const total = parsed + classified + unknown.length;
    expect(files.length).toBeGreaterThan(100);
    expect(unknown.length / total, unknown.slice(0, 10).join('\n')).toBeLessThan(0.01);
    expect(parsed / total).toBeGreaterThan(0.8);
  }, 60_000);

  it('kratos: the replayed history knows every MODIFYed column (parser-gap statements replayed), and MySQL wording only', async () => {
    const dir = path.join(root, 'kratos-mysql/persistence/sql/migrations/sql');
    const files = readdirSync(dir).filter((n) => n.endsWith('.mysql.up.sql')).map((n) => path.join(dir, n));
    const results = await lintFiles(files, { cwd: dir, env: {}, overrides: { engine: 'mysql' } });
    const messages = results.flatMap((r) => r.diagnostics.map((d) => ({ file: path.basename(r.filePath), ruleId: d.ruleId, message: d.message })));
    // 20191100000009000000_verification: MODIFY ... VARCHAR(255) BINARY of a column created by a
    // CREATE TABLE node-sql-parser rejects (`bool`): compared, not "previous definition unknown".
    expect(messages.filter((m) => m.message.includes('previous definition unknown')).map((m) => m.file)).toEqual([]);
    const verification = messages.filter((m) => m.file === '20191100000009000000_verification.mysql.up.sql' && m.ruleId === 'mysql-table-copy');
    expect(verification[0]?.message).toContain('across the 255-byte boundary');
    // CHANGE old new ... renames are reported like RENAME COLUMN.
    expect(messages.filter((m) => m.ruleId === 'rename-column').length).toBeGreaterThanOrEqual(7);
    expect(messages.filter((m) => m.ruleId && /relation "|ACCESS EXCLUSIVE|CONCURRENTLY|NOT VALID/.test(m.message))).toEqual([]);
  }, 60_000);
});

if (!existsSync(root)) console.warn(`MySQL corpus not found at ${root}: corpus test skipped`);
