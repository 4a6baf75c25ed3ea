import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

/** A DO block's static statements go through the lock, rewrite, data and breaking-change rules. */
describe('statements inside a DO block', () => {
  const block = [
    'DO $$',
    'BEGIN',
    '  ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
    '  ALTER TABLE orders ADD COLUMN note text;',
    'EXCEPTION WHEN duplicate_object THEN NULL;',
    'END $$;',
  ].join('\n');

  it('points at the statement inside the block, and offers no fix or rewrite there', async () => {
    const diags = await lintSql(block, { only: ['constraint-not-valid'] });
    expect(diags).toHaveLength(1);
    expect(diags[0].location.start).toEqual({ line: 3, column: 26 }); // the constraint, inside the block
    expect(diags[0].fix).toBeUndefined();
    expect(diags[0].suggestions ?? []).toEqual([]);
    expect(diags[0].message).toContain('Inside a DO block');
  });

  it('reports a missing lock_timeout once per file, counting the block\'s statements where the block stands', async () => {
    const sql = `${block}\nALTER TABLE orders ADD COLUMN archived_at timestamptz;`;
    const diags = await lintSql(sql, { only: ['require-lock-timeout'] });
    expect(diags.map((d) => d.location.start.line)).toEqual([3]);
    // Its fix sets lock_timeout before the block, where it holds for all of it.
    expect(diags[0].fix?.edits).toEqual([{ range: { start: 0, end: 0 }, text: "SET lock_timeout = '5s';\n" }]);
    // With lock_timeout set before the block, nothing.
    expect(await lintSql(`SET lock_timeout = '5s';\n${sql}`, { only: ['require-lock-timeout'] })).toEqual([]);
  });

  it('is silenced by an ignore comment on the DO statement', async () => {
    const diags = await lintSql(`-- migrasafe-ignore constraint-not-valid -- orders is empty in every installation\n${block}`, { only: ['constraint-not-valid', 'unused-ignore'] });
    expect(diags).toEqual([]);
  });

  it('does not check what needs the schema to be known exactly (unknown-object) inside a block', async () => {
    const sql = "CREATE TABLE items (id int);\nDO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'old') THEN ALTER TABLE items DROP COLUMN old; END IF; END $$;";
    expect(await lintSql(sql, { only: ['unknown-object', 'drop-column'], completeHistory: true })).toEqual([]);
  });
});
