import path from 'node:path';
import pc from 'picocolors';
import { LineIndex } from '../core/line-index.js';
import type { Diagnostic } from '../core/types.js';
import { totalCounts } from './counts.js';
import type { Formatter } from './types.js';
import { messageLabel } from './label.js';

const MAX_FRAME_LINES = 6;
const MAX_SUGGESTION_LINES = 12;

/** Human output: per file, each finding with a code frame, the why and the safe alternative. */
export const formatStylish: Formatter = (results, ctx) => {
  const c = pc.createColors(ctx.color);
  const out: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    const rel = path.relative(ctx.cwd, r.filePath) || r.filePath;
    out.push('', c.underline((r.database ? `[${r.database}] ` : '') + rel));
    const lines = new LineIndex(r.source);
    for (const d of r.diagnostics) {
      const sev = d.level === 'error' ? c.red('error') : d.level === 'warn' ? c.yellow('warning') : c.blue('info');
      out.push(`  ${c.dim(`${d.location.start.line}:${d.location.start.column}`)}  ${sev}  ${d.message}  ${c.dim(messageLabel(d))}`);
      out.push(...codeFrame(lines, d, c));
      if (d.why) out.push(`    ${c.dim('why:')} ${d.why}`);
      const alt = alternative(d);
      if (alt) {
        out.push(`    ${c.green('instead:')}`);
        for (const l of alt) out.push(`      ${c.green(l)}`);
      }
      if (d.planCommand) out.push(`    ${c.dim('full plan:')} ${d.planCommand}`);
    }
  }
  const t = totalCounts(results);
  const problems = t.errorCount + t.warningCount + t.infoCount;
  if (problems === 0) return results.length ? c.green(`✔ ${results.length} file${results.length === 1 ? '' : 's'} checked, no problems`) + '\n' : '';
  const summary = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${t.errorCount} error${t.errorCount === 1 ? '' : 's'}, ${t.warningCount} warning${t.warningCount === 1 ? '' : 's'}${t.infoCount ? `, ${t.infoCount} info` : ''}) in ${results.length} file${results.length === 1 ? '' : 's'}`;
  out.push('', (t.errorCount ? c.red : c.yellow)(c.bold(summary)));
  const fixable = t.fixableErrorCount + t.fixableWarningCount;
  if (fixable) out.push(c.dim(`  ${fixable} ${fixable === 1 ? 'problem is' : 'problems are'} fixable with --fix`));
  return out.join('\n') + '\n';
};

function codeFrame(lines: LineIndex, d: Diagnostic, c: ReturnType<typeof pc.createColors>): string[] {
  const { start, end } = d.location;
  const last = Math.min(end.line, start.line + MAX_FRAME_LINES - 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let line = start.line; line <= last; line++) {
    const text = lines.lineText(line).replace(/\t/g, ' ');
    frame.push(`    ${c.dim(`${String(line).padStart(width)} |`)} ${text}`);
    const from = line === start.line ? start.column : 1;
    const to = line === end.line ? end.column : text.length + 1;
    if (to > from) frame.push(`    ${' '.repeat(width)} ${c.dim('|')} ${' '.repeat(from - 1)}${c.red('^'.repeat(Math.max(1, to - from)))}`);
  }
  if (end.line > last) frame.push(`    ${' '.repeat(width)} ${c.dim('| ...')}`);
  return frame;
}

function alternative(d: Diagnostic): string[] | undefined {
  const sql = d.suggestions?.[0]?.sql;
  if (sql) {
    const lines = sql.split('\n');
    return lines.length > MAX_SUGGESTION_LINES ? [...lines.slice(0, MAX_SUGGESTION_LINES), `... (${lines.length - MAX_SUGGESTION_LINES} more lines: --format json shows all)`] : lines;
  }
  if (d.fix) return [`${d.fix.title}${d.fix.safe ? ' (run with --fix)' : ''}`];
  return undefined;
}
