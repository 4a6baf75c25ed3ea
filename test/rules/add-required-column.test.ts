import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['add-required-column'];

describe('add-required-column', () => {
  it('quotes the failure and offers a default and the version-appropriate NOT NULL path', async () => {
    const [d] = await lintSql('ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;', { only, version: '16' });
    expect(d.message).toContain('ERROR: column "tenant_id" of relation "users" contains null values');
    expect(d.suggestions?.[0].sql).toContain('ALTER TABLE users ADD COLUMN tenant_id bigint;'); // the plan's first migration
    expect(d.suggestions?.[0].edits).toHaveLength(1);
    expect(d.suggestions?.[1].sql).toBe('ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT <constant>;');
    expect(d.suggestions?.[2].sql).toContain('CHECK (tenant_id IS NOT NULL) NOT VALID');
    const [d18] = await lintSql('ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;', { only, version: '18' });
    expect(d18.suggestions?.[2].sql).toContain('ADD CONSTRAINT users_tenant_id_not_null NOT NULL tenant_id NOT VALID;');
  });

  it('warns that a default rewrites on PostgreSQL 10', async () => {
    const [d] = await lintSql('ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;', { only, version: '10' });
    expect(d.message).not.toContain('11+');
    expect(d.suggestions?.[1].sql).toContain('PostgreSQL 10 rewrites the table');
  });
});
