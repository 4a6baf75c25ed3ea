import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/core/statement.js';
import { earlierStatementMatcher } from '../../src/rules/helpers/earlier-statement.js';
import type { FileInfo, StatementContext } from '../../src/rules/types.js';

/** The context of statement `index` of a file of `n` statements (only what the matcher reads). */
function contexts(n: number): StatementContext[] {
  const statements = Array.from({ length: n }, (_, index) => ({ index }) as Statement);
  const file = {} as FileInfo;
  return statements.map((statement) => ({ file, statement, statements }) as unknown as StatementContext);
}

describe('earlierStatementMatcher', () => {
  it('tests each earlier statement once per file, however many statements ask (linear, not quadratic)', () => {
    let calls = 0;
    const matches = earlierStatementMatcher(() => (calls++, false));
    for (const ctx of contexts(2000)) expect(matches(ctx)).toBe(false);
    expect(calls).toBe(1999);
  });

  it('answers whether any statement before the asking one matched, and stops testing once one did', () => {
    const tested: number[] = [];
    const matches = earlierStatementMatcher((_ctx, st) => (tested.push(st.index), st.index === 3));
    expect(contexts(8).map((ctx) => matches(ctx))).toEqual([false, false, false, false, true, true, true, true]);
    expect(tested).toEqual([0, 1, 2, 3]);
  });

  it('starts again for another file, and when asked out of order', () => {
    let calls = 0;
    const matches = earlierStatementMatcher(() => (calls++, false));
    const a = contexts(5);
    matches(a[4]);
    matches(a[2]);
    expect(calls).toBe(4 + 2);
    matches(contexts(5)[4]);
    expect(calls).toBe(6 + 4);
  });
});
