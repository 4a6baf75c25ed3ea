import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/types.js';
import { relativePath } from './relative-path.js';
import type { Formatter } from './types.js';
import { messageLabel } from './label.js';

/**
 * GitLab Code Quality report (a JSON array of issues). The fingerprint hashes the rule, the file
 * and the flagged text with its occurrence number, not the line, so it is stable across runs
 * and survives unrelated edits above the finding.
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 */
export const formatGitlab: Formatter = (results, ctx) => {
  const issues = results.flatMap((r) => {
    const file = relativePath(ctx.cwd, r.filePath);
    const seen = new Map<string, number>();
    return r.diagnostics.map((d) => {
      const flagged = r.source.slice(d.location.range.start, d.location.range.end).replace(/\s+/g, ' ').trim();
      const key = `${messageLabel(d)}\0${r.database ?? ''}\0${file}\0${flagged}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const meta = d.ruleId ? ctx.rules.get(d.ruleId) : undefined;
      return {
        type: 'issue',
        check_name: messageLabel(d),
        description: (r.database ? `[${r.database}] ` : '') + d.message,
        content: { body: [d.why, d.suggestions?.[0]?.sql ? `Instead:\n\n\`\`\`sql\n${d.suggestions[0].sql}\n\`\`\`` : undefined].filter(Boolean).join('\n\n') },
        categories: [meta?.category === 'style' ? 'Style' : 'Bug Risk'],
        severity: gitlabSeverity(d),
        fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
        location: { path: file, lines: { begin: d.location.start.line, end: d.location.end.line } },
      };
    });
  });
  return JSON.stringify(issues, null, 2) + '\n';
};

function gitlabSeverity(d: Diagnostic): 'info' | 'minor' | 'major' | 'critical' | 'blocker' {
  if (d.fatal) return 'blocker';
  return d.level === 'error' ? 'critical' : d.level === 'warn' ? 'major' : 'info';
}
