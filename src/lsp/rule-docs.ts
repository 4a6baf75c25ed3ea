import { readFileSync } from 'node:fs';
import { ruleDocPath } from '../core/package-info.js';
import type { Diagnostic } from '../core/types.js';

const cache = new Map<string, string | null>();

/** The rule's documentation page (docs/rules/<id>.md), or null when it has none. */
export function ruleDoc(id: string): string | null {
  if (!cache.has(id)) {
    try {
      cache.set(id, readFileSync(ruleDocPath(id), 'utf8'));
    } catch {
      cache.set(id, null);
    }
  }
  return cache.get(id)!;
}

/** Markdown for a hover over one or more findings: the message, why, plan command, then the rule's docs. */
export function hoverMarkdown(findings: readonly Diagnostic[]): string {
  return findings.map(findingMarkdown).join('\n\n---\n\n');
}

function findingMarkdown(d: Diagnostic): string {
  const parts = [`**migrasafe${d.ruleId ? ` \`${d.ruleId}\`` : ''}** (${d.level}): ${d.message}`];
  if (d.why) parts.push(`*Why:* ${d.why}`);
  if (d.planCommand) parts.push(`Full expand-migrate-contract plan: \`${d.planCommand}\``);
  const doc = d.ruleId ? ruleDoc(d.ruleId) : null;
  // The page's own title repeats the id: start at its first section.
  if (doc) parts.push(doc.replace(/^# .*\n+/, ''));
  return parts.join('\n\n');
}
