/**
 * change-column-type and add-required-column on MySQL/MariaDB: messages, suggestions and the split
 * with mysql-table-copy (which owns the lock/copy cost).
 */
import { describe, expect, it } from 'vitest';
import { mysqlTypeRisk } from '../../src/engines/mysql/type-changes.js';
import type { TypeSpec } from '../../src/core/operations.js';
import { lintSql } from '../helpers/lint-sql.js';

const HISTORY = `CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reference VARCHAR(255) NOT NULL,
  quantity INT NOT NULL,
  state ENUM('new','paid','shipped') NOT NULL,
  note VARCHAR(200) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;`;

const mysql = async (sql: string, only: string[], version = '8.0.36') => (await lintSql(sql, { engine: 'mysql', version, only, history: HISTORY })).filter((d) => d.ruleId);

const t = (text: string, extra: Partial<TypeSpec> = {}): TypeSpec => {
  const m = /^(\w+)(?:\(([^)]*)\))?/.exec(text)!;
  return { name: m[1].toLowerCase(), modifiers: m[2] && !/'/.test(m[2]) ? m[2].split(',').map(Number) : [], arrayDims: 0, text, ...extra };
};

describe('mysqlTypeRisk', () => {
  it('integers: widening is safe, narrowing and signedness are not', () => {
    expect(mysqlTypeRisk(t('INT'), t('BIGINT'), 'utf8mb4', 'utf8mb4')).toBeUndefined();
    expect(mysqlTypeRisk(t('INT', { unsigned: true }), t('BIGINT'), 'utf8mb4', 'utf8mb4')).toBeUndefined();
    expect(mysqlTypeRisk(t('INT'), t('SMALLINT'), 'utf8mb4', 'utf8mb4')).toMatchObject({ kind: 'narrowing', misfit: '{col} NOT BETWEEN -32768 AND 32767' });
    expect(mysqlTypeRisk(t('INT'), t('INT', { unsigned: true }), 'utf8mb4', 'utf8mb4')).toMatchObject({ kind: 'signedness', misfit: '{col} < 0' });
    expect(mysqlTypeRisk(t('INT', { unsigned: true }), t('INT'), 'utf8mb4', 'utf8mb4')).toMatchObject({ kind: 'narrowing', misfit: '{col} NOT BETWEEN -2147483648 AND 2147483647' });
    expect(mysqlTypeRisk(t('BIGINT'), t('DOUBLE'), 'x', 'x')).toMatchObject({ kind: 'precision' });
    expect(mysqlTypeRisk(t('INT'), t('DOUBLE'), 'x', 'x')).toBeUndefined();
  });

  it('strings: length in characters, TEXT limits in bytes of the character set', () => {
    expect(mysqlTypeRisk(t('VARCHAR(100)'), t('VARCHAR(255)'), 'utf8mb4', 'utf8mb4')).toBeUndefined();
    expect(mysqlTypeRisk(t('VARCHAR(255)'), t('VARCHAR(64)'), 'utf8mb4', 'utf8mb4')).toMatchObject({ kind: 'narrowing', misfit: 'CHAR_LENGTH({col}) > 64' });
    expect(mysqlTypeRisk(t('TEXT'), t('VARCHAR(255)'), 'utf8mb4', 'utf8mb4')).toMatchObject({ kind: 'narrowing' });
    // TEXT holds 65,535 bytes = 16,383 utf8mb4 characters: VARCHAR(16383) fits it.
    expect(mysqlTypeRisk(t('TEXT'), t('VARCHAR(16383)'), 'utf8mb4', 'utf8mb4')).toBeUndefined();
    expect(mysqlTypeRisk(t('VARCHAR(500)'), t('TINYTEXT'), 'latin1', 'latin1')).toMatchObject({ kind: 'narrowing', misfit: 'LENGTH({col}) > 255' });
  });

  it('character sets: converting to a smaller repertoire loses characters, to a larger one does not', () => {
    expect(mysqlTypeRisk(t('VARCHAR(50)'), t('VARCHAR(50)'), 'utf8mb4', 'latin1')).toMatchObject({ kind: 'charset' });
    expect(mysqlTypeRisk(t('VARCHAR(50)'), t('VARCHAR(50)'), 'utf8mb4', 'utf8mb3')).toMatchObject({ kind: 'charset' });
    expect(mysqlTypeRisk(t('VARCHAR(50)'), t('VARCHAR(50)'), 'latin1', 'utf8mb4')).toBeUndefined();
  });

  it('ENUM: removing members is a risk, appending is not; decimals and dates', () => {
    expect(mysqlTypeRisk(t("ENUM('a','b')", { values: ['a', 'b'] }), t("ENUM('a','b','c')", { values: ['a', 'b', 'c'] }), 'x', 'x')).toBeUndefined();
    expect(mysqlTypeRisk(t("ENUM('a','b')", { values: ['a', 'b'] }), t("ENUM('a')", { values: ['a'] }), 'x', 'x')).toMatchObject({ kind: 'enum-members', misfit: "{col} IN ('b')" });
    expect(mysqlTypeRisk(t('DECIMAL(10,2)'), t('DECIMAL(12,2)'), 'x', 'x')).toBeUndefined();
    expect(mysqlTypeRisk(t('DECIMAL(10,2)'), t('DECIMAL(8,2)'), 'x', 'x')).toMatchObject({ kind: 'narrowing', misfit: 'ABS({col}) >= 1e6' });
    expect(mysqlTypeRisk(t('DATETIME'), t('DATE'), 'x', 'x')).toMatchObject({ kind: 'precision' });
    expect(mysqlTypeRisk(t('DATETIME'), t('TIMESTAMP'), 'x', 'x')).toMatchObject({ kind: 'narrowing' });
    expect(mysqlTypeRisk(t('VARCHAR(20)'), t('INT'), 'x', 'x')).toMatchObject({ kind: 'conversion' });
    expect(mysqlTypeRisk(t('INT'), t('VARCHAR(32)'), 'x', 'x')).toBeUndefined();
  });
});

