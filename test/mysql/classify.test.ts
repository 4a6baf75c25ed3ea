import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseSource } from '../../src/parsers/index.js';

const ops = (sql: string) => parseSource('mysql', sql).statements.flatMap((s) => s.ops);

describe('MySQL operations', () => {
  beforeAll(() => initParser('mysql'));

  it('reads ALTER TABLE specifications with positions, charsets and clauses', () => {
    const o = ops('ALTER TABLE `shop`.`orders` ADD COLUMN `note` VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL DEFAULT \'\' AFTER `id`, DROP COLUMN legacy, ALGORITHM=INPLACE, LOCK=NONE');
    expect(o.map((x) => x.kind)).toEqual(['add-column', 'drop-column', 'alter-options']);
    const add = o[0];
    if (add.kind !== 'add-column') throw new Error();
    expect(add.table).toEqual({ schema: 'shop', name: 'orders' });
    expect(add.column).toMatchObject({ name: 'note', notNull: true, charset: 'utf8mb4', position: { after: 'id' } });
    expect(add.column.type).toMatchObject({ name: 'varchar', modifiers: [100] });
    expect(o[2]).toMatchObject({ algorithm: 'inplace', lock: 'none' });
  });

  it('reads MODIFY / CHANGE / RENAME COLUMN and ENUM members', () => {
    const o = ops("ALTER TABLE t MODIFY status ENUM('a','b') NOT NULL FIRST, CHANGE COLUMN old_name new_name INT UNSIGNED NULL, RENAME COLUMN x TO y");
    expect(o[0]).toMatchObject({ kind: 'modify-column', column: 'status', syntax: 'modify', definition: { position: 'first', type: { name: 'enum', values: ['a', 'b'] } } });
    expect(o[1]).toMatchObject({ kind: 'modify-column', column: 'old_name', syntax: 'change', definition: { name: 'new_name', type: { unsigned: true } } });
    expect(o[2]).toMatchObject({ kind: 'rename-column', column: 'x', newName: 'y' });
  });

  it('reads indexes, keys and constraints', () => {
    const o = ops('ALTER TABLE t ADD FULLTEXT KEY ft (body), ADD UNIQUE INDEX uk (a, b), ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id) ON DELETE CASCADE, ADD PRIMARY KEY (id), DROP FOREIGN KEY fk_old, DROP INDEX idx_old');
    expect(o.map((x) => x.kind)).toEqual(['create-index', 'add-constraint', 'add-constraint', 'add-constraint', 'drop-constraint', 'drop-index']);
    expect(o[0]).toMatchObject({ method: 'fulltext', name: 'ft', columns: ['body'] });
    expect(o[1]).toMatchObject({ constraint: { type: 'unique', name: 'uk', columns: ['a', 'b'] } });
    expect(o[2]).toMatchObject({ constraint: { type: 'foreign-key', name: 'fk', references: { table: { name: 'p' }, columns: ['id'] } } });
    expect(o[5]).toMatchObject({ table: { name: 't' }, indexes: [{ name: 'idx_old' }] });
  });

  it('classifies statements node-sql-parser rejects and reports the gap as recovered', () => {
    const { statements } = parseSource('mysql', 'ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;\nALTER TABLE t MODIFY code VARCHAR(32) BINARY;');
    expect(statements.map((s) => s.kind)).toEqual(['unparsed', 'unparsed']);
    expect(statements[0].error?.recovered).toBe(true);
    expect(statements[0].ops).toMatchObject([{ kind: 'alter-table', subtype: 'convert-charset', detail: 'utf8mb4' }]);
    expect(statements[1].ops[0]).toMatchObject({ kind: 'modify-column', column: 'code' });
  });

  it('reads CREATE TABLE columns, keys and AUTO_INCREMENT', () => {
    const [create] = ops('CREATE TABLE IF NOT EXISTS `users` (`id` bigint NOT NULL AUTO_INCREMENT, `email` varchar(255) NOT NULL, `g` int AS (id + 1) STORED, PRIMARY KEY (`id`), UNIQUE KEY `uk_email` (`email`), KEY `idx` (`g`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
    if (create.kind !== 'create-table') throw new Error();
    expect(create.ifNotExists).toBe(true);
    expect(create.columns.map((c) => c.name)).toEqual(['id', 'email', 'g']);
    expect(create.columns[0].identity).toBe(true);
    expect(create.columns[2].generated).toBe('stored');
    expect(create.constraints.map((c) => c.type)).toEqual(['primary-key', 'unique']);
  });

  it('reads data statements and session settings', () => {
    expect(ops('UPDATE users SET a = 1, b = NULL WHERE c IS NULL LIMIT 1000')).toMatchObject([{ kind: 'update', columns: ['a', 'b'], where: 'c IS NULL', batched: true }]);
    expect(ops('DELETE FROM logs WHERE created_at < NOW()')).toMatchObject([{ kind: 'delete', batched: false }]);
    expect(ops('SET SESSION lock_wait_timeout = 5, @@session.foreign_key_checks = 0')).toMatchObject([
      { kind: 'set', name: 'lock_wait_timeout', value: '5' },
      { kind: 'set', name: 'foreign_key_checks', value: '0' },
    ]);
    expect(ops('SET GLOBAL lock_wait_timeout = 5')).toMatchObject([{ kind: 'set', name: 'global.lock_wait_timeout' }]);
    expect(ops('RENAME TABLE a TO b, c TO d').map((o) => o.kind)).toEqual(['rename-table', 'rename-table']);
    expect(ops('START TRANSACTION')).toMatchObject([{ kind: 'transaction', action: 'begin' }]);
  });
});
