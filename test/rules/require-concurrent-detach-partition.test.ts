import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';
import { parseSource } from '../../src/parsers/index.js';

const only = ['require-concurrent-detach-partition'];

describe('require-concurrent-detach-partition', () => {
  it('adds CONCURRENTLY after the partition name, and the result parses as a concurrent detach', async () => {
    const sql = 'ALTER TABLE public.events DETACH PARTITION "Events_Old";';
    const [d] = await lintSql(sql, { only, version: '14' });
    expect(d.message).toContain('`public.events`');
    const fixed = applySafeFixes(sql, [d]);
    expect(fixed).toBe('ALTER TABLE public.events DETACH PARTITION "Events_Old" CONCURRENTLY;');
    const op = parseSource('postgres', fixed).statements[0].ops[0];
    expect(op.kind === 'detach-partition' && op.concurrently).toBe(true);
  });

  it('is silent before 14 and unsafe inside a BEGIN block', async () => {
    expect(await lintSql('ALTER TABLE m DETACH PARTITION m1;', { only, version: '13' })).toEqual([]);
    const [d] = await lintSql('BEGIN;\nALTER TABLE m DETACH PARTITION m1;\nCOMMIT;', { only, version: '16' });
    expect(d.fix?.safe).toBe(false);
    expect(d.message).toContain('BEGIN ... COMMIT');
  });
});
