/**
 * Every rule fixture whose finding carries a plan's first phase as a suggestion: applying it in
 * place gives SQL the engine's parser reads (libpg-query, or the MySQL parser without the token
 * fallback), and re-linting the result no longer reports that rule on the replaced statement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/types.js';
import { parseSource } from '../../src/parsers/index.js';
import { applyEdits } from '../../src/rewrites/apply-edits.js';
import { allRules } from '../../src/rules/index.js';
import { lintSql, splitFixtureHistory } from '../helpers/lint-sql.js';
import { fixtureOptions, toolView } from '../helpers/rule-fixtures.js';
import { mysqlParseReport } from '../helpers/mysql-plan-sql.js';

const root = path.join(import.meta.dirname, '../../fixtures/rules');
const FIRST = 'First migration of the safe sequence';

interface Case {
  name: string;
  run: () => Promise<{ applied: number; shown: number }>;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const rule of allRules) {
    const id = rule.meta.id;
    let files: string[];
    try {
      files = readdirSync(path.join(root, id)).filter((f) => f.startsWith('bad') && f.endsWith('.sql'));
    } catch {
      continue;
    }
    for (const name of files.sort()) {
      out.push({
        name: `${id}/${name}`,
        run: async () => {
          const { sql, history } = splitFixtureHistory(readFileSync(path.join(root, id, name), 'utf8'));
          const o = fixtureOptions(history ?? sql);
          const view = toolView(sql, o);
          const engine = o.engine ?? 'postgres';
          const opts = { only: [id, ...o.extraRules], version: o.version, engine, toolTransaction: o.toolTransaction, completeHistory: o.completeHistory, migration: view.migration, history };
          const diags = (await lintSql(view.text, { ...opts, segments: view.segments })).filter((d) => d.ruleId === id);
          let applied = 0;
          let shown = 0;
          for (const d of diags) {
            const sg = d.suggestions?.find((s) => s.title.startsWith(FIRST));
            if (!sg) continue;
            shown++;
            if (!sg.edits?.length) continue;
            applied++;
            const edit = sg.edits[0];
            const fixed = applyEdits(view.text, sg.edits);
            const replaced = { start: edit.range.start, end: edit.range.start + edit.text.length };
            // Parses with the engine's own parser: no statement left unread or read only by the token classifier.
            const inside = parseSource(engine, fixed).statements.filter((st) => st.range.start >= replaced.start && st.range.start < replaced.end);
            expect(inside.length).toBeGreaterThan(0);
            if (engine === 'postgres') {
              const unread = inside.filter((st) => st.kind === 'unparsed').map((st) => `${st.statementType}: ${st.error?.message ?? 'unparsed'}\n${st.text}`);
              expect(unread, `${d.message}\n--- replaced by ---\n${edit.text}`).toEqual([]);
            } else {
              // node-sql-parser does not read stored procedures: their bodies are parsed statement by statement.
              expect(mysqlParseReport(edit.text, engine).failures, edit.text).toEqual([]);
            }
            // Re-lint (segments follow the new text when the tool defines them): the rule is quiet on the replacement.
            const segments = toolView(fixed, o).segments;
            const again: Diagnostic[] = (await lintSql(fixed, { ...opts, segments })).filter((x) => x.ruleId === id && x.location.range.start >= replaced.start && x.location.range.start < replaced.end);
            expect(again.map((x) => x.message), edit.text).toEqual([]);
          }
          return { applied, shown };
        },
      });
    }
  }
  return out;
}

describe('first-phase suggestions over the rule fixtures', () => {
  const all = cases();
  const totals = { files: 0, applied: 0, shown: 0, engines: new Set<string>(), rules: new Set<string>() };
  for (const c of all) {
    it(c.name, async () => {
      const r = await c.run();
      if (r.shown) {
        totals.files++;
        totals.rules.add(c.name.split('/')[0]);
      }
      totals.applied += r.applied;
      totals.shown += r.shown;
    });
  }
  it('covers the rules whose safe form is a multi-phase change', () => {
    console.log(`first-phase suggestions: ${totals.shown} findings in ${totals.files} fixtures (${totals.applied} applied in place) for ${[...totals.rules].sort().join(', ')}`);
    for (const id of ['set-not-null', 'rename-column', 'rename-table', 'unbatched-backfill', 'add-required-column', 'change-column-type', 'add-unique-constraint', 'add-column-rewrite']) {
      expect(totals.rules, id).toContain(id);
    }
  });
});
