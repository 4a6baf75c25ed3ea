import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

describe('drop-database', () => {
  it('reports every DROP DATABASE with a reversible alternative using the quoted name', async () => {
    const [d] = await lintSql('DROP DATABASE IF EXISTS "Staging";', { only: ['drop-database'] });
    expect(d.level).toBe('error');
    expect(d.message).toContain('DROP DATABASE Staging');
    expect(d.suggestions?.[0].sql).toContain('ALTER DATABASE "Staging" WITH ALLOW_CONNECTIONS false;');
  });
});
