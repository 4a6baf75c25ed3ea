import { describe, expect, it } from 'vitest';
import { applySafeFixes, lintSql, textAt } from '../helpers/lint-sql.js';

const only = ['require-concurrent-index', 'drop-column', 'unused-ignore'];
const ids = (ds: Awaited<ReturnType<typeof lintSql>>) => ds.map((d) => `${d.ruleId}@${d.location.start.line}`);

describe('suppression comments', () => {
  it('a statement-level ignore with a reason suppresses that rule on the next statement only', async () => {
    const sql = [
      '-- migrasafe-ignore require-concurrent-index -- lookup table of 40 rows',
      'CREATE INDEX countries_code_idx ON countries (code);',
      'CREATE INDEX orders_user_idx ON orders (user_id);',
    ].join('\n');
    expect(ids(await lintSql(sql, { only }))).toEqual(['require-concurrent-index@3']);
  });

  it('accepts several rule ids, and a trailing comment on the statement line', async () => {
    const sql = [
      '-- migrasafe-ignore require-concurrent-index, drop-column -- staging only',
      'CREATE INDEX a_idx ON a (x); ALTER TABLE a DROP COLUMN y;',
      'ALTER TABLE b DROP COLUMN y; -- migrasafe-ignore drop-column -- unused since v2',
    ].join('\n');
    const ds = await lintSql(sql, { only });
    // The first ignore covers only the first statement of line 2: the drop after it is still
    // reported, and the ignore's drop-column id suppressed nothing. The trailing ignore on line 3 works.
    expect(ids(ds)).toEqual(['unused-ignore@1', 'drop-column@2']);
    expect(ds[0].message).toContain('`drop-column`');
    expect(textAt(sql, ds[1])).toBe('ALTER TABLE a DROP COLUMN y');
  });

  it('a file-level ignore applies anywhere in the file, wherever it is written', async () => {
    const sql = 'CREATE INDEX a_idx ON a (x);\nCREATE INDEX b_idx ON b (x);\n-- migrasafe-ignore-file require-concurrent-index -- tables are empty until launch\n';
    expect(ids(await lintSql(sql, { only }))).toEqual([]);
  });

  it('an ignore without a reason suppresses nothing and is reported', async () => {
    const sql = '-- migrasafe-ignore require-concurrent-index\nCREATE INDEX a_idx ON a (x);';
    const ds = await lintSql(sql, { only });
    expect(ids(ds)).toEqual(['unused-ignore@1', 'require-concurrent-index@2']);
    expect(ds[0].message).toContain('needs a reason');
    expect(ds[0].level).toBe('warn');
  });

  it('an ignore that suppresses nothing is reported (unused-ignore) with a fix that removes the line', async () => {
    const sql = '-- migrasafe-ignore require-concurrent-index -- old reason\nCREATE INDEX CONCURRENTLY a_idx ON a (x);\n';
    const ds = await lintSql(sql, { only });
    expect(ids(ds)).toEqual(['unused-ignore@1']);
    expect(ds[0].message).toContain('Unused ignore for `require-concurrent-index`');
    expect(applySafeFixes(sql, ds)).toBe('CREATE INDEX CONCURRENTLY a_idx ON a (x);\n');
  });

  it('reports the unused id of a partly used ignore, and unknown rule ids', async () => {
    const sql = '-- migrasafe-ignore require-concurrent-index, drop-column -- reason\nCREATE INDEX a_idx ON a (x);\n-- migrasafe-ignore-file no-such-rule -- reason\n';
    const ds = await lintSql(sql, { only });
    expect(ids(ds)).toEqual(['unused-ignore@1', 'unused-ignore@3']);
    expect(ds[0].message).toContain('`drop-column`');
    expect(ds[0].fix).toBeUndefined();
    expect(ds[1].message).toContain('Unknown rule `no-such-rule`');
  });

  it('an unused-ignore finding is not reported when unused-ignore is off', async () => {
    const sql = '-- migrasafe-ignore require-concurrent-index -- reason\nSELECT 1;';
    expect(ids(await lintSql(sql, { only: ['require-concurrent-index'] }))).toEqual([]);
  });

  it('does not treat a mention inside a string or ordinary comment text as a directive', async () => {
    const sql = "-- see docs: do not write migrasafe-ignore here\nCOMMENT ON TABLE a IS '-- migrasafe-ignore require-concurrent-index -- x';\nCREATE INDEX a_idx ON a (x);";
    expect(ids(await lintSql(sql, { only }))).toEqual(['require-concurrent-index@3']);
  });
});
