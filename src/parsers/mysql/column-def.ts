import type { ColumnSpec, DefaultSpec, TypeSpec } from '../../core/operations.js';
import { charsetOfCollation, normalizeCharset } from './charset-names.js';
import { columnNames, TokenCursor } from './token-cursor.js';

const TYPE_ALIASES: Record<string, string> = {
  integer: 'int',
  dec: 'decimal',
  numeric: 'decimal',
  fixed: 'decimal',
  bool: 'tinyint',
  boolean: 'tinyint',
  real: 'double',
  int1: 'tinyint',
  int2: 'smallint',
  int3: 'mediumint',
  int4: 'int',
  int8: 'bigint',
  character: 'char',
};

/** Words that end the data type and start the column attributes. */
const ATTRIBUTE_WORDS = new Set([
  'NOT', 'NULL', 'DEFAULT', 'AUTO_INCREMENT', 'PRIMARY', 'KEY', 'UNIQUE', 'COMMENT', 'COLLATE', 'CHARACTER', 'CHARSET',
  'GENERATED', 'AS', 'ON', 'REFERENCES', 'CHECK', 'CONSTRAINT', 'INVISIBLE', 'VISIBLE', 'SRID', 'COLUMN_FORMAT', 'STORAGE',
  'FIRST', 'AFTER', 'VIRTUAL', 'STORED', 'PERSISTENT', 'SERIAL', 'ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE_ATTRIBUTE', 'WITH',
]);

/**
 * Reads a column definition after its name: `VARCHAR(255) CHARACTER SET utf8mb4 NOT NULL DEFAULT ''
 * COMMENT 'x' AFTER id`. Unknown attributes are skipped, never fatal.
 */
export function readColumnDefinition(cur: TokenCursor, name: string, startIndex: number): ColumnSpec {
  const col: ColumnSpec = { name, notNull: false, primaryKey: false, unique: false, identity: false, serial: false, check: false };
  col.type = readType(cur);
  while (!cur.done) {
    const w = cur.word();
    if (cur.accept('NOT', 'NULL')) col.notNull = true;
    else if (cur.accept('NULL')) col.notNull = false;
    else if (cur.accept('DEFAULT')) col.default = readDefault(cur);
    else if (w === 'AUTO_INCREMENT') {
      cur.pos++;
      col.identity = true;
    } else if (w === 'SERIAL' && cur.word(1) === 'DEFAULT') {
      // SERIAL DEFAULT VALUE = NOT NULL AUTO_INCREMENT UNIQUE
      cur.pos += 3;
      col.identity = col.notNull = col.unique = true;
    } else if (cur.accept('PRIMARY', 'KEY') || (w === 'KEY' && cur.accept('KEY'))) {
      col.primaryKey = true;
      col.notNull = true;
    } else if (cur.accept('UNIQUE')) {
      cur.accept('KEY');
      col.unique = true;
    } else if (cur.accept('COLLATE')) {
      cur.acceptPunct('=');
      col.collate = cur.name()?.toLowerCase();
    } else if (cur.accept('CHARACTER', 'SET') || cur.accept('CHARSET')) {
      cur.acceptPunct('=');
      const cs = cur.name();
      if (cs) col.charset = normalizeCharset(cs);
    } else if (w === 'GENERATED' || w === 'AS') {
      if (cur.accept('GENERATED')) cur.accept('ALWAYS');
      cur.accept('AS');
      cur.group();
      col.generated = 'virtual';
    } else if (w === 'VIRTUAL') {
      cur.pos++;
      col.generated = 'virtual';
    } else if (w === 'STORED' || w === 'PERSISTENT') {
      cur.pos++;
      col.generated = 'stored';
    } else if (cur.accept('ON', 'UPDATE')) {
      readDefault(cur);
    } else if (cur.accept('REFERENCES')) {
      const table = cur.qualifiedName() ?? { name: '' };
      col.references = { table, columns: columnNames(cur.group()) };
      skipReferenceOptions(cur);
    } else if (w === 'CONSTRAINT') {
      cur.pos++;
      if (cur.word() !== 'CHECK') cur.name();
    } else if (cur.accept('CHECK')) {
      cur.group();
      col.check = true;
    } else if (w === 'FIRST') {
      cur.pos++;
      col.position = 'first';
    } else if (cur.accept('AFTER')) {
      const after = cur.name();
      if (after !== undefined) col.position = { after };
    } else if (cur.isPunct('(')) cur.group();
    else cur.pos++; // COMMENT 'x', INVISIBLE, SRID n, COLUMN_FORMAT x, STORAGE x, ...
  }
  // A collation names its character set (`COLLATE latin1_bin` alone means latin1).
  if (!col.charset && col.collate) col.charset = charsetOfCollation(col.collate);
  const end = cur.pos;
  col.range = cur.rangeOf(startIndex, end);
  return col;
}

