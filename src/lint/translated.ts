import { compareRuleIds } from '../core/diagnostic-order.js';
import { LineIndex } from '../core/line-index.js';
import type { Diagnostic, Location, Range } from '../core/types.js';
import type { TranslatedSource } from '../sources/types.js';

/**
 * Findings on translated SQL moved back onto the document (a Liquibase XML/YAML changelog):
 * positions mapped, the tool's own advice added, text edits dropped (they target the SQL, not the
 * document; the suggested SQL is kept), and the translation's own notes added.
 */
export function diagnosticsInDocument(diagnostics: readonly Diagnostic[], tr: TranslatedSource, document: string): Diagnostic[] {
  const lines = new LineIndex(document);
  const out: Diagnostic[] = diagnostics.map((d) => {
    const advice = d.ruleId ? tr.advice?.(d.ruleId, d.location.range) : undefined;
    const { fix: _fix, ...rest } = d;
    return {
      ...rest,
      message: advice ? `${d.message} ${advice}` : d.message,
      location: lines.location(tr.toDocument(d.location.range)),
      suggestions: d.suggestions?.map((s) => ({ title: s.title, sql: s.sql })),
      ...(d.pendingPlan ? { pendingPlan: { ...d.pendingPlan, replace: undefined } } : {}),
    };
  });
  for (const n of tr.notes) out.push({ ruleId: null, code: n.fatal ? 'parse-error' : 'migration-tool', level: n.level, ...(n.fatal ? { fatal: true } : {}), message: n.message, location: lines.location(n.range) });
  return out.sort((a, b) => a.location.range.start - b.location.range.start || compareRuleIds(a, b));
}

/** Where a range of the translated SQL lies in the document. */
export function documentLocator(tr: TranslatedSource, document: string): (range: Range) => Location {
  const lines = new LineIndex(document);
  return (range) => lines.location(tr.toDocument(range));
}
