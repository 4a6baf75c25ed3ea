import type { Diagnostic } from '../core/types.js';
import { totalCounts } from './counts.js';
import { relativePath } from './relative-path.js';
import type { FormatContext, Formatter } from './types.js';
import { messageLabel } from './label.js';

interface Row {
  file: string;
  database?: string;
  d: Diagnostic;
}

const LEVEL_LABEL: Record<Diagnostic['level'], string> = { error: '🔴 error', warn: '🟠 warning', info: '🔵 info' };

/**
 * A pull-request comment: a summary table, then each finding with its why and the safe rewrite
 * in a collapsible block. Release-level findings (dropping what the code still uses, editing an
 * applied migration) come first: they are the ones a reviewer must see.
 */
export const formatMarkdown: Formatter = (results, ctx) => {
  const rows: Row[] = results.flatMap((r) => r.diagnostics.map((d) => ({ file: relativePath(ctx.cwd, r.filePath), database: r.database, d })));
  const isRelease = (row: Row) => row.d.ruleId !== null && ctx.rules.get(row.d.ruleId)?.category === 'release';
  rows.sort((a, b) => Number(isRelease(b)) - Number(isRelease(a)) || severityRank(b.d) - severityRank(a.d) || a.file.localeCompare(b.file) || a.d.location.start.line - b.d.location.start.line);

  const t = totalCounts(results);
  const out: string[] = ['## migrasafe', ''];
  if (rows.length === 0) {
    out.push(`✅ ${results.length} migration file${results.length === 1 ? '' : 's'} checked: no problems found.`);
    return out.join('\n') + '\n';
  }
  out.push(`**${t.errorCount} error${t.errorCount === 1 ? '' : 's'}, ${t.warningCount} warning${t.warningCount === 1 ? '' : 's'}${t.infoCount ? `, ${t.infoCount} info` : ''}** in ${results.filter((r) => r.diagnostics.length).length} of ${results.length} migration files.`, '');
  out.push('| File | Line | Rule | Severity |', '|---|---|---|---|');
  for (const row of rows) {
    out.push(`| \`${escapeCell((row.database ? `[${row.database}] ` : '') + row.file)}\` | ${row.d.location.start.line} | ${ruleLink(row.d, ctx)}${isRelease(row) ? ' (release)' : ''} | ${LEVEL_LABEL[row.d.level]} |`);
  }
  out.push('');
  for (const row of rows) out.push(...findingBlock(row, ctx));
  return out.join('\n') + '\n';
};

function findingBlock(row: Row, ctx: FormatContext): string[] {
  const { d } = row;
  const lines = [`### ${LEVEL_LABEL[d.level]}: \`${row.file}:${d.location.start.line}\` — ${messageLabel(d)}`, '', d.message, ''];
  if (d.why) lines.push(`**Why:** ${d.why}`, '');
  const sql = d.suggestions?.[0]?.sql;
  if (sql || d.fix) {
    lines.push('<details><summary>Safe rewrite</summary>', '');
    if (sql) lines.push(`${d.suggestions![0].title}:`, '', fence(sql));
    else if (d.fix) lines.push(`${d.fix.title}${d.fix.safe ? ' — `migrasafe lint --fix` applies it.' : '.'}`);
    if (d.planCommand) lines.push('', `Full expand-migrate-contract plan: \`${d.planCommand}\``);
    lines.push('', '</details>', '');
  } else if (d.planCommand) {
    lines.push(`Full plan: \`${d.planCommand}\``, '');
  }
  if (d.ruleId && ctx.rules.has(d.ruleId)) lines.push(`[Rule documentation](${ctx.docsBaseUrl}/${d.ruleId}.md)`, '');
  return lines;
}

function severityRank(d: Diagnostic): number {
  return d.level === 'error' ? 2 : d.level === 'warn' ? 1 : 0;
}

function ruleLink(d: Diagnostic, ctx: FormatContext): string {
  if (!d.ruleId) return `\`${messageLabel(d)}\``;
  return ctx.rules.has(d.ruleId) ? `[\`${d.ruleId}\`](${ctx.docsBaseUrl}/${d.ruleId}.md)` : `\`${d.ruleId}\``;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** A fenced SQL block whose fence is longer than any backtick run inside it. */
function fence(sql: string): string {
  const longest = Math.max(2, ...[...sql.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}sql\n${sql}\n${f}`;
}

