import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseSource } from '../../src/parsers/index.js';
import { LineIndex } from '../../src/core/line-index.js';

beforeAll(() => initParser('postgres'));

const parse = (sql: string) => parseSource('postgres', sql);
/** The exact source text of every statement, as the ranges cut it out of the file. */
const texts = (sql: string) => parse(sql).statements.map((s) => sql.slice(s.range.start, s.range.end));

describe('PostgreSQL statement ranges', () => {
  it('cuts each statement exactly, without the semicolon, and keeps the terminator offset', () => {
    const sql = 'CREATE TABLE a (id int);\n\n  ALTER TABLE a ADD COLUMN b text ;\nDROP TABLE a';
    const { statements } = parse(sql);
    expect(statements.map((s) => sql.slice(s.range.start, s.range.end))).toEqual(['CREATE TABLE a (id int)', 'ALTER TABLE a ADD COLUMN b text', 'DROP TABLE a']);
    expect(sql[statements[0].terminatorEnd - 1]).toBe(';');
    expect(sql[statements[1].terminatorEnd - 1]).toBe(';');
    expect(statements[2].terminatorEnd).toBe(sql.length);
    expect(statements.map((s) => s.statementType)).toEqual(['CreateStmt', 'AlterTableStmt', 'DropStmt']);
  });

  it('keeps ranges exact after non-ASCII text (UTF-16 offsets, not UTF-8 bytes)', () => {
    const sql = "COMMENT ON TABLE a IS 'Übersicht 📦 café';\nCREATE INDEX a_b_idx ON a (b);\nALTER TABLE a ADD CONSTRAINT ü_fk FOREIGN KEY (x) REFERENCES b (id);";
    const { statements } = parse(sql);
    expect(statements.map((s) => sql.slice(s.range.start, s.range.end))).toEqual([
      "COMMENT ON TABLE a IS 'Übersicht 📦 café'",
      'CREATE INDEX a_b_idx ON a (b)',
      'ALTER TABLE a ADD CONSTRAINT ü_fk FOREIGN KEY (x) REFERENCES b (id)',
    ]);
    // Operation ranges come from libpg-query byte offsets and must land on the same characters.
    const addFk = statements[2].ops.find((o) => o.kind === 'add-constraint');
    expect(addFk?.range && sql.slice(addFk.range.start, addFk.range.end)).toBe('CONSTRAINT ü_fk FOREIGN KEY (x) REFERENCES b (id)');
    const lines = new LineIndex(sql);
    expect(lines.position(statements[1].range.start)).toEqual({ line: 2, column: 1 });
  });

  it('does not split inside dollar-quoted bodies, including tagged and nested tags', () => {
    const sql = [
      'CREATE FUNCTION f() RETURNS trigger AS $fn$',
      'BEGIN',
      "  PERFORM 1; EXECUTE $q$ SELECT ';' $q$;",
      '  RETURN NEW;',
      'END $fn$ LANGUAGE plpgsql;',
      "DO $$ BEGIN RAISE NOTICE 'x;'; END $$;",
      'SELECT 1',
    ].join('\n');
    const t = texts(sql);
    expect(t).toHaveLength(3);
    expect(t[0].startsWith('CREATE FUNCTION f()')).toBe(true);
    expect(t[0].endsWith('LANGUAGE plpgsql')).toBe(true);
    expect(t[1]).toBe("DO $$ BEGIN RAISE NOTICE 'x;'; END $$");
    expect(t[2]).toBe('SELECT 1');
  });

  it('treats nested block comments and line comments as comments, and keeps them for suppressions', () => {
    const sql = "/* outer /* inner; */ still comment; */\nSELECT 1; -- trailing; comment\n-- migrasafe-ignore drop-column -- reason\nSELECT 2;";
    const { statements, comments } = parse(sql);
    expect(statements.map((s) => sql.slice(s.range.start, s.range.end))).toEqual(['SELECT 1', 'SELECT 2']);
    expect(comments.map((c) => c.body)).toEqual(['outer /* inner; */ still comment;', 'trailing; comment', 'migrasafe-ignore drop-column -- reason']);
    for (const c of comments) expect(['/*', '--']).toContain(sql.slice(c.range.start, c.range.start + 2));
  });

  it("handles E'' strings with backslash escapes, doubled quotes and quoted identifiers", () => {
    const sql = "INSERT INTO t VALUES (E'it\\'s; fine', 'a''b;c');\nALTER TABLE \"we;ird\" ADD COLUMN \"x\"\"y\" int;\nSELECT 3;";
    const t = texts(sql);
    expect(t).toEqual(["INSERT INTO t VALUES (E'it\\'s; fine', 'a''b;c')", 'ALTER TABLE "we;ird" ADD COLUMN "x""y" int', 'SELECT 3']);
    expect(parse(sql).statements.every((s) => s.kind === 'parsed')).toBe(true);
  });

  it('keeps psql meta-commands as their own statements, never sent to the parser', () => {
    const sql = '\\set ON_ERROR_STOP on\n\\connect app\nCREATE TABLE a (id int);\n';
    const { statements } = parse(sql);
    expect(statements.map((s) => [s.kind, sql.slice(s.range.start, s.range.end)])).toEqual([
      ['meta', '\\set ON_ERROR_STOP on'],
      ['meta', '\\connect app'],
      ['parsed', 'CREATE TABLE a (id int)'],
    ]);
  });

  it('skips COPY FROM STDIN data up to the \\. line', () => {
    const sql = 'COPY t (a, b) FROM stdin;\n1\tx;y\n2\tz\n\\.\nALTER TABLE t ADD COLUMN c int;\n';
    const { statements } = parse(sql);
    expect(statements.map((s) => sql.slice(s.range.start, s.range.end))).toEqual(['COPY t (a, b) FROM stdin', 'ALTER TABLE t ADD COLUMN c int']);
    expect(statements.every((s) => s.kind === 'parsed')).toBe(true);
  });

  it('keeps BEGIN ATOMIC function bodies (with CASE ... END inside) in one statement', () => {
    const sql = [
      'CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql',
      'BEGIN ATOMIC',
      '  SELECT CASE WHEN a > 0 THEN a ELSE 0 END + b;',
      '  SELECT a;',
      'END;',
      'BEGIN;',
      'COMMIT;',
    ].join('\n');
    const { statements } = parse(sql);
    expect(statements).toHaveLength(3);
    expect(statements[0].kind).toBe('parsed');
    expect(statements[0].statementType).toBe('CreateFunctionStmt');
    expect(sql.slice(statements[0].range.start, statements[0].range.end).endsWith('END')).toBe(true);
    expect(statements.slice(1).map((s) => s.statementType)).toEqual(['TransactionStmt', 'TransactionStmt']);
  });

  it('finds no statement in an empty or comment-only file', () => {
    expect(parse('').statements).toEqual([]);
    expect(parse('\n  \n').statements).toEqual([]);
    const onlyComments = parse('-- nothing here\n/* or here */\n');
    expect(onlyComments.statements).toEqual([]);
    expect(onlyComments.comments).toHaveLength(2);
  });

  it('reports a parse error at the offending token and still parses the statements after it', () => {
    const sql = 'CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b text DEFALT 1;\nCREATE INDEX a_b ON a (b);';
    const { statements } = parse(sql);
    expect(statements.map((s) => s.kind)).toEqual(['parsed', 'unparsed', 'parsed']);
    const bad = statements[1];
    expect(bad.error?.message).toMatch(/syntax error/);
    expect(sql.slice(bad.error!.range.start, bad.error!.range.end)).toBe('DEFALT');
    expect(new LineIndex(sql).position(bad.error!.range.start)).toEqual({ line: 2, column: 33 });
    expect(statements[2].ops.map((o) => o.kind)).toEqual(['create-index']);
  });

  it('places a parse error after non-ASCII text on the right character', () => {
    const sql = "SELECT 'ünïcödé 📦' FRM t;";
    const [st] = parse(sql).statements;
    expect(st.kind).toBe('unparsed');
    expect(sql.slice(st.error!.range.start, st.error!.range.end)).toBe('t');
  });

  it('does not let an unterminated quote crash the splitter', () => {
    const sql = "SELECT 1;\nSELECT 'never closed;\nSELECT 2;";
    const { statements } = parse(sql);
    expect(statements[0].kind).toBe('parsed');
    expect(statements[1].kind).toBe('unparsed');
    expect(statements[1].range.end).toBe(sql.length);
  });
});

