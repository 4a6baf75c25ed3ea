import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';

const root = path.join(import.meta.dirname, '..');
const REQUIRED_SECTIONS = ['## What it flags', '## Why it is dangerous', '## Bad', '## Use instead', '## When it is fine to ignore', '## References'];

describe('rule catalogue', () => {
  it('has unique rule ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of allRules) {
    const id = rule.meta.id;
    it(`${id} has a docs page with every section`, () => {
      const file = path.join(root, 'docs', 'rules', `${id}.md`);
      expect(existsSync(file), `docs/rules/${id}.md`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(`# ${id}\n`)).toBe(true);
      for (const section of REQUIRED_SECTIONS) expect(text, `${id}: ${section}`).toContain(section);
    });
    it(`${id} has bad and good fixtures`, () => {
      const dir = path.join(root, 'fixtures', 'rules', id);
      expect(existsSync(dir), `fixtures/rules/${id}/`).toBe(true);
    });
  }
});
