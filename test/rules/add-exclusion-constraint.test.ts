import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

describe('add-exclusion-constraint', () => {
  it('explains there is no online form and bounds the wait', async () => {
    const sql = 'ALTER TABLE reservations ADD CONSTRAINT no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);';
    const [d] = await lintSql(sql, { only: ['add-exclusion-constraint'] });
    expect(d.message).toContain('no NOT VALID or USING INDEX form');
    expect(d.suggestions?.[0].sql).toBe(`SET lock_timeout = '5s';\nSET statement_timeout = '15min';\n${sql}`);
  });
});
