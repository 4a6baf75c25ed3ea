/**
 * The MySQL corpus (../shared/corpus/mysql, real migrations of public projects): every file is
 * split and classified without a crash, and almost nothing is left unknown. Skipped when absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initParser, parseSource } from '../../src/parsers/index.js';

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
});

if (!existsSync(root)) console.warn(`MySQL corpus not found at ${root}: corpus test skipped`);
