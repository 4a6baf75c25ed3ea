import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';

const only = ['slow-statement-under-lock'];

describe('slow-statement-under-lock', () => {
  it('names the line that took the lock and commits before the slow statement', async () => {
    const sql = 'BEGIN;\nALTER TABLE orders ADD COLUMN cents bigint;\nUPDATE orders SET cents = total * 100;\nCOMMIT;\n';
    const diags = await lintSql(sql, { only });
    expect(diags).toHaveLength(1);
    expect(diags[0].message).toContain('ACCESS EXCLUSIVE lock taken on line 2');
    expect(diags[0].message).toContain('`orders`');
    const fixed = applySafeFixes(sql, diags);
    expect(fixed).toBe('BEGIN;\nALTER TABLE orders ADD COLUMN cents bigint;\nCOMMIT;\nBEGIN;\nUPDATE orders SET cents = total * 100;\nCOMMIT;\n');
    expect(await lintSql(fixed, { only })).toEqual([]);
  });

  it('is silent outside a transaction and offers no fix in a tool transaction', async () => {
    const sql = 'ALTER TABLE orders ADD COLUMN cents bigint;\nCREATE INDEX orders_cents_idx ON orders (cents);';
    expect(await lintSql(sql, { only })).toEqual([]);
    const [d] = await lintSql(sql, { only, toolTransaction: true });
    expect(d.fix).toBeUndefined();
    expect(d.message).toContain('reads every row of `orders`');
  });
});
