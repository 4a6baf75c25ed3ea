import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

describe('truncate-table', () => {
  it('names only the existing tables and warns about CASCADE', async () => {
    const [d] = await lintSql('CREATE TABLE staging (id int);\nTRUNCATE staging, app.orders CASCADE;', { only: ['truncate-table'] });
    expect(d.message).toContain('TRUNCATE `app.orders` deletes every row');
    expect(d.message).not.toContain('staging');
    expect(d.message).toContain('CASCADE also empties');
    expect(d.suggestions?.[0].sql).toContain('DELETE FROM app.orders WHERE ctid IN (SELECT ctid FROM app.orders');
  });
});
