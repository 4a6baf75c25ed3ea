import type { Diagnostic, Fix, FileResult, TextEdit } from '../core/types.js';
import { countDiagnostics, numericSeverity } from './counts.js';
import type { Formatter } from './types.js';

/** ESLint's `{ range, text }` fix: several edits merge into one replacement of the span they cover. */
export function eslintFix(source: string, edits: readonly TextEdit[]): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  const start = sorted[0].range.start;
  const end = Math.max(...sorted.map((e) => e.range.end));
  let text = '';
  let at = start;
  for (const e of sorted) {
    text += source.slice(at, e.range.start) + e.text;
    at = Math.max(at, e.range.end);
  }
  return { range: [start, end], text: text + source.slice(at, end) };
}

export function eslintMessage(d: Diagnostic, source: string) {
  const fix = (f: Fix | undefined) => (f && f.safe ? eslintFix(source, f.edits) : undefined);
  return {
    ruleId: d.ruleId,
    severity: numericSeverity(d),
    message: d.message,
    line: d.location.start.line,
    column: d.location.start.column,
    endLine: d.location.end.line,
    endColumn: d.location.end.column,
    ...(d.fatal ? { fatal: true } : {}),
    ...(fix(d.fix) ? { fix: fix(d.fix) } : {}),
    ...(d.suggestions?.length || (d.fix && !d.fix.safe)
      ? {
          suggestions: [
            ...(d.fix && !d.fix.safe ? [{ desc: d.fix.title, fix: eslintFix(source, d.fix.edits) }] : []),
            ...(d.suggestions ?? []).filter((s) => s.edits?.length).map((s) => ({ desc: s.title, fix: eslintFix(source, s.edits!) })),
          ],
        }
      : {}),
    // migrasafe extras; ESLint consumers ignore unknown keys.
    level: d.level,
    ...(d.why ? { why: d.why } : {}),
    ...(d.planCommand ? { planCommand: d.planCommand } : {}),
    ...(d.code ? { code: d.code } : {}),
  };
}

export function eslintResult(r: FileResult) {
  const c = countDiagnostics(r.diagnostics);
  return {
    filePath: r.filePath,
    messages: r.diagnostics.map((d) => eslintMessage(d, r.source)),
    suppressedMessages: [],
    errorCount: c.errorCount,
    fatalErrorCount: c.fatalErrorCount,
    warningCount: c.warningCount + c.infoCount,
    fixableErrorCount: c.fixableErrorCount,
    fixableWarningCount: c.fixableWarningCount,
    ...(r.output !== undefined ? { output: r.output } : {}),
    ...(r.database ? { database: r.database } : {}),
    usedDeprecatedRules: [],
  };
}

export const formatJson: Formatter = (results) => JSON.stringify(results.map(eslintResult));
