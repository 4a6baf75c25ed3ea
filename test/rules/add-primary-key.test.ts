import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const only = ['add-primary-key'];

describe('add-primary-key', () => {
  it('puts the NOT NULL recipe before the concurrent index for nullable columns', async () => {
    const sql = 'ALTER TABLE events ADD COLUMN id bigint;\nALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);';
    const [d] = await lintSql(sql, { only, version: '16' });
    const steps = d.suggestions?.[0].sql ?? '';
    expect(steps.indexOf('CHECK (id IS NOT NULL) NOT VALID')).toBeGreaterThan(-1);
    expect(steps.indexOf('CHECK (id IS NOT NULL)')).toBeLessThan(steps.indexOf('CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);'));
    expect(steps).toContain('ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;');
    expect(steps).not.toContain('skip if it already is');
  });

  it('skips the NOT NULL recipe for columns known NOT NULL', async () => {
    const sql = 'ALTER TABLE events ADD COLUMN id bigint NOT NULL DEFAULT 0;\nALTER TABLE events ADD PRIMARY KEY (id);';
    const [d] = await lintSql(sql, { only });
    expect(d.message).not.toContain('for NULLs');
    expect(d.suggestions?.[0].sql).not.toContain('NOT VALID');
  });
});
