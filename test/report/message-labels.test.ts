import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/types.js';
import { loadFormatter } from '../../src/report/index.js';
import type { FormatContext } from '../../src/report/types.js';
import { allRules } from '../../src/rules/index.js';
import { lintFiles, lintText } from '../../src/lint/lint-files.js';
import { repoRoot, runCli } from '../helpers/cli.js';

/**
 * Messages no rule produced (ruleId null, as ESLint reports parse errors) are labelled by what they
 * are: a Knex project linted without --allow-js is "not-linted", not a parse error.
 */
const ctx: FormatContext = { cwd: '/repo', rules: new Map(allRules.map((r) => [r.meta.id, r.meta])), color: false, docsBaseUrl: 'https://example.test/docs/rules', toolVersion: '0.0.0' };
const knexProject = path.join(repoRoot, 'fixtures', 'projects', 'knex-pg');

async function knexWithoutAllowJs(): Promise<FileResult[]> {
  // The files the command line finds in the project, linted into what the formatters receive.
  const r = await runCli([knexProject, '--format', 'json'], { cwd: repoRoot });
  const files = (JSON.parse(r.stdout) as Array<{ filePath: string }>).map((f) => f.filePath);
  expect(files.length).toBeGreaterThan(0);
  return lintFiles(files, { cwd: repoRoot });
}

describe('labels of messages no rule produced', () => {
  it('the Knex "Not linted" warning is not-linted in every formatter; a parse error stays parse-error', async () => {
    const results = await knexWithoutAllowJs();
    const note = results.flatMap((r) => r.diagnostics).find((d) => d.ruleId === null)!;
    expect(note.message).toMatch(/^Not linted: /);
    expect(note.code).toBe('not-linted');
    const broken: FileResult = { filePath: '/repo/db/002_broken.sql', source: 'ALTER TABLE users ADD COLUMNN x int;\n', diagnostics: [] };
    broken.diagnostics = (await lintText(broken.source, broken.filePath, { cwd: '/repo' })).diagnostics;
    expect(broken.diagnostics.map((d) => d.code)).toContain('parse-error');
    const all = [...results.slice(0, 1), broken];

    const stylish = (await loadFormatter('stylish'))(all, ctx);
    expect(stylish).toMatch(/Not linted: .*not-linted/);
    expect(stylish).toMatch(/Parse error: .*parse-error/);
    expect(stylish).not.toMatch(/Not linted: .*parse-error/);

    const sarif = JSON.parse((await loadFormatter('sarif'))(all, ctx)) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }> };
    const byText = (re: RegExp) => sarif.runs[0].results.find((r) => re.test(r.message.text))!.ruleId;
    expect(byText(/^Not linted/)).toBe('not-linted');
    expect(byText(/^Parse error/)).toBe('parse-error');

    const gitlab = JSON.parse((await loadFormatter('gitlab'))(all, ctx)) as Array<{ check_name: string }>;
    expect(gitlab.map((i) => i.check_name).sort()).toEqual(['not-linted', 'parse-error']);
    const json = JSON.parse((await loadFormatter('json'))(all, ctx)) as Array<{ messages: Array<{ ruleId: string | null; code?: string }> }>;
    expect(json.flatMap((f) => f.messages).map((m) => [m.ruleId, m.code])).toEqual([[null, 'not-linted'], [null, 'parse-error']]);
    expect((await loadFormatter('junit'))(all, ctx)).toContain('classname="migrasafe.not-linted"');
    expect((await loadFormatter('github'))(all, ctx)).toMatch(/title=migrasafe%3A not-linted::Not linted/);
    expect((await loadFormatter('markdown'))(all, ctx)).toContain('`not-linted`');
  });
});
