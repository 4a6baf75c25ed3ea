import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_TRANSACTION_WORDS, pgLockFact } from '../../src/engines/postgres/lock-facts.js';
import { parseSource } from '../../src/parsers/index.js';
import { initPostgresParser } from '../../src/parsers/postgres/parse.js';

// A plan phase decides "runs in a transaction" without parsing when its SQL lacks these words
// (rewrites/plans/phase.ts): every statement whose lock fact refuses a transaction must have one.
const REFUSING = [
  'CREATE INDEX CONCURRENTLY i ON t (a);',
  'create unique index concurrently if not exists i on t (a);',
  'DROP INDEX CONCURRENTLY i;',
  'REINDEX INDEX CONCURRENTLY i;',
  'ALTER TABLE p DETACH PARTITION c CONCURRENTLY;',
];

function refusing(sql: string): boolean {
  return parseSource('postgres', sql).statements.some((st) => st.ops.some((op) => pgLockFact(op, 16)?.noTransaction));
}

describe('NO_TRANSACTION_WORDS', () => {
  beforeAll(() => initPostgresParser());

  it('is in every statement that refuses a transaction block', () => {
    for (const sql of REFUSING) expect([sql, refusing(sql), NO_TRANSACTION_WORDS.test(sql)]).toEqual([sql, true, true]);
    expect(refusing('ALTER TABLE p DETACH PARTITION c FINALIZE;')).toBe(false);
  });

  it('holds for every statement of the rule fixtures', () => {
    const root = path.join(import.meta.dirname, '..', '..', 'fixtures', 'rules');
    const files = globSync(['**/*.sql'], { cwd: root, absolute: true });
    expect(files.length).toBeGreaterThan(100);
    let refused = 0;
    for (const f of files) {
      for (const st of parseSource('postgres', readFileSync(f, 'utf8')).statements) {
        if (!st.ops.some((op) => pgLockFact(op, 16)?.noTransaction)) continue;
        refused++;
        expect([f, st.text, NO_TRANSACTION_WORDS.test(st.text)]).toEqual([f, st.text, true]);
      }
    }
    expect(refused).toBeGreaterThan(10);
  });
});
