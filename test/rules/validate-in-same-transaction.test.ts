import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';

const only = ['validate-in-same-transaction'];

describe('validate-in-same-transaction', () => {
  it('points at the ADD CONSTRAINT line, and the fix splits an explicit transaction', async () => {
    const sql = 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_ck CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_ck;\nCOMMIT;\n';
    const diags = await lintSql(sql, { only });
    expect(diags).toHaveLength(1);
    expect(diags[0].message).toContain('ADD CONSTRAINT on line 2');
    expect(diags[0].message).toContain('ACCESS EXCLUSIVE');
    const fixed = applySafeFixes(sql, diags);
    expect(fixed).toContain('NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE');
    expect(await lintSql(fixed, { only })).toEqual([]);
  });

  it('names the foreign key lock, and offers no fix inside a tool transaction', async () => {
    const sql = 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;';
    const [d] = await lintSql(sql, { only, toolTransaction: true });
    expect(d.message).toContain('SHARE ROW EXCLUSIVE');
    expect(d.message).toContain('blocks every write');
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.[0].sql).toContain('ALTER TABLE orders VALIDATE CONSTRAINT fk;');
  });
});
