import { describe, expect, it } from 'vitest';
import { lintSql } from '../helpers/lint-sql.js';

const HISTORY = 'CREATE TABLE orders (id BIGINT PRIMARY KEY, reference VARCHAR(40) NOT NULL, status VARCHAR(20) NULL, customer_id BIGINT NULL, UNIQUE KEY uq_ref (reference));\nCREATE TABLE customers (id BIGINT PRIMARY KEY);';
const run = async (sql: string) => (await lintSql(sql, { engine: 'mysql', only: ['mysql-ddl-not-transactional'], history: HISTORY })).filter((d) => d.ruleId);

describe('mysql-ddl-not-transactional', () => {
  it('reports once per migration, names the risk, the committed DDL and the later risky lines', async () => {
    const sql = 'ALTER TABLE orders ADD COLUMN note TEXT NULL;\nALTER TABLE orders MODIFY status VARCHAR(20) NOT NULL;\nALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);\nINSERT INTO customers (id) SELECT customer_id FROM orders;';
    const d = await run(sql);
    expect(d).toHaveLength(1);
    expect(d[0].location.start.line).toBe(2);
    expect(d[0].message).toContain('a NULL left in the column makes it fail');
    expect(d[0].message).toContain('the DDL statement before it has already been committed');
    expect(d[0].message).toContain('2 later statements of this migration can fail the same way (lines 3, 4)');
  });

  it('is silent when the data-dependent statement comes first, or every earlier DDL is re-runnable', async () => {
    expect(await run('ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);\nALTER TABLE orders ADD COLUMN note TEXT NULL;')).toEqual([]);
    expect(await run('CREATE TABLE IF NOT EXISTS tags (id INT PRIMARY KEY);\nALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);')).toEqual([]);
  });

  it('is silent for metadata-only DDL and for statements on tables created in the same file', async () => {
    expect(await run('ALTER TABLE orders ADD COLUMN note TEXT NULL;\nALTER TABLE orders ADD INDEX idx_status (status);\nALTER TABLE orders DROP COLUMN note;')).toEqual([]);
    expect(await run('CREATE TABLE tags (id INT PRIMARY KEY, name VARCHAR(20));\nCREATE UNIQUE INDEX uq_tags ON tags (name);\nALTER TABLE tags ADD CONSTRAINT fk_t FOREIGN KEY (id) REFERENCES customers (id);')).toEqual([]);
  });

  it('knows when a key cannot fail: a superset of a unique key, or a foreign key dropped and re-added', async () => {
    expect(await run('ALTER TABLE orders ADD COLUMN note TEXT NULL;\nALTER TABLE orders ADD UNIQUE INDEX uq_ref_status (reference, status);')).toEqual([]);
    expect(await run('ALTER TABLE orders ADD COLUMN note TEXT NULL;\nALTER TABLE orders ADD UNIQUE INDEX uq_status (status);')).toHaveLength(1);
    expect(await run('ALTER TABLE orders DROP FOREIGN KEY fk_c;\nALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;')).toEqual([]);
  });

  it('honours SET foreign_key_checks = 0 (no validation, no failure)', async () => {
    expect(await run('ALTER TABLE orders ADD COLUMN note TEXT NULL;\nSET foreign_key_checks = 0;\nALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);')).toEqual([]);
  });
});

describe('mysql-ddl-not-transactional and CONVERT TO CHARACTER SET', () => {
  const history = 'CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(200)) DEFAULT CHARSET=utf8mb4;\nCREATE TABLE old_notes (id BIGINT PRIMARY KEY, body VARCHAR(200)) DEFAULT CHARSET=latin1;';
  const run2 = async (sql: string) => (await lintSql(sql, { engine: 'mysql', only: ['mysql-ddl-not-transactional'], history })).filter((d) => d.ruleId);
  it('converting towards a wider set cannot fail on characters; towards a narrower one can', async () => {
    expect(await run2('ALTER TABLE notes ADD COLUMN t INT NULL;\nALTER TABLE old_notes CONVERT TO CHARACTER SET utf8mb4;')).toEqual([]);
    const d = await run2('ALTER TABLE old_notes ADD COLUMN t INT NULL;\nALTER TABLE notes CONVERT TO CHARACTER SET latin1;');
    expect(d[0].message).toContain('a character latin1 cannot store makes it fail (ERROR 1366)');
  });
});
