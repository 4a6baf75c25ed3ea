import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempProject } from '../helpers/cli.js';

// CommonJS packages: load them the way Node does, with their own types.
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

// Several findings, a fix, suggestions, a non-ASCII line and a parse error.
const FILES = {
  'db/001_orders.sql': [
    "COMMENT ON TABLE orders IS 'Bestellungen – größte Tabelle';",
    'CREATE INDEX orders_user_idx ON orders (user_id);',
    'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
    '',
  ].join('\n'),
  'db/002_broken.sql': 'ALTER TABLE orders ADD COLUMN x int DEFALT 1;\nALTER TABLE orders DROP COLUMN legacy;\n',
  'db/003_clean.sql': "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;\n",
};

interface EslintShapedResult {
  filePath: string;
  messages: Array<Record<string, unknown>>;
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

async function run(format: string) {
  const dir = tempProject(FILES);
  const r = await runCli(['db', '--format', format], { cwd: dir });
  expect(r.code).toBe(1);
  return { dir, out: r.stdout };
}

describe('json formatter', () => {
  it("has ESLint's result shape: ESLint's own stylish formatter prints it", async () => {
    const { out } = await run('json');
    const results = JSON.parse(out) as EslintShapedResult[];
    const eslint = new ESLint({ cwd: repoRoot });
    const stylish = await eslint.loadFormatter('stylish');
    const text = await stylish.format(results as unknown as ESLint.LintResult[], { cwd: repoRoot, rulesMeta: {} } as unknown as ESLint.ResultsMeta);
    // ESLint prints every message with its position, severity word and rule id.
    expect(text).toMatch(/2:1\s+error\s+CREATE INDEX on `orders`.*require-concurrent-index/);
    expect(text).toMatch(/1:37\s+error\s+Parse error: syntax error at or near "DEFALT"/);
    const total = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
    expect(text).toContain(`${total} problems`);
  });

  it('carries positions, fixes, suggestions and fatal flags in ESLint terms', async () => {
    const { out } = await run('json');
    const [orders, broken, clean] = JSON.parse(out) as EslintShapedResult[];
    const src = FILES['db/001_orders.sql'];
    expect(clean.messages).toEqual([]);
    expect(clean.errorCount + clean.warningCount).toBe(0);
    for (const m of orders.messages) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']));
      expect([1, 2]).toContain(m.severity);
    }
    const index = orders.messages.find((m) => m.ruleId === 'require-concurrent-index')!;
    expect([index.line, index.column, index.endLine, index.endColumn]).toEqual([2, 1, 2, 49]);
    // ESLint's fix: one { range, text } replacement in the file's text; applying it gives the fixed statement.
    const fix = index.fix as { range: [number, number]; text: string };
    expect(src.slice(0, fix.range[0]) + fix.text + src.slice(fix.range[1])).toContain('CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);');
    const fk = orders.messages.find((m) => m.ruleId === 'constraint-not-valid')!;
    // The column counts UTF-16 units like ESLint, after the non-ASCII line above.
    expect([fk.line, fk.column]).toEqual([3, 24]);
    const suggestions = fk.suggestions as Array<{ desc: string; fix: { range: [number, number]; text: string } }>;
    expect(suggestions.map((s) => s.desc)).toContain('Add the constraint NOT VALID, validate it in a later transaction');
    expect(suggestions.every((s) => s.fix.text.includes('NOT VALID'))).toBe(true);
    expect(orders.errorCount).toBe(2);
    expect(orders.fixableErrorCount).toBe(2); // CONCURRENTLY, and NOT VALID + VALIDATE outside a transaction
    const fatal = broken.messages[0];
    expect(fatal).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 1, column: 37 });
    expect(broken.fatalErrorCount).toBe(1);
    // The statement after the parse error is still linted.
    expect(broken.messages.map((m) => m.ruleId)).toContain('drop-column');
  });
});

describe('sarif formatter', () => {
  it('is valid SARIF 2.1.0 against the official schema', async () => {
    const { out } = await run('sarif');
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(out) as Record<string, unknown>;
    const ok = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is not vacuous: a broken log fails it', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('describes each reported rule with help text and a docs link, and points results at them', async () => {
    const { out } = await run('sarif');
    const log = JSON.parse(out) as { runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string; help: { text: string } }> } }; results: Array<{ ruleId: string; ruleIndex?: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }> };
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe('migrasafe');
    const rules = run0.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['require-concurrent-index', 'constraint-not-valid', 'drop-column']));
    for (const r of rules) {
      expect(r.helpUri).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`));
      expect(r.help.text.length).toBeGreaterThan(20);
    }
    for (const res of run0.results.filter((x) => x.ruleIndex !== undefined)) expect(rules[res.ruleIndex!].id).toBe(res.ruleId);
    const index = run0.results.find((r) => r.ruleId === 'require-concurrent-index')!;
    expect(index.level).toBe('error');
    expect(index.locations[0].physicalLocation.artifactLocation.uri).toBe('db/001_orders.sql');
    expect(index.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 1 });
  });
});

describe('github formatter', () => {
  it('prints one workflow command per finding with file, position and escaped data', async () => {
    const { out } = await run('github');
    const lines = out.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::/.test(l))).toBe(true);
    const index = lines.find((l) => l.includes('require-concurrent-index'))!;
    expect(index.startsWith('::error file=db/001_orders.sql,line=2,col=1,endLine=2,endColumn=49,title=migrasafe%3A require-concurrent-index::')).toBe(true);
    // Newlines in the body are escaped so each annotation stays on one line.
    expect(lines.some((l) => l.includes('%0A'))).toBe(true);
    expect(lines.find((l) => l.includes('DEFALT'))).toMatch(/^::error file=db\/002_broken\.sql,line=1,col=37,/);
  });
});

describe('stylish formatter', () => {
  it('groups by file with a code frame underlining the exact span, the why, the alternative and a summary', async () => {
    const { out } = await run('stylish');
    const lines = out.split('\n');
    expect(lines).toContain(path.join('db', '001_orders.sql'));
    expect(lines).not.toContain(path.join('db', '003_clean.sql'));
    const at = lines.findIndex((l) => /^ {2}3:24 {2}error {2}ADD FOREIGN KEY/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('    3 | ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);');
    const caret = lines[at + 2];
    expect(caret.indexOf('^') - caret.indexOf('|') - 2).toBe(23);
    expect(caret.trim().replace(/^\|\s*/, '')).toBe('^'.repeat('CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)'.length));
    expect(lines[at + 3]).toMatch(/^ {4}why: /);
    expect(lines[at + 4]).toBe('    instead:');
    expect(out).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings?\) in 3 files/);
  });

  it('prints a one-line success message for clean files', async () => {
    const dir = tempProject({ 'a.sql': FILES['db/003_clean.sql'] });
    const r = await runCli(['a.sql'], { cwd: dir });
    expect(r.stdout).toBe('✔ 1 file checked, no problems\n');
  });
});
