import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['table-rewrite'];

describe('table-rewrite', () => {
  it('offers REFRESH ... CONCURRENTLY as an unsafe fix (it needs a unique index)', async () => {
    const [d] = await lintSql('REFRESH MATERIALIZED VIEW order_totals;', { only });
    expect(d.message).toContain('materialized view');
    expect(d.fix?.safe).toBe(false);
    expect(d.fix?.edits[0].text).toBe(' CONCURRENTLY');
  });

  it('suggests pg_repack with the table and tablespace names', async () => {
    const [d] = await lintSql('ALTER TABLE app.orders SET TABLESPACE fast_ssd;', { only });
    expect(d.suggestions?.[0].sql).toContain('pg_repack --no-order --table=app.orders --tablespace=fast_ssd --moveidx');
    const [v] = await lintSql('VACUUM FULL;', { only });
    expect(v.message).toContain('every table it covers');
  });

  it('says when no online form exists', async () => {
    const [d] = await lintSql('ALTER TABLE events SET UNLOGGED;', { only });
    expect(d.suggestions).toBeUndefined();
    expect(d.message).toContain('no online form');
  });
});
