import type { Diagnostic } from '../core/types.js';

/** The id a formatter shows for a message: its rule, or for a message no rule produced, what it is. */
export function messageLabel(d: Diagnostic): string {
  return d.ruleId ?? d.code ?? 'parse-error';
}