describe('change-column-type on MySQL', () => {
  it('names the table, column, both types, the strict-mode error, and suggests a check and expand-contract', async () => {
    const [d] = await mysql('ALTER TABLE orders MODIFY reference VARCHAR(64) NOT NULL;', ['change-column-type']);
    expect(d.message).toContain('`orders`.reference from VARCHAR(255) to VARCHAR(64) on MySQL 8.0.36');
    expect(d.message).toContain('ERROR 1265');
    expect(d.message).toContain('mysql-table-copy');
    expect(d.suggestions![0].sql).toBe('-- must return 0 (and keep returning 0 once the application validates reference):\nSELECT COUNT(*) FROM orders WHERE CHAR_LENGTH(reference) > 64;\nALTER TABLE orders MODIFY reference VARCHAR(64) NOT NULL;');
    const swap = d.suggestions![1].sql;
    expect(swap).toContain('ALTER TABLE orders ADD COLUMN reference_new VARCHAR(64) NULL, ALGORITHM=INSTANT;');
    expect(swap).toContain('UPDATE orders SET reference_new = reference WHERE id BETWEEN 1 AND 10000 AND reference_new IS NULL;');
    expect(swap).toContain('ALTER TABLE orders DROP COLUMN reference;');
    expect(swap).not.toMatch(/::|ctid|ACCESS EXCLUSIVE/);
  });

  it('splits the work with mysql-table-copy: a widening copy is only mysql-table-copy, a narrowing is both', async () => {
    const widen = await mysql('ALTER TABLE orders MODIFY quantity BIGINT NOT NULL;', ['change-column-type', 'mysql-table-copy']);
    expect(widen.map((d) => d.ruleId)).toEqual(['mysql-table-copy']);
    const narrow = await mysql('ALTER TABLE orders MODIFY quantity SMALLINT NOT NULL;', ['change-column-type', 'mysql-table-copy']);
    expect(narrow.map((d) => d.ruleId).sort()).toEqual(['change-column-type', 'mysql-table-copy']);
  });

  it('a MODIFY that drops CHARACTER SET from a latin1 column of a utf8mb4 table is no data risk; the other way is', async () => {
    const history = 'CREATE TABLE p (id INT PRIMARY KEY, a VARCHAR(20) CHARACTER SET latin1, b VARCHAR(20)) DEFAULT CHARSET=utf8mb4;';
    const up = (await lintSql('ALTER TABLE p MODIFY a VARCHAR(20);', { engine: 'mysql', only: ['change-column-type'], history })).filter((d) => d.ruleId);
    expect(up).toEqual([]);
    const down = (await lintSql('ALTER TABLE p MODIFY b VARCHAR(20) CHARACTER SET latin1;', { engine: 'mysql', only: ['change-column-type'], history })).filter((d) => d.ruleId);
    expect(down[0].message).toContain('from VARCHAR(20) CHARACTER SET utf8mb4 to VARCHAR(20) CHARACTER SET latin1');
    expect(down[0].suggestions![0].sql).toContain('WHERE b <> CONVERT(CONVERT(b USING latin1) USING utf8mb4)');
  });
});

