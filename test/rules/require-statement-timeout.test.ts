import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql } from '../helpers/lint-sql.js';

const only = ['require-statement-timeout'];

describe('require-statement-timeout', () => {
  it('inserts the configured timeout before the first long statement only', async () => {
    const sql = 'ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\nREINDEX TABLE orders;\n';
    const diags = await lintSql(sql, { only, options: { 'require-statement-timeout': { statementTimeout: '20min' } } });
    expect(diags).toHaveLength(1);
    expect(diags[0].location.start.line).toBe(2);
    expect(diags[0].message).toContain('builds an index on `orders`');
    const fixed = applySafeFixes(sql, diags);
    expect(fixed).toContain("SET statement_timeout = '20min';\nCREATE INDEX CONCURRENTLY");
    expect(await lintSql(fixed, { only })).toEqual([]);
  });

  it('counts transaction_timeout from 17 and rejects it before', async () => {
    const sql = "SET transaction_timeout = '10min';\nUPDATE orders SET archived = true;";
    expect(await lintSql(sql, { only, version: '17' })).toEqual([]);
    const diags = await lintSql(sql, { only, version: '16' });
    expect(diags.map((d) => d.location.start.line)).toEqual([1, 2]);
    expect(diags[0].message).toContain('exists from PostgreSQL 17');
    expect(diags[0].fix?.edits[0].text).toBe("SET statement_timeout = '10min'");
  });

  it('skips a type change PostgreSQL does without a rewrite', async () => {
    const sql = 'ALTER TABLE t ADD COLUMN v varchar(10);\nALTER TABLE t ALTER COLUMN v TYPE varchar(20);';
    expect(await lintSql(sql, { only })).toEqual([]);
  });
});
