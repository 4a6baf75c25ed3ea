import { describe, expect, it } from 'vitest';
import { detectEngineFromSql } from '../../src/parsers/mysql/detect.js';

describe('detectEngineFromSql', () => {
  it('recognises MySQL syntax', () => {
    expect(detectEngineFromSql('CREATE TABLE `t` (`id` int NOT NULL AUTO_INCREMENT) ENGINE=InnoDB;')).toBe('mysql');
    expect(detectEngineFromSql('ALTER TABLE users MODIFY name VARCHAR(10);')).toBe('mysql');
    expect(detectEngineFromSql('DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END $$')).toBe('mysql');
  });
  it('stays out of PostgreSQL and plain SQL', () => {
    expect(detectEngineFromSql('CREATE TABLE t (id bigserial primary key, data jsonb);')).toBeUndefined();
    expect(detectEngineFromSql('ALTER TABLE users ADD COLUMN age int;')).toBeUndefined();
    expect(detectEngineFromSql("-- uses `backticks` in a comment\nCREATE INDEX CONCURRENTLY i ON t (a);")).toBeUndefined();
    expect(detectEngineFromSql("INSERT INTO t VALUES ('`x`');")).toBeUndefined();
  });
});
