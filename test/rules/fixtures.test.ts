/**
 * Data-driven check of every rule against its fixtures in fixtures/rules/<id>/:
 * - `bad*.sql`: each statement (or ignore comment) after a `-- expect: <id>` line must get exactly one finding
 *   of that rule, and no other statement may get one;
 * - `good*.sql`: no finding of that rule at all.
 * A fixture's first line may set `-- fixture: version=11 engine=postgres tool-transaction complete-history`
 * (`complete-history`: the file is the whole migration history, so objects it never creates are missing).
 * `tool=dbmate|liquibase description=<name>` reads it the way that tool does (sections, rollbacks).
 * Statements above a `-- fixture: history above` line are replayed as already deployed (the schema the rest runs against).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { LineIndex, lintSql, splitFixtureHistory } from '../helpers/lint-sql.js';
import { parseSource } from '../../src/parsers/index.js';
import { fixtureOptions, toolView } from '../helpers/rule-fixtures.js';

const root = path.join(import.meta.dirname, '../../fixtures/rules');

function expectedLines(sql: string, id: string): number[] {
  const lines = sql.split('\n');
  const out: number[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*--\s*expect:\s*(.+)$/.exec(l);
    if (!m || !m[1].split(/[\s,]+/).includes(id)) return;
    // the statement starts on the next line that is not blank or a comment
    let j = i + 1;
    // (an ignore directive is itself a target: unused-ignore reports on the comment)
    while (j < lines.length && (/^\s*$/.test(lines[j]) || (/^\s*--/.test(lines[j]) && !/migrasafe-ignore/.test(lines[j])))) j++;
    out.push(j + 1);
  });
  return out;
}

describe('rule fixtures', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    const dir = path.join(root, id);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      it(`${id}: ${name}`, async () => {
        const { sql, history } = splitFixtureHistory(readFileSync(path.join(dir, name), 'utf8'));
        const o = fixtureOptions(history ?? sql);
        const view = toolView(sql, o);
        const diags = (await lintSql(view.text, { only: [id, ...o.extraRules], version: o.version, engine: o.engine, toolTransaction: o.toolTransaction, completeHistory: o.completeHistory, segments: view.segments, migration: view.migration, history })).filter((d) => d.ruleId === id);
        if (name.startsWith('good')) {
          expect(diags.map((d) => `${d.location.start.line}: ${d.message}`)).toEqual([]);
        } else {
          const want = expectedLines(sql, id);
          expect(want.length, 'a bad fixture must mark at least one statement with -- expect:').toBeGreaterThan(0);
          // A finding may sit inside the statement (a column or constraint), so compare by statement start line.
          const { statements } = parseSource(o.engine ?? 'postgres', view.text);
          const lines = new LineIndex(sql);
          const stmtLines = diags.map((d) => {
            const st = statements.find((s) => d.location.range.start >= s.range.start && d.location.range.start <= s.terminatorEnd);
            return lines.position(st ? st.range.start : d.location.range.start).line;
          });
          expect(stmtLines.sort((a, b) => a - b)).toEqual(want);
        }
      });
    }
  }
});
