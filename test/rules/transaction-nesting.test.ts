import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';
import { parseSource } from '../../src/parsers/index.js';

const only = ['transaction-nesting'];

describe('transaction-nesting', () => {
  it('explains a BEGIN inside the tool transaction', async () => {
    const [d] = await lintSql('BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;', { only, toolTransaction: true });
    expect(d.location.start.line).toBe(1);
    expect(d.message).toContain('already wraps this file');
  });

  it('closes a transaction left open, and the fixed file is clean', async () => {
    const sql = 'BEGIN;\nALTER TABLE users ADD COLUMN a int;';
    const diags = await lintSql(sql, { only });
    expect(diags).toHaveLength(1);
    expect(diags[0].message).toContain('never committed');
    const fixed = applySafeFixes(sql, diags);
    expect(fixed).toBe('BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;\n');
    expect(parseSource('postgres', fixed).statements.every((s) => !s.error)).toBe(true);
    expect(await lintSql(fixed, { only })).toEqual([]);
  });

  it('reports COMMIT without a transaction and ROLLBACK TO outside one', async () => {
    const diags = await lintSql('ALTER TABLE users ADD COLUMN a int;\nCOMMIT;\nROLLBACK TO SAVEPOINT s;', { only });
    expect(diags.map((d) => d.message.split(' ')[0])).toEqual(['COMMIT', 'ROLLBACK']);
    expect(diags[1].message).toContain('ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
  });
});
