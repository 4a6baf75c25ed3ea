import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['domain-constraint'];

describe('domain-constraint', () => {
  it('warns on CREATE DOMAIN ... CHECK and suggests the domain without it', async () => {
    const [d] = await lintSql("CREATE DOMAIN email_address AS text CHECK (VALUE ~ '@');", { only });
    expect(d.level).toBe('warn');
    expect(d.suggestions?.[0].sql.split('\n')[0]).toBe('CREATE DOMAIN email_address AS text;');
  });

  it('errors on ALTER DOMAIN ADD CONSTRAINT and suggests NOT VALID', async () => {
    const [d] = await lintSql('ALTER DOMAIN amount ADD CONSTRAINT amount_pos CHECK (VALUE > 0);', { only });
    expect(d.level).toBe('error');
    expect(d.message).toContain('SHARE lock');
    expect(d.suggestions?.[0].sql).toContain('CHECK (VALUE > 0) NOT VALID;');
  });
});