describe('PostgreSQL DO blocks: the statements inside', () => {
  const sql = [
    "CREATE TABLE t (id int);",
    "DO $body$",
    "BEGIN",
    "  BEGIN",
    "    ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES u (id);",
    "  EXCEPTION WHEN duplicate_object THEN RAISE NOTICE 'exists; already';",
    "  END;",
    "  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 't_idx') THEN",
    "    CREATE INDEX t_idx",
    "      ON t (id);",
    "  ELSE",
    "    UPDATE t SET id = id + 1 WHERE id < 0;",
    "  END IF;",
    "  EXECUTE 'DROP TABLE t';",
    "  PERFORM pg_sleep(0);",
    "END $body$;",
    "ALTER TABLE t ADD COLUMN c text;",
  ].join('\n');

  it('finds the static SQL in every branch, at its exact place in the file, with the DO statement\'s index', () => {
    const { statements } = parse(sql);
    expect(statements.map((s) => s.statementType)).toEqual(['CreateStmt', 'DoStmt', 'AlterTableStmt']);
    const inner = statements[1].inner ?? [];
    expect(inner.map((s) => sql.slice(s.range.start, s.range.end))).toEqual([
      'ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES u (id)',
      'CREATE INDEX t_idx\n      ON t (id)',
      'UPDATE t SET id = id + 1 WHERE id < 0',
    ]);
    expect(inner.map((s) => s.index)).toEqual([1, 1, 1]);
    expect(inner.map((s) => s.ops[0]?.kind)).toEqual(['add-constraint', 'create-index', 'update']);
    // Operation ranges land in the file too (the constraint, inside the ALTER TABLE).
    const constraint = inner[0].ops[0].range!;
    expect(sql.slice(constraint.start, constraint.end)).toMatch(/^CONSTRAINT t_fk FOREIGN KEY/);
    // EXECUTE's text is built at run time: not a statement of the block.
    expect(inner.some((s) => s.text.includes('DROP TABLE'))).toBe(false);
  });

  it('has none for another language, a body that is not dollar-quoted, or a block PL/pgSQL rejects', () => {
    expect(parse("DO LANGUAGE plv8 $$ plv8.execute('CREATE INDEX i ON t (c)') $$;").statements[0].inner).toBeUndefined();
    expect(parse("DO 'BEGIN CREATE INDEX i ON t (c); END';").statements[0].inner).toBeUndefined();
    expect(parse('DO $$ BEGIN CREATE INDEX i ON t (c) END $$;').statements[0].inner).toBeUndefined();
  });
});