function readType(cur: TokenCursor): TypeSpec | undefined {
  const start = cur.pos;
  const first = cur.peek();
  if (!first || first.type !== 'word' || ATTRIBUTE_WORDS.has(first.value)) return undefined;
  cur.pos++;
  let name = first.text.toLowerCase();
  // two-word types: DOUBLE PRECISION, LONG VARCHAR, NATIONAL CHAR, CHAR VARYING
  if (name === 'double' && cur.accept('PRECISION')) name = 'double';
  if ((name === 'national' || name === 'long') && cur.word()) name = cur.next()!.text.toLowerCase();
  if ((name === 'char' || name === 'character') && cur.accept('VARYING')) name = 'varchar';
  if (name === 'nchar' && cur.accept('VARCHAR')) name = 'varchar';
  if (name === 'nvarchar' || name === 'nchar') name = name.slice(1);
  name = TYPE_ALIASES[name] ?? name;
  const spec: TypeSpec = { name, modifiers: [], arrayDims: 0, text: '' };
  if (cur.isPunct('(')) {
    const inner = cur.group();
    if (name === 'enum' || name === 'set') spec.values = inner.filter((t) => t.type === 'string').map((t) => t.value);
    else spec.modifiers = inner.filter((t) => t.type === 'number').map((t) => Number(t.value));
  }
  if (first.value === 'BOOL' || first.value === 'BOOLEAN') spec.modifiers = [1];
  while (cur.word() === 'UNSIGNED' || cur.word() === 'SIGNED' || cur.word() === 'ZEROFILL' || cur.word() === 'BINARY') {
    if (cur.word() === 'UNSIGNED') spec.unsigned = true;
    cur.pos++;
  }
  spec.text = cur.textOf(start, cur.pos);
  return spec;
}

function readDefault(cur: TokenCursor): DefaultSpec {
  const start = cur.pos;
  const functions: string[] = [];
  if (cur.isPunct('(')) {
    for (const t of cur.group()) if (t.type === 'word') functions.push(t.value.toLowerCase());
  } else {
    // -1, +1, _utf8mb4'x', CURRENT_TIMESTAMP(6), NOW()
    if (cur.isPunct('-') || cur.isPunct('+')) cur.pos++;
    const t = cur.next();
    if (t?.type === 'word' && /^_/.test(t.value) && cur.peek()?.type === 'string') cur.pos++;
    if (t?.type === 'word' && cur.isPunct('(')) {
      functions.push(t.value.toLowerCase());
      cur.group();
    } else if (t?.type === 'word' && /^(CURRENT_TIMESTAMP|LOCALTIMESTAMP|LOCALTIME|NOW|CURRENT_DATE|CURRENT_TIME)$/.test(t.value)) {
      functions.push(t.value.toLowerCase());
    }
  }
  const text = cur.textOf(start, cur.pos);
  return { text, functions, isNull: /^null$/i.test(text) };
}

export function skipReferenceOptions(cur: TokenCursor): void {
  while (!cur.done) {
    if (cur.accept('ON', 'DELETE') || cur.accept('ON', 'UPDATE')) {
      if (!cur.accept('SET', 'NULL') && !cur.accept('SET', 'DEFAULT') && !cur.accept('NO', 'ACTION')) cur.pos++;
    } else if (cur.accept('MATCH')) cur.pos++;
    else return;
  }
}
