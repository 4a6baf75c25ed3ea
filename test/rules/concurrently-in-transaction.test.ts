import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['concurrently-in-transaction'];
const cic = 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);';

describe('concurrently-in-transaction', () => {
  it('fires when the tool wraps the file and not when it does not', async () => {
    const [d] = await lintSql(cic, { only, toolTransaction: true });
    expect(d.message).toContain('"ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"');
    expect(d.message).toContain('migration tool');
    expect(d.suggestions?.[0].sql).toContain(cic);
    expect(await lintSql(cic, { only, toolTransaction: false })).toEqual([]);
  });

  it('follows segments: only the wrapped segment is reported', async () => {
    const sql = `${cic}\n${cic.replace('orders_customer_idx', 'orders_b_idx')}`;
    const cut = sql.indexOf('\n') + 1;
    const diags = await lintSql(sql, {
      only,
      segments: [
        { range: { start: 0, end: cut }, direction: 'up', toolTransaction: false },
        { range: { start: cut, end: sql.length }, direction: 'up', toolTransaction: true },
      ],
    });
    expect(diags.map((d) => d.location.start.line)).toEqual([2]);
  });

  it('names the BEGIN that opened an explicit transaction', async () => {
    const [d] = await lintSql(`SELECT 1;\nBEGIN;\n${cic}\nCOMMIT;`, { only });
    expect(d.message).toContain('BEGIN (statement 2)');
    expect(d.message).toContain('Move it out of the BEGIN ... COMMIT block');
  });
});
