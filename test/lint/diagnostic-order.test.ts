import { describe, expect, it } from 'vitest';
import { compareRuleIds } from '../../src/core/diagnostic-order.js';
import type { Diagnostic } from '../../src/core/types.js';
import { allRules } from '../../src/rules/index.js';

const diag = (ruleId: string | null) => ({ ruleId }) as Diagnostic;

describe('compareRuleIds', () => {
  it('orders every registered rule id (and the unused-ignore / parse-error ids) as localeCompare does', () => {
    const ids = [...allRules.map((r) => r.meta.id), 'unused-ignore'];
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    const byLocale = [...ids].sort((a, b) => a.localeCompare(b));
    expect([...ids].map(diag).sort(compareRuleIds).map((d) => d.ruleId)).toEqual(byLocale);
    expect([diag('drop-column'), diag(null)].sort(compareRuleIds).map((d) => d.ruleId)).toEqual([null, 'drop-column']);
  });
});
