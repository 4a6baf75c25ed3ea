import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

describe('concurrent-index-if-not-exists', () => {
  it('suggests dropping a leftover index, then building without IF NOT EXISTS', async () => {
    const [d] = await lintSql('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON app.orders (customer_id);', { only: ['concurrent-index-if-not-exists'] });
    expect(d.message).toContain('INVALID');
    expect(d.message).toContain('`app.orders`');
    const sql = d.suggestions?.[0].sql ?? '';
    expect(sql).toContain('DROP INDEX CONCURRENTLY IF EXISTS app.orders_customer_idx;');
    expect(sql).toContain('CREATE INDEX CONCURRENTLY orders_customer_idx ON app.orders (customer_id);');
    expect(sql).not.toContain('IF NOT EXISTS');
  });
});
