import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';

const only = ['enum-value-in-transaction'];

describe('enum-value-in-transaction', () => {
  it('on 16 reports the use, quoting the error, and the fix commits first', async () => {
    const sql = "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE id < 10;\nCOMMIT;\n";
    const diags = await lintSql(sql, { only, version: '16' });
    expect(diags).toHaveLength(1);
    expect(diags[0].location.start.line).toBe(3);
    expect(diags[0].message).toContain("unsafe use of new value 'refunded'");
    expect(diags[0].message).toContain('on line 2');
    const fixed = applySafeFixes(sql, diags);
    expect(await lintSql(fixed, { only, version: '16' })).toEqual([]);
  });

  it('reports ADD VALUE in a transaction on 11 and not on 12', async () => {
    const sql = "ALTER TYPE order_status ADD VALUE 'refunded';";
    const [d] = await lintSql(sql, { only, version: '11', toolTransaction: true });
    expect(d.message).toContain('cannot run inside a transaction block');
    expect(await lintSql(sql, { only, version: '12', toolTransaction: true })).toEqual([]);
  });
});
