import { describe, expect, it } from 'vitest';
import { splitMysql } from '../../src/parsers/mysql/split.js';

const texts = (sql: string) => splitMysql(sql).chunks.map((c) => sql.slice(c.range.start, c.range.end));

describe('MySQL splitter', () => {
  it('splits on ; outside quotes, backticks and comments, with exact ranges', () => {
    const sql = "INSERT INTO t VALUES ('a;b', \"c;d\");\n-- x; y\n# z; w\nALTER TABLE `we;ird` ADD COLUMN a INT /* ; */;\n";
    expect(texts(sql)).toEqual(["INSERT INTO t VALUES ('a;b', \"c;d\")", 'ALTER TABLE `we;ird` ADD COLUMN a INT']);
    const { chunks, comments } = splitMysql(sql);
    expect(chunks[0].terminatorEnd).toBe(sql.indexOf(';\n') + 1);
    expect(comments.map((c) => c.body)).toEqual(['x; y', 'z; w', ';']);
  });

  it('treats backslash escapes in strings like MySQL', () => {
    expect(texts("SELECT 'it\\'s; fine'; SELECT 2")).toEqual(["SELECT 'it\\'s; fine'", 'SELECT 2']);
  });

  it('follows DELIMITER, including a delimiter glued to a name', () => {
    const sql = [
      'DELIMITER $$',
      'DROP PROCEDURE IF EXISTS p$$',
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  IF 1 = 1 THEN SELECT 1; END IF;',
      '  UPDATE t SET a = 1;',
      'END $$',
      'DELIMITER ;',
      'ALTER TABLE t ADD COLUMN b INT;',
    ].join('\n');
    const { chunks } = splitMysql(sql);
    const body = chunks.map((c) => (c.clientCommand ? 'DELIMITER' : sql.slice(c.range.start, c.range.end).split('\n')[0]));
    expect(body).toEqual(['DELIMITER', 'DROP PROCEDURE IF EXISTS p', 'CREATE PROCEDURE p()', 'DELIMITER', 'ALTER TABLE t ADD COLUMN b INT']);
  });

  it('keeps BEGIN ... END bodies whole without DELIMITER (nested blocks, CASE, END IF)', () => {
    const sql = [
      'CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW',
      'BEGIN',
      '  DECLARE x INT;',
      '  SET x = CASE WHEN NEW.a > 0 THEN 1 ELSE 0 END;',
      '  IF x = 1 THEN SET NEW.b = 2; END IF;',
      '  lbl: BEGIN SET NEW.c = 3; END lbl;',
      'END;',
      'ALTER TABLE t ADD COLUMN d INT;',
    ].join('\n');
    const t = texts(sql);
    expect(t).toHaveLength(2);
    expect(t[0].endsWith('END')).toBe(true);
    expect(t[1]).toBe('ALTER TABLE t ADD COLUMN d INT');
  });

  it('does not treat BEGIN as a block start for transactions or a table named event', () => {
    expect(texts('BEGIN; CREATE TABLE event (begin INT); COMMIT;')).toEqual(['BEGIN', 'CREATE TABLE event (begin INT)', 'COMMIT']);
  });

  it('reads /*! version comments */ as code and records the markers', () => {
    const sql = '/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET FOREIGN_KEY_CHECKS=0 */;';
    const { chunks } = splitMysql(sql);
    expect(chunks).toHaveLength(2);
    expect(chunks[0].tokens.map((t) => t.value)).toEqual(['SET', 'NAMES', 'UTF8MB4']);
    expect(chunks[0].versionMarkers).toHaveLength(2);
  });

  it('never throws on an unterminated quote', () => {
    expect(texts("SELECT 'abc; DROP TABLE x")).toHaveLength(1);
  });
});
