import type { Diagnostic as LspDiagnostic, CodeAction, TextEdit as LspTextEdit, Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsBaseUrl } from '../core/package-info.js';
import type { Diagnostic, Range, TextEdit } from '../core/types.js';

// Numeric LSP constants, so this module needs nothing from the protocol package at run time.
const Severity = { error: 1, warn: 2, info: 3 } as const;
export const PLAN_COMMAND = 'migrasafe.plan';

export function lspRange(doc: TextDocument, range: Range): LspRange {
  return { start: doc.positionAt(range.start), end: doc.positionAt(range.end) };
}

export function toLspDiagnostic(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  return {
    range: lspRange(doc, d.location.range),
    severity: Severity[d.level],
    source: 'migrasafe',
    code: d.ruleId ?? d.code,
    codeDescription: d.ruleId ? { href: `${docsBaseUrl}/${d.ruleId}.md` } : undefined,
    message: d.why ? `${d.message}\n${d.why}` : d.message,
  };
}

function lspEdits(doc: TextDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: lspRange(doc, e.range), newText: e.text }));
}

function overlaps(a: Range, b: Range): boolean {
  // Touching counts: a cursor at the end of a statement still gets its quick fix.
  return a.start <= b.end && b.start <= a.end;
}

/** Quick fixes, "insert the safe rewrite" actions and plan commands for the findings under `range`. */
export function codeActionsFor(doc: TextDocument, diagnostics: readonly Diagnostic[], range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  const uri = doc.uri;
  for (const d of diagnostics) {
    if (!d.ruleId || !overlaps(d.location.range, range)) continue;
    const lspDiag = toLspDiagnostic(doc, d);
    if (d.fix) {
      actions.push({
        title: `${d.fix.title} (migrasafe ${d.ruleId})`,
        kind: 'quickfix',
        diagnostics: [lspDiag],
        isPreferred: d.fix.safe,
        edit: { changes: { [uri]: lspEdits(doc, d.fix.edits) } },
      });
    }
    for (const s of d.suggestions ?? []) {
      if (!s.edits?.length) continue;
      actions.push({
        title: `Insert the safe rewrite: ${s.title}`,
        kind: 'quickfix',
        diagnostics: [lspDiag],
        edit: { changes: { [uri]: lspEdits(doc, s.edits) } },
      });
    }
    if (d.planCommand) {
      actions.push({
        title: `Write the migration plan: ${d.planCommand}`,
        kind: 'quickfix',
        diagnostics: [lspDiag],
        command: { title: 'Run migrasafe plan', command: PLAN_COMMAND, arguments: [d.planCommand, uri] },
      });
    }
  }
  return actions;
}
