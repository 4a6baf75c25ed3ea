import type { Diagnostic, FileResult } from '../core/types.js';

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const c: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const d of diagnostics) {
    if (d.level === 'error') {
      c.errorCount++;
      if (d.fix?.safe) c.fixableErrorCount++;
    } else if (d.level === 'warn') {
      c.warningCount++;
      if (d.fix?.safe) c.fixableWarningCount++;
    } else c.infoCount++;
    if (d.fatal) c.fatalErrorCount++;
  }
  return c;
}

export function totalCounts(results: readonly FileResult[]): Counts {
  const total = countDiagnostics([]);
  for (const r of results) {
    const c = countDiagnostics(r.diagnostics);
    for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
  }
  return total;
}

/** ESLint's numeric severity: info and warnings are 1, errors 2. */
export function numericSeverity(d: Diagnostic): 1 | 2 {
  return d.level === 'error' ? 2 : 1;
}
