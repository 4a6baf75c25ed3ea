import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';

const only = ['require-concurrent-reindex'];

describe('require-concurrent-reindex', () => {
  it('on 12+ the fix inserts CONCURRENTLY after the object kind, keeping options', async () => {
    const sql = 'REINDEX (VERBOSE) TABLE public.orders;';
    const [d] = await lintSql(sql, { only, version: '12' });
    expect(d.message).toContain('REINDEX TABLE `public.orders`');
    expect(applySafeFixes(sql, [d])).toBe('REINDEX (VERBOSE) TABLE CONCURRENTLY public.orders;');
  });

  it('before 12 suggests a replacement index built concurrently and a rename', async () => {
    const sql = 'REINDEX INDEX orders_customer_idx;';
    const [d] = await lintSql(sql, { only, version: '11' });
    expect(d.fix).toBeUndefined();
    expect(d.message).toContain('PostgreSQL 11 has no REINDEX CONCURRENTLY');
    expect(d.suggestions?.[0].sql).toContain('CREATE INDEX CONCURRENTLY orders_customer_idx_new ON');
    expect(d.suggestions?.[0].sql).toContain('ALTER INDEX orders_customer_idx_new RENAME TO orders_customer_idx;');
  });

  it('warns about REINDEX CONCURRENTLY on 14.0-14.3 only', async () => {
    const sql = 'REINDEX INDEX CONCURRENTLY orders_customer_idx;';
    const [d] = await lintSql(sql, { only, version: '14.3' });
    expect(d.level).toBe('warn');
    expect(d.message).toContain('14.4');
    expect(await lintSql(sql, { only, version: '14.4' })).toEqual([]);
    expect(await lintSql(sql, { only, version: '13' })).toEqual([]);
  });
});
