/**
 * A MySQL plan asks the server for an algorithm in every ALTER, and the server refuses an
 * algorithm it cannot use (ER_ALTER_OPERATION_NOT_SUPPORTED): INSTANT does not exist before
 * MySQL 8.0.12 and INSTANT DROP COLUMN not before 8.0.29. Every MySQL plan case, generated for each
 * target version, is linted phase by phase: `mysql-invalid-algorithm` must find nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOfCase, type PlanCase } from '../../src/rewrites/plans/golden.js';
import { lintSql } from '../helpers/lint-sql.js';

const root = path.join(import.meta.dirname, '../../fixtures/plans');
const cases = (JSON.parse(readFileSync(path.join(root, 'cases.json'), 'utf8')) as PlanCase[]).filter((c) => c.engine === 'mysql');
const targets: Array<{ engine: 'mysql' | 'mariadb'; version: string }> = [
  { engine: 'mysql', version: '5.7' },
  { engine: 'mysql', version: '8.0.28' },
  { engine: 'mysql', version: '8.0.29' },
  { engine: 'mysql', version: '8.4' },
  { engine: 'mariadb', version: '10.6' },
];

async function phaseTexts(c: PlanCase): Promise<Array<{ where: string; sql: string }>> {
  const plan = await planOfCase(c);
  return plan.phases
    .filter((p) => p.kind === 'migration')
    .flatMap((p, i) => [
      { where: `step ${i + 1} up (${p.title})`, sql: p.up },
      { where: `step ${i + 1} down (${p.title})`, sql: p.down },
    ])
    .filter((t) => t.sql.trim() !== '');
}

describe('MySQL plans ask only for algorithms the target version supports', () => {
  for (const t of targets) {
    it(`${t.engine} ${t.version}`, async () => {
      const invalid: string[] = [];
      let alters = 0;
      for (const c of cases) {
        for (const { where, sql } of await phaseTexts({ ...c, engine: t.engine, version: t.version })) {
          alters += (sql.match(/ALGORITHM=/g) ?? []).length;
          const found = await lintSql(sql, { engine: t.engine, version: t.version, only: ['mysql-invalid-algorithm'] });
          for (const d of found.filter((f) => f.ruleId === 'mysql-invalid-algorithm')) invalid.push(`${c.name} ${where}: ${d.message}`);
        }
      }
      expect(alters).toBeGreaterThan(10);
      expect(invalid).toEqual([]);
    });
  }

  it('uses INSTANT where the version has it and the online in-place form where it does not', async () => {
    const rename = cases.find((c) => c.kind === 'rename-column')!;
    const sqlAt = async (version: string) => (await phaseTexts({ ...rename, version })).map((t) => t.sql).join('\n');
    const v57 = await sqlAt('5.7');
    expect(v57).not.toMatch(/ALGORITHM=INSTANT/);
    expect(v57).toMatch(/ADD COLUMN [^;]*ALGORITHM=INPLACE, LOCK=NONE;/);
    const v8028 = await sqlAt('8.0.28');
    expect(v8028).toMatch(/ADD COLUMN [^;]*ALGORITHM=INSTANT;/);
    expect(v8028).toMatch(/DROP COLUMN [^;]*ALGORITHM=INPLACE, LOCK=NONE;/);
    const v84 = await sqlAt('8.4');
    expect(v84).toMatch(/DROP COLUMN [^;]*ALGORITHM=INSTANT;/);
  });
});
