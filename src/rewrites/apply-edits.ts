import type { Diagnostic, TextEdit } from '../core/types.js';

/** `\r\n` when the text's first line break is one (a Windows-style file), else `\n`. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

/** The edit with its line breaks written as the file writes them (rules build fixes with `\n`). */
export function inLineEnding(edit: TextEdit, eol: '\n' | '\r\n'): TextEdit {
  return eol === '\n' || !edit.text.includes('\n') ? edit : { ...edit, text: edit.text.replace(/\r?\n/g, eol) };
}

/**
 * Rewrites the fixes and suggestions of a file's findings to its line endings, so that `--fix`,
 * ESLint-format consumers and editors do not leave a CRLF file with mixed line endings.
 */
export function matchLineEndings(diagnostics: Diagnostic[], text: string): void {
  const eol = lineEndingOf(text);
  if (eol === '\n') return;
  for (const d of diagnostics) {
    if (d.fix) d.fix = { ...d.fix, edits: d.fix.edits.map((e) => inLineEnding(e, eol)) };
    if (d.suggestions) d.suggestions = d.suggestions.map((sg) => (sg.edits ? { ...sg, edits: sg.edits.map((e) => inLineEnding(e, eol)) } : sg));
  }
}

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
