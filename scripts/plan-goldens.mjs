#!/usr/bin/env node
// Regenerates fixtures/plans/<engine>/<name>.txt from fixtures/plans/cases.json with the built
// CLI code (run `npm run build` first). Review the diff before committing: the tests assert these.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planFromCase } from '../dist/rewrites/plans/golden.js';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'plans');
const cases = JSON.parse(readFileSync(path.join(root, 'cases.json'), 'utf8'));
for (const c of cases) {
  const text = await planFromCase(c);
  mkdirSync(path.join(root, c.engine), { recursive: true });
  writeFileSync(path.join(root, c.engine, `${c.name}.txt`), text);
}
console.log(`wrote ${cases.length} plan golden files`);
