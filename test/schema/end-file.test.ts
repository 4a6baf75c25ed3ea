import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseSource } from '../../src/parsers/index.js';
import type { Origin } from '../../src/schema/catalog.js';
import { Catalog } from '../../src/schema/replay.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * Catalog.endFile relabels the objects a linted file created, visiting only the tables written
 * since the previous call. It must leave exactly the schema the full relabel('file', to) leaves.
 */
const fixtures = path.join(repoRoot, 'fixtures', 'rules');
const files = readdirSync(fixtures)
  .filter((rule) => !rule.startsWith('mysql-'))
  .flatMap((rule) => readdirSync(path.join(fixtures, rule)).filter((f) => f.endsWith('.sql')).map((f) => path.join(fixtures, rule, f)))
  .sort();

/** Every origin still labelled 'file', by where it is. */
function fileOrigins(c: Catalog): string[] {
  const s = c.state;
  const out: string[] = [];
  for (const [k, t] of s.tables) {
    if (t.origin === 'file') out.push(`table ${k}`);
    for (const [n, col] of t.columns) if (col.origin === 'file') out.push(`column ${k}.${n}`);
    for (const [n, con] of t.constraints) if (con.origin === 'file') out.push(`constraint ${k}.${n}`);
  }
  for (const m of [s.indexes, s.views, s.enums]) for (const [k, o] of m) if (o.origin === 'file') out.push(k);
  return out;
}

beforeAll(() => initParser('postgres'));

describe('Catalog.endFile', () => {
  it(`leaves the same schema as a full relabel after each of ${files.length} fixture files, through copies`, () => {
    expect(files.length).toBeGreaterThan(100);
    let fast = new Catalog(true);
    let full = new Catalog(true);
    let checked = 0;
    files.forEach((file, i) => {
      const statements = parseSource('postgres', readFileSync(file, 'utf8')).statements;
      // History files replay as 'before' or 'release'; every third file is linted ('file').
      const origin: Origin = i % 3 === 0 ? 'file' : i % 2 ? 'release' : 'before';
      for (const c of [fast, full]) {
        c.beginFile('postgres');
        for (const st of statements) c.applyStatement(st, origin);
      }
      const to: Origin = i % 2 ? 'release' : 'before';
      fast.endFile(to);
      full.relabel('file', to);
      expect(fileOrigins(fast), file).toEqual([]);
      expect(fast.state, file).toEqual(full.state);
      checked++;
      // The orchestrator lints a rollback file or a --fix pass on a copy: continue from copies too.
      if (i % 4 === 1) {
        fast = fast.clone();
        full = full.clone();
      }
    });
    expect(checked).toBe(files.length);
    expect(fast.state.tables.size).toBeGreaterThan(20);
  });

  it('relabels what a file changed in a table an earlier file created, and in a copy taken mid-file', () => {
    const c = new Catalog(true);
    for (const sql of ['CREATE TABLE t (id int);', 'ALTER TABLE t ADD COLUMN a int; CREATE INDEX t_a ON t (a);']) {
      c.beginFile('postgres');
      for (const st of parseSource('postgres', sql).statements) c.applyStatement(st, sql.startsWith('CREATE') ? 'before' : 'file');
    }
    const copy = c.clone();
    copy.endFile('release');
    expect(copy.column({ name: 't' }, 'a')?.origin).toBe('release');
    expect(copy.index({ name: 't_a' })?.origin).toBe('release');
    expect(c.column({ name: 't' }, 'a')?.origin).toBe('file');
    c.endFile('before');
    expect(fileOrigins(c)).toEqual([]);
  });
});
