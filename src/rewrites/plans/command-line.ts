import type { PlanKind } from './types.js';

/** Flags of `migrasafe plan`, as on the command line without dashes. */
export type PlanFlags = Partial<Record<'type' | 'default' | 'set' | 'where' | 'columns' | 'into' | 'name' | 'alias', string>> & { delete?: boolean; 'add-column'?: boolean };

/** What a finding asks of `migrasafe plan`: the change and its arguments, as on the command line. */
export interface PlanRef {
  kind: PlanKind;
  /** Positional arguments: `['users.email', 'email_address']`. */
  args: string[];
  flags?: PlanFlags;
}

function shellQuote(value: string): string {
  return /^[\w.,:=@/-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * The `migrasafe plan ...` command line that prints the whole sequence. Kept apart from the plan
 * builders so findings can name the command without loading them.
 */
export function planCommandLine(ref: PlanRef): string {
  const flags = Object.entries(ref.flags ?? {}).flatMap(([k, v]) => {
    if (v === true) return [`--${k}`];
    if (v === undefined || v === '' || v === false) return [];
    return [`--${k} ${shellQuote(v)}`];
  });
  return ['migrasafe plan', ref.kind, ...ref.args.map(shellQuote), ...flags].join(' ');
}
