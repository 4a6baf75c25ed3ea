import { existsSync, readFileSync } from 'node:fs';
import { ruleDocPath } from '../core/package-info.js';
import { allRules, findRule } from '../rules/index.js';
import type { CliIo } from './main.js';

export function runRules(io: CliIo): number {
  const rows = allRules.map((r) => [
    r.meta.id,
    r.meta.engines.join(','),
    r.meta.presets.includes('recommended') ? r.meta.defaultLevel : 'off',
    // Which presets turn the rule on (`extends` in the config); `recommended` is the default.
    r.meta.presets.join(','),
    r.meta.fixable ? 'fix' : r.meta.hasSuggestions ? 'suggest' : '',
    r.meta.description,
  ]);
  const header = ['rule', 'engines', 'default', 'presets', 'fixable', 'description'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ');
  io.stdout([line(header), ...rows.map(line)].join('\n') + '\n');
  return 0;
}

export function runExplain(id: string, io: CliIo): number {
  const rule = findRule(id);
  if (!rule) {
    io.stderr(`migrasafe: unknown rule "${id}"; run \`migrasafe rules\` for the list.\n`);
    return 2;
  }
  const file = ruleDocPath(id);
  io.stdout(existsSync(file) ? readFileSync(file, 'utf8') : `${id}: ${rule.meta.description}\n`);
  return 0;
}
