/**
 * MySQL plans cannot run here, so their SQL is checked by the MySQL parser (src/parsers/mysql,
 * node-sql-parser): every phase's up and down of every MySQL plan golden case parses, with no
 * statement left to the token classifier except the stored-procedure forms node-sql-parser does
 * not support (whose bodies are parsed statement by statement instead), triggers whose body is
 * an INSERT (the body is parsed on its own) and ALTER COLUMN SET/DROP DEFAULT (checked by shape).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../../src/parsers/index.js';
import { planOfCase, type PlanCase } from '../../src/rewrites/plans/golden.js';
import { mysqlParseReport } from '../helpers/mysql-plan-sql.js';

const root = path.join(import.meta.dirname, '../../fixtures/plans');
const cases = (JSON.parse(readFileSync(path.join(root, 'cases.json'), 'utf8')) as PlanCase[]).filter((c) => c.engine !== 'postgres');

describe('MySQL plan SQL parses with the MySQL parser', () => {
  beforeAll(async () => {
    await initParser('mysql');
  });
  const totals = { parsed: 0, gaps: new Map<string, number>(), failures: 0, phases: 0 };

  for (const c of cases) {
    it(`${c.engine}/${c.name}`, async () => {
      const plan = await planOfCase(c);
      for (const [i, p] of plan.phases.entries()) {
        if (p.kind === 'deploy') continue;
        for (const [which, sql] of [['up', p.up], ['down', p.down]] as const) {
          if (!sql.trim()) continue;
          totals.phases++;
          const r = mysqlParseReport(sql, c.engine);
          totals.parsed += r.parsed;
          totals.failures += r.failures.length;
          for (const g of r.gaps) totals.gaps.set(g, (totals.gaps.get(g) ?? 0) + 1);
          expect(r.failures, `step ${i + 1} ${which}: ${p.title}`).toEqual([]);
          expect(r.parsed + r.gaps.length, `step ${i + 1} ${which} has statements`).toBeGreaterThan(0);
        }
      }
    });
  }

  it('reads everything but stored procedures with the parser', () => {
    console.log(`MySQL plan SQL: ${cases.length} plans, ${totals.phases} up/down texts, ${totals.parsed} statements parsed, ${totals.failures} failures; parser gaps (valid MySQL, token classifier): ${[...totals.gaps].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    expect(totals.failures).toBe(0);
    expect([...totals.gaps.keys()].sort()).toEqual(['ALTER COLUMN SET/DROP DEFAULT', 'CREATE PROCEDURE', 'CREATE TRIGGER', 'DECLARE', 'DO', 'DROP PROCEDURE']);
  });
});
