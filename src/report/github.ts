import path from 'node:path';
import type { Formatter } from './types.js';
import { messageLabel } from './label.js';

/** GitHub workflow commands: annotations on the pull request diff. */
export const formatGithub: Formatter = (results, ctx) => {
  const out: string[] = [];
  for (const r of results) {
    const file = path.relative(ctx.cwd, r.filePath).split(path.sep).join('/');
    for (const d of r.diagnostics) {
      const cmd = d.level === 'error' ? 'error' : d.level === 'warn' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${d.location.start.line}`,
        `col=${d.location.start.column}`,
        `endLine=${d.location.end.line}`,
        `endColumn=${d.location.end.column}`,
        `title=${escapeProperty(`migrasafe${r.database ? ` [${r.database}]` : ''}: ${messageLabel(d)}`)}`,
      ];
      const body = [d.message, d.why ? `Why: ${d.why}` : '', d.suggestions?.[0] ? `Instead:\n${d.suggestions[0].sql}` : ''].filter(Boolean).join('\n\n');
      out.push(`::${cmd} ${props.join(',')}::${escapeData(body)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
};

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
