import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/types.js';
import { loadFormatter } from '../../src/report/index.js';
import { allRules } from '../../src/rules/index.js';
import type { FormatContext } from '../../src/report/types.js';
import { lintSql } from '../helpers/lint-sql.js';

const cwd = '/repo';
const ctx: FormatContext = { cwd, rules: new Map(allRules.map((r) => [r.meta.id, r.meta])), color: false, docsBaseUrl: 'https://example.test/docs/rules', toolVersion: '0.0.0' };

const unsafe = `CREATE INDEX orders_user_idx ON orders (user_id);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
`;
const broken = `ALTER TABLE users ADD COLUMNN x int;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
`;

async function results(): Promise<FileResult[]> {
  return [
    { filePath: '/repo/db/003_orders.sql', source: unsafe, diagnostics: await lintSql(unsafe, { presets: ['recommended'] }) },
    { filePath: '/repo/db/004_broken.sql', source: broken, diagnostics: await lintSql(broken, { presets: ['recommended'] }) },
    { filePath: '/repo/db/001_ok.sql', source: 'SELECT 1;', diagnostics: [] },
  ];
}

type Issue = { fingerprint: string; check_name: string; severity: string; location: { path: string; lines: { begin: number; end: number } } };

describe('markdown report', () => {
  it('has a summary table row per finding and a collapsible safe rewrite', async () => {
    const r = await results();
    const md = (await loadFormatter('markdown'))(r, ctx);
    const total = r.reduce((n, f) => n + f.diagnostics.length, 0);
    const rows = md.split('\n').filter((l) => /^\| `db\//.test(l));
    expect(rows).toHaveLength(total);
    expect(rows.some((l) => l.includes('db/003_orders.sql') && l.includes('require-concurrent-index') && l.includes('| 1 |'))).toBe(true);
    expect(md).toContain('<details><summary>Safe rewrite</summary>');
    // the constraint-not-valid suggestion, with the user's names
    expect(md).toContain('ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;');
    // errors sort before warnings
    const firstWarning = rows.findIndex((l) => l.includes('warning'));
    const lastError = rows.map((l) => l.includes('error')).lastIndexOf(true);
    expect(firstWarning === -1 || firstWarning > lastError).toBe(true);
    expect(md).toMatch(/\*\*\d+ errors?, \d+ warnings?\*\* in 2 of 3 migration files/);
  });

  it('says so when there is nothing to report', async () => {
    const md = (await loadFormatter('markdown'))([{ filePath: '/repo/a.sql', source: '', diagnostics: [] }], ctx);
    expect(md).toContain('no problems found');
  });
});

describe('gitlab code quality report', () => {
  it('has one issue per finding with severity, location and a fingerprint stable across runs', async () => {
    const fmt = await loadFormatter('gitlab');
    const a = JSON.parse(fmt(await results(), ctx)) as Issue[];
    const b = JSON.parse(fmt(await results(), ctx)) as Issue[];
    expect(a.map((i) => i.fingerprint)).toEqual(b.map((i) => i.fingerprint));
    expect(new Set(a.map((i) => i.fingerprint)).size).toBe(a.length);
    const idx = a.find((i) => i.check_name === 'require-concurrent-index')!;
    expect(idx.location).toEqual({ path: 'db/003_orders.sql', lines: { begin: 1, end: 1 } });
    expect(idx.severity).toBe('critical');
    const parse = a.find((i) => i.check_name === 'parse-error')!;
    expect(parse.severity).toBe('blocker');
    expect(parse.location.path).toBe('db/004_broken.sql');
  });

  it('keeps the fingerprint when lines above the finding change', async () => {
    const fmt = await loadFormatter('gitlab');
    const shifted = `-- a comment added later\n\n${unsafe}`;
    const before = JSON.parse(fmt([{ filePath: '/repo/db/003_orders.sql', source: unsafe, diagnostics: await lintSql(unsafe, { only: ['require-concurrent-index'] }) }], ctx)) as Issue[];
    const after = JSON.parse(fmt([{ filePath: '/repo/db/003_orders.sql', source: shifted, diagnostics: await lintSql(shifted, { only: ['require-concurrent-index'] }) }], ctx)) as Issue[];
    expect(after[0].location.lines.begin).toBe(3);
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
  });
});

describe('junit report', () => {
  it('has a failing test case per finding and a passing case per clean file', async () => {
    const r = await results();
    const xml = (await loadFormatter('junit'))(r, ctx);
    const total = r.reduce((n, f) => n + f.diagnostics.length, 0);
    expect(xml.match(/<failure /g)).toHaveLength(total);
    expect(xml).toContain('<testcase name="db/001_ok.sql" classname="migrasafe" file="db/001_ok.sql"/>');
    expect(xml).toMatch(/<testsuites name="migrasafe" tests="\d+" failures="\d+">/);
    expect(xml).toContain(`failures="${total}"`);
    // escaped: no raw ampersands or angle brackets left in text content
    expect(xml.replace(/<[^>]+>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;)/);
  });
});
