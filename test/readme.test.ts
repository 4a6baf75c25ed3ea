import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { replaceRulesTable, rulesTableMarkdown } from '../src/report/rules-table.js';

const root = path.join(import.meta.dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('has the rules table generated from the registry (run `npm run docs:rules` when this fails)', () => {
    expect(readme).toBe(replaceRulesTable(readme, rulesTableMarkdown(allRules.map((r) => r.meta))));
  });

  it('links every rule to its docs page', () => {
    for (const rule of allRules) expect(readme).toContain(`(docs/rules/${rule.meta.id}.md)`);
  });

  it('opens with the install-and-lint command and the test command, and .ci/run runs the same', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toContain('npm ci && npx migrasafe examples/postgres');
    expect(firstBlock).toContain('npm test');
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
