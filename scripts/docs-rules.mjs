#!/usr/bin/env node
// Regenerates the rules table in README.md from the rule registry (run after `npm run build`).
// `npm run docs:rules` builds first; test/readme.test.ts fails when the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allRules } from '../dist/rules/index.js';
import { replaceRulesTable, rulesTableMarkdown } from '../dist/report/rules-table.js';

const readmePath = path.join(import.meta.dirname, '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = replaceRulesTable(before, rulesTableMarkdown(allRules.map((r) => r.meta)));
if (after !== before) writeFileSync(readmePath, after);
console.log(after === before ? 'README.md rules table is up to date' : `README.md rules table updated (${allRules.length} rules)`);
