import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['add-unique-constraint'];

describe('add-unique-constraint', () => {
  it('suggests the concurrent index and USING INDEX with the user names', async () => {
    const [d] = await lintSql('ALTER TABLE app."Users" ADD CONSTRAINT users_email_key UNIQUE (email, "Tenant");', { only });
    expect(d.message).toContain('ACCESS EXCLUSIVE');
    expect(d.suggestions?.[0].sql).toContain('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON app."Users" (email, "Tenant");'); // the plan's first migration
    expect(d.suggestions?.[1].sql).toContain('CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON app."Users" (email, "Tenant");');
    expect(d.suggestions?.[1].sql).toContain('ALTER TABLE app."Users" ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;');
  });

  it('derives PostgreSQL-style names for unnamed constraints and UNIQUE columns', async () => {
    const [d] = await lintSql('ALTER TABLE orders ADD COLUMN ref text UNIQUE;', { only });
    expect(d.suggestions?.[0].sql.split('\n')[0]).toBe('ALTER TABLE orders ADD COLUMN ref text;');
    expect(d.suggestions?.[0].sql).toContain('CREATE UNIQUE INDEX CONCURRENTLY orders_ref_key ON orders (ref);');
  });
});