describe('add-required-column on MySQL', () => {
  it('explains implicit defaults for old rows and ERROR 1364 for the running application', async () => {
    const [d] = await mysql('ALTER TABLE orders ADD COLUMN channel_id INT NOT NULL;', ['add-required-column']);
    expect(d.message).toContain('existing rows silently get the implicit default 0');
    expect(d.message).toContain("ERROR 1364 (HY000): Field 'channel_id' doesn't have a default value");
    expect(d.suggestions![0].sql).toBe('ALTER TABLE orders ADD COLUMN channel_id INT NOT NULL DEFAULT <value>, ALGORITHM=INSTANT;');
    expect(d.suggestions![1].sql).toContain('ALTER TABLE orders ADD COLUMN channel_id INT NULL, ALGORITHM=INSTANT;');
    expect(d.suggestions![1].sql).toContain('ALTER TABLE orders MODIFY channel_id INT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;');
    expect(d.message).not.toMatch(/relation|contains null values/);
  });

  it('says the ALTER itself fails for a date column (zero date under NO_ZERO_DATE)', async () => {
    const [d] = await mysql('ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL;', ['add-required-column']);
    expect(d.message).toContain("ERROR 1292 Incorrect date value: '0000-00-00...'");
  });

  it('uses INPLACE on 5.7, where ADD COLUMN is not INSTANT, and the first ENUM member as the implicit default', async () => {
    const [d] = await mysql("ALTER TABLE orders ADD COLUMN tier ENUM('free','pro') NOT NULL;", ['add-required-column'], '5.7');
    expect(d.message).toContain("implicit default 'free' (the first member)");
    expect(d.suggestions![0].sql).toContain(', ALGORITHM=INPLACE, LOCK=NONE;');
  });

  it('a TEXT column gets no literal DEFAULT suggestion before 8.0.13, an expression one after', async () => {
    const old = await mysql('ALTER TABLE orders ADD COLUMN body TEXT NOT NULL;', ['add-required-column'], '8.0.12');
    expect(old[0].suggestions!.map((s) => s.title)).toEqual(['Add it nullable, backfill in batches, then make it NOT NULL']);
    const modern = await mysql('ALTER TABLE orders ADD COLUMN body TEXT NOT NULL;', ['add-required-column'], '8.0.36');
    expect(modern[0].suggestions![0].sql).toBe('ALTER TABLE orders ADD COLUMN body TEXT NOT NULL DEFAULT (<value>);');
  });
});
