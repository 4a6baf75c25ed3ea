import type { Rule } from '../types.js';

/** Reported by the linter itself after suppressions are applied; the rule exists for config and docs. */
export const unusedIgnore: Rule = {
  meta: {
    id: 'unused-ignore',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'correctness',
    defaultLevel: 'warn',
    description: 'A migrasafe-ignore comment that suppresses nothing, or has no reason.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
};
