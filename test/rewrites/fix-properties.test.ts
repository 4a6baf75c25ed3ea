/**
 * Properties of --fix over every rule fixture and the real corpus: the fixed text parses (no new
 * unparsable statement), the fixable findings are gone (the fix loop converges), no new error
 * appears (a fix never makes things worse in the file's transaction mode, e.g. CONCURRENTLY inside
 * a transaction), and fixing the output again changes nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Engine } from '../../src/core/types.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { lintText } from '../../src/lint/lint-files.js';
import { initParser, parseSource } from '../../src/parsers/index.js';
import { allRules } from '../../src/rules/index.js';

const repo = path.join(import.meta.dirname, '../..');
const fixturesRoot = path.join(repo, 'fixtures/rules');
const corpus = path.join(repo, '../shared/corpus/postgres');

function sqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sqlFiles(p));
    else if (name.endsWith('.sql')) out.push(p);
  }
  return out;
}

function headerOptions(sql: string) {
  const header = /^-- fixture:(.*)$/m.exec(sql.split('\n')[0] ?? '')?.[1] ?? '';
  return {
    version: /version=(\S+)/.exec(header)?.[1],
    engine: (/engine=(\S+)/.exec(header)?.[1] ?? 'postgres') as Engine,
    toolTransaction: /tool-transaction/.test(header),
  };
}

const unparsed = (engine: Engine, sql: string) => parseSource(engine, sql).statements.filter((s) => s.kind === 'unparsed').length;
const errorsBy = (ds: Diagnostic[]) => {
  const m = new Map<string, number>();
  for (const d of ds) if (d.level === 'error' && d.ruleId) m.set(d.ruleId, (m.get(d.ruleId) ?? 0) + 1);
  return m;
};

interface Checked {
  changed: boolean;
}

async function checkFixProperties(file: string, sql: string, o: { engine: Engine; version?: string; toolTransaction: boolean }): Promise<Checked> {
  await initParser(o.engine);
  const config = resolveConfig({ extends: ['strict'], engine: o.engine, ...(o.version ? { targetVersion: o.version } : {}) }, allRules, repo);
  const migration = { path: file, role: 'up' as const, toolTransaction: o.toolTransaction };
  const opts = { cwd: repo };
  const before = await lintText(sql, file, opts, config, { migration });
  const fixed = await lintText(sql, file, { ...opts, fix: true }, config, { migration });
  if (fixed.output === undefined) {
    // nothing changed: then there was nothing safe to fix, or every safe fix was a no-op
    return { changed: false };
  }
  const out = fixed.output;
  // 1. parses: no statement the parser could read before is unreadable now
  expect(unparsed(o.engine, out), `${file}: fixed output parses`).toBeLessThanOrEqual(unparsed(o.engine, sql));
  // 2. re-lints clean for the fixed rules: no safe fix left to apply
  const after = await lintText(out, file, opts, config, { migration });
  expect(after.diagnostics.filter((d) => d.fix?.safe).map((d) => `${d.ruleId}: ${d.message}`), `${file}: converged`).toEqual([]);
  // ... and every fixed finding is gone (the rule may still report something else, e.g. a version caveat)
  const remaining = new Set(after.diagnostics.map((d) => `${d.ruleId}: ${d.message}`));
  for (const d of before.diagnostics.filter((x) => x.fix?.safe)) expect(remaining.has(`${d.ruleId}: ${d.message}`), `${file}: still reported after --fix: ${d.message}`).toBe(false);
  // ... and no rule reports a new error (a fix must be safe in the file's transaction mode)
  const e0 = errorsBy(before.diagnostics);
  for (const [id, n] of errorsBy(after.diagnostics)) expect(n, `${file}: new ${id} errors after --fix:\n${out}`).toBeLessThanOrEqual(e0.get(id) ?? 0);
  // 3. idempotent
  const again = await lintText(out, file, { ...opts, fix: true }, config, { migration });
  expect(again.output, `${file}: a second --fix changes nothing`).toBeUndefined();
  return { changed: true };
}

describe('--fix properties over the rule fixtures', () => {
  const files = sqlFiles(fixturesRoot);
  it('finds fixtures', () => expect(files.length).toBeGreaterThan(20));
  let changed = 0;
  for (const file of files) {
    it(path.relative(fixturesRoot, file), async () => {
      const sql = readFileSync(file, 'utf8');
      const r = await checkFixProperties(file, sql, headerOptions(sql));
      if (r.changed) changed++;
    });
  }
  it('some fixtures are actually changed by --fix', () => expect(changed).toBeGreaterThan(0));
});

describe.skipIf(!existsSync(corpus))('--fix properties over ../shared/corpus/postgres', () => {
  it('holds for every corpus file, in the tool transaction mode and without', async () => {
    const files = sqlFiles(corpus);
    let changed = 0;
    for (const file of files) {
      const sql = readFileSync(file, 'utf8');
      for (const toolTransaction of [false, true]) if ((await checkFixProperties(file, sql, { engine: 'postgres', toolTransaction })).changed) changed++;
    }
    console.log(`--fix properties: ${files.length} corpus files, ${changed} fixed runs`);
    expect(changed).toBeGreaterThan(0);
  }, 600_000);
});
if (!existsSync(corpus)) console.log(`skipping corpus --fix properties: ${corpus} not found`);
