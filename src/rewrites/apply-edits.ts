import type { Diagnostic, TextEdit } from '../core/types.js';

/** Applies non-overlapping edits (sorted by position) to the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.range.start) + e.text;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/**
 * Picks the safe fixes of one pass: in position order, skipping any fix whose edits overlap one
 * already taken (the next pass picks it up after re-linting), as ESLint does.
 */
export function pickFixes(diagnostics: readonly Diagnostic[], ruleFilter?: (ruleId: string) => boolean): TextEdit[] {
  const taken: TextEdit[] = [];
  const fixes = diagnostics
    .filter((d) => d.fix?.safe && d.ruleId && (!ruleFilter || ruleFilter(d.ruleId)))
    .map((d) => d.fix!)
    .sort((a, b) => Math.min(...a.edits.map((e) => e.range.start)) - Math.min(...b.edits.map((e) => e.range.start)));
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) => taken.some((t) => (e.range.start < t.range.end && t.range.start < e.range.end) || e.range.start === t.range.start));
    if (!overlaps) taken.push(...fix.edits);
  }
  return taken;
}
