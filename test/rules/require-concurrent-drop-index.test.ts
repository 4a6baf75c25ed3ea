import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';

const only = ['require-concurrent-drop-index'];

describe('require-concurrent-drop-index', () => {
  it('names the index and the lock, and the fix adds CONCURRENTLY', async () => {
    const sql = "DROP INDEX orders_customer_idx;\n";
    const [d] = await lintSql(sql, { only });
    expect(d.message).toContain('`orders_customer_idx`');
    expect(d.message).toContain('ACCESS EXCLUSIVE');
    expect(d.fix?.safe).toBe(true);
    expect(applySafeFixes(sql, [d])).toContain('DROP INDEX CONCURRENTLY orders_customer_idx;');
  });

  it('offers one statement per index and no automatic fix for several indexes or CASCADE', async () => {
    const [d] = await lintSql('DROP INDEX IF EXISTS a_idx, app.b_idx CASCADE;', { only });
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.[0].sql).toBe('DROP INDEX CONCURRENTLY IF EXISTS a_idx;\nDROP INDEX CONCURRENTLY IF EXISTS app.b_idx;');
  });

  it('does not apply the fix inside a transaction, and says how to get out of it', async () => {
    const [d] = await lintSql('DROP INDEX orders_customer_idx;', { only, toolTransaction: true });
    expect(d.fix?.safe).toBe(false);
    expect(d.message).toMatch(/without a transaction/);
  });
});
