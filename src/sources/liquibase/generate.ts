import type { Engine } from '../../core/types.js';
import type { ChangeNode, Chunk, ColumnNode, MappedText } from './model.js';
import { databaseType } from './types-map.js';

/**
 * SQL Liquibase generates for a change on PostgreSQL or MySQL/MariaDB, modelled on its
 * `liquibase.sqlgenerator.core` generators (CreateIndexGenerator(Postgres), AddColumnGenerator,
 * SetNullableGenerator, AddForeignKeyConstraintGenerator, ModifyDataTypeGenerator,
 * RenameColumnGenerator, DropColumnGenerator, DropTableGenerator, ...) and the changes that
 * combine them (AddNotNullConstraintChange runs an UPDATE first when `defaultNullValue` is set).
 */
export interface GeneratedChange {
  /** Statements, each ending in `;`, with their origin in the document. */
  statements: MappedText[];
  /** Liquibase would refuse the change on this engine (a validation error), or migrasafe cannot translate it. */
  problem?: string;
  /** Not a schema or data change at all (tagDatabase, output): nothing to lint. */
  noOp?: boolean;
}

export interface GenerateContext {
  engine: Engine;
  /** Reads a `<sqlFile>`'s file; undefined when it cannot be read. */
  readSqlFile?: (change: ChangeNode) => string | undefined;
}

const NO_OPS = new Set(['tagDatabase', 'empty', 'output', 'stop', 'comment']);

export function generateChange(change: ChangeNode, ctx: GenerateContext): GeneratedChange | undefined {
  if (NO_OPS.has(change.type)) return { statements: [], noOp: true };
  const gen = GENERATORS[change.type];
  if (!gen) return undefined;
  const g = new Gen(change, ctx.engine);
  const problem = gen(g, change, ctx);
  return { statements: g.out, problem: problem || undefined };
}

/** Collects generated statements; each maps to the change element (or the column it comes from). */
class Gen {
  out: MappedText[] = [];
  constructor(readonly change: ChangeNode, readonly engine: Engine) {}
  get mysql() {
    return this.engine !== 'postgres';
  }
  emit(sql: string, origin: { start: number; end: number } = this.change.range): void {
    this.out.push([{ text: sql + ';', at: origin.start, end: origin.end, verbatim: false }]);
  }
  /** `schema.name`, each part quoted when Liquibase would quote it. */
  table(attrs: Record<string, string> = this.change.attrs, key = 'tableName', schemaKey = 'schemaName'): string {
    const schema = attrs[schemaKey];
    return (schema ? this.id(schema) + '.' : '') + this.id(attrs[key] ?? '');
  }
  id(name: string): string {
    return quoteIdentifier(name, this.engine);
  }
  ids(list: string | undefined): string {
    return (list ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((c) => this.id(c)).join(', ');
  }
  type(t: string | undefined, autoIncrement = false): string {
    return databaseType(t ?? '', this.engine, autoIncrement);
  }
}

type Generator = (g: Gen, c: ChangeNode, ctx: GenerateContext) => string | void;

const truthy = (v: string | undefined) => v !== undefined && /^(true|1|yes)$/i.test(v.trim());

const GENERATORS: Record<string, Generator> = {
  sql: (g, c) => {
    g.out.push(...splitSql(c.text ?? [], c.attrs));
  },
  createProcedure: (g, c) => {
    // Sent as one statement: not split.
    const text = c.text ?? [];
    if (text.some((ch) => ch.text.trim())) g.out.push([...text, generated(';', c)]);
  },
  sqlFile: (g, c, ctx) => {
    const body = ctx.readSqlFile?.(c);
    if (body === undefined) return `the file ${c.attrs.path ?? '(no path)'} cannot be read`;
    // The file's SQL is not in this document: findings point at the <sqlFile> element.
    g.out.push(...splitSql([{ text: body, at: c.range.start, end: c.range.end, verbatim: false }], c.attrs));
  },
  createTable: (g, c) => {
    const defs: string[] = [];
    const pk: string[] = [];
    let pkName: string | undefined;
    const tail: string[] = [];
    for (const col of c.columns) {
      const k = col.constraints;
      let def = `${g.id(col.attrs.name ?? '')} ${g.type(col.attrs.type, truthy(col.attrs.autoIncrement))}`;
      def += defaultClause(g, col);
      if (k.nullable !== undefined && !truthy(k.nullable)) def += ' NOT NULL';
      if (truthy(k.primaryKey)) {
        pk.push(g.id(col.attrs.name ?? ''));
        pkName ??= k.primaryKeyName;
      }
      if (truthy(k.unique)) tail.push(`${k.uniqueConstraintName ? `CONSTRAINT ${g.id(k.uniqueConstraintName)} ` : ''}UNIQUE (${g.id(col.attrs.name ?? '')})`);
      const ref = references(k);
      if (ref) tail.push(`CONSTRAINT ${g.id(k.foreignKeyName ?? `fk_${c.attrs.tableName}_${col.attrs.name}`)} FOREIGN KEY (${g.id(col.attrs.name ?? '')}) REFERENCES ${ref}${truthy(k.deleteCascade) ? ' ON DELETE CASCADE' : ''}`);
      if (k.checkConstraint) tail.push(`CHECK (${k.checkConstraint})`);
      defs.push(def);
    }
    // CreateTableGenerator names the primary key: `<table>_pkey` on PostgreSQL, `PK_<TABLE>` on MySQL.
    const table = c.attrs.tableName ?? '';
    if (pk.length) defs.push(`CONSTRAINT ${g.id(pkName ?? (g.mysql ? `PK_${table.toUpperCase()}` : `${table}_pkey`))} PRIMARY KEY (${pk.join(', ')})`);
    g.emit(`CREATE TABLE ${g.table()} (${[...defs, ...tail].join(', ')})`);
  },
  dropTable: (g, c) => {
    // DropTableGenerator: CASCADE where the database supports it (PostgreSQL).
    g.emit(`DROP TABLE ${g.table()}${truthy(c.attrs.cascadeConstraints) && !g.mysql ? ' CASCADE' : ''}`);
  },
  renameTable: (g, c) => {
    const to = g.id(c.attrs.newTableName ?? '');
    g.emit(g.mysql ? `ALTER TABLE ${g.table(c.attrs, 'oldTableName')} RENAME ${to}` : `ALTER TABLE ${g.table(c.attrs, 'oldTableName')} RENAME TO ${to}`);
  },
  addColumn: (g, c) => {
    const parts = c.columns.map((col) => ({ col, sql: ' ADD ' + columnDefinition(g, col) }));
    // AddColumnGenerator: one ALTER TABLE for all columns on MySQL, one per column elsewhere.
    if (g.mysql && parts.length > 1) g.emit(`ALTER TABLE ${g.table()}${parts.map((p) => p.sql).join(',')}`);
    else for (const p of parts) g.emit(`ALTER TABLE ${g.table()}${p.sql}`, p.col.range);
    for (const { col } of parts) {
      const k = col.constraints;
      if (truthy(k.unique)) g.emit(`ALTER TABLE ${g.table()} ADD ${k.uniqueConstraintName ? `CONSTRAINT ${g.id(k.uniqueConstraintName)} ` : ''}UNIQUE (${g.id(col.attrs.name ?? '')})`, col.range);
      const ref = references(k);
      if (ref) g.emit(`ALTER TABLE ${g.table()} ADD CONSTRAINT ${g.id(k.foreignKeyName ?? `fk_${c.attrs.tableName}_${col.attrs.name}`)} FOREIGN KEY (${g.id(col.attrs.name ?? '')}) REFERENCES ${ref}${truthy(k.deleteCascade) ? ' ON DELETE CASCADE' : ''}`, col.range);
    }
    // AddColumnChange: a column with a value is filled by an UPDATE of every row.
    for (const { col } of parts) {
      const value = valueOf(g, col.attrs);
      if (value !== undefined) g.emit(`UPDATE ${g.table()} SET ${g.id(col.attrs.name ?? '')} = ${value}`, col.range);
    }
  },
  dropColumn: (g, c) => {
    const names = c.attrs.columnName ? [{ name: c.attrs.columnName, range: c.range }] : c.columns.map((col) => ({ name: col.attrs.name ?? '', range: col.range }));
    if (g.mysql && names.length > 1) g.emit(`ALTER TABLE ${g.table()} ${names.map((n) => `DROP ${g.id(n.name)}`).join(', ')}`);
    else for (const n of names) g.emit(`ALTER TABLE ${g.table()} DROP COLUMN ${g.id(n.name)}`, n.range);
  },
  renameColumn: (g, c) => {
    const from = g.id(c.attrs.oldColumnName ?? '');
    const to = g.id(c.attrs.newColumnName ?? '');
    if (!g.mysql) return g.emit(`ALTER TABLE ${g.table()} RENAME COLUMN ${from} TO ${to}`);
    // RenameColumnGenerator: MySQL needs the type (CHANGE old new type); Liquibase refuses without it.
    if (!c.attrs.columnDataType) return 'Liquibase requires columnDataType for renameColumn on MySQL (it generates ALTER TABLE ... CHANGE old new <type>) and fails validation without it';
    g.emit(`ALTER TABLE ${g.table()} CHANGE ${from} ${to} ${g.type(c.attrs.columnDataType)}`);
  },
  modifyDataType: (g, c) => {
    const col = g.id(c.attrs.columnName ?? '');
    const type = g.type(c.attrs.newDataType);
    // ModifyDataTypeGenerator: MODIFY on MySQL; ALTER COLUMN ... TYPE ... USING (col::type) on PostgreSQL.
    g.emit(g.mysql ? `ALTER TABLE ${g.table()} MODIFY ${col} ${type}` : `ALTER TABLE ${g.table()} ALTER COLUMN ${col} TYPE ${type} USING (${col}::${type})`);
  },
  addNotNullConstraint: (g, c) => {
    const col = g.id(c.attrs.columnName ?? '');
    if (c.attrs.defaultNullValue !== undefined) g.emit(`UPDATE ${g.table()} SET ${col} = ${literal(c.attrs.defaultNullValue, c.attrs.columnDataType)} WHERE ${col} IS NULL`);
    if (!g.mysql) return g.emit(`ALTER TABLE ${g.table()} ALTER COLUMN ${col} SET NOT NULL`);
    if (!c.attrs.columnDataType) return 'Liquibase requires columnDataType for addNotNullConstraint on MySQL (it generates ALTER TABLE ... MODIFY col <type> NOT NULL) and fails validation without it';
    g.emit(`ALTER TABLE ${g.table()} MODIFY ${col} ${g.type(c.attrs.columnDataType)} NOT NULL`);
  },
  dropNotNullConstraint: (g, c) => {
    const col = g.id(c.attrs.columnName ?? '');
    if (!g.mysql) return g.emit(`ALTER TABLE ${g.table()} ALTER COLUMN ${col} DROP NOT NULL`);
    if (!c.attrs.columnDataType) return 'Liquibase requires columnDataType for dropNotNullConstraint on MySQL and fails validation without it';
    g.emit(`ALTER TABLE ${g.table()} MODIFY ${col} ${g.type(c.attrs.columnDataType)} NULL`);
  },
  addDefaultValue: (g, c) => {
    const value = defaultOf(g, c.attrs);
    g.emit(`ALTER TABLE ${g.table()} ALTER ${g.mysql ? '' : 'COLUMN '}${g.id(c.attrs.columnName ?? '')} SET DEFAULT ${value ?? 'NULL'}`);
  },
  dropDefaultValue: (g, c) => {
    g.emit(`ALTER TABLE ${g.table()} ALTER ${g.mysql ? '' : 'COLUMN '}${g.id(c.attrs.columnName ?? '')} DROP DEFAULT`);
  },
  createIndex: (g, c) => {
    const cols = c.columns.map((col) => (truthy(col.attrs.computed) ? col.attrs.name : g.id(col.attrs.name ?? '')) + (truthy(col.attrs.descending) ? ' DESC' : '')).join(', ');
    const name = c.attrs.indexName ? `${g.id(c.attrs.indexName)} ` : '';
    const using = !g.mysql && c.attrs.using ? ` USING ${c.attrs.using}` : '';
    g.emit(`CREATE ${truthy(c.attrs.unique) ? 'UNIQUE ' : ''}INDEX ${name}ON ${g.table()}${using}(${cols})`);
    if (!g.mysql && truthy(c.attrs.clustered) && c.attrs.indexName) g.emit(`CLUSTER ${g.table()} USING ${g.id(c.attrs.indexName)}`);
  },
  dropIndex: (g, c) => {
    const name = g.id(c.attrs.indexName ?? '');
    g.emit(g.mysql ? `DROP INDEX ${name} ON ${g.table()}` : `DROP INDEX ${c.attrs.schemaName ? g.id(c.attrs.schemaName) + '.' : ''}${name}`);
  },
  addForeignKeyConstraint: (g, c) => {
    const a = c.attrs;
    let sql = `ALTER TABLE ${g.table(a, 'baseTableName', 'baseTableSchemaName')} ADD CONSTRAINT ${g.id(a.constraintName ?? '')} FOREIGN KEY (${g.ids(a.baseColumnNames)}) REFERENCES ${g.table(a, 'referencedTableName', 'referencedTableSchemaName')} (${g.ids(a.referencedColumnNames)})`;
    if (a.onUpdate) sql += ` ON UPDATE ${a.onUpdate}`;
    if (a.onDelete) sql += ` ON DELETE ${a.onDelete}`;
    if (truthy(a.deferrable)) sql += ' DEFERRABLE';
    if (truthy(a.initiallyDeferred)) sql += ' INITIALLY DEFERRED';
    // AddForeignKeyConstraintGenerator: validate="false" is NOT VALID on PostgreSQL (ignored on MySQL).
    if (!g.mysql && a.validate !== undefined && !truthy(a.validate)) sql += ' NOT VALID';
    g.emit(sql);
  },
  dropForeignKeyConstraint: (g, c) => {
    const name = g.id(c.attrs.constraintName ?? '');
    g.emit(`ALTER TABLE ${g.table(c.attrs, 'baseTableName', 'baseTableSchemaName')} DROP ${g.mysql ? 'FOREIGN KEY' : 'CONSTRAINT'} ${name}`);
  },
  addUniqueConstraint: (g, c) => {
    const name = c.attrs.constraintName ? `CONSTRAINT ${g.id(c.attrs.constraintName)} ` : '';
    g.emit(`ALTER TABLE ${g.table()} ADD ${name}UNIQUE (${g.ids(c.attrs.columnNames)})${truthy(c.attrs.deferrable) ? ' DEFERRABLE' : ''}${truthy(c.attrs.initiallyDeferred) ? ' INITIALLY DEFERRED' : ''}`);
  },
  dropUniqueConstraint: (g, c) => {
    const name = g.id(c.attrs.constraintName ?? '');
    g.emit(g.mysql ? `ALTER TABLE ${g.table()} DROP KEY ${name}` : `ALTER TABLE ${g.table()} DROP CONSTRAINT ${name}`);
  },
  addPrimaryKey: (g, c) => {
    const name = c.attrs.constraintName && !g.mysql ? `CONSTRAINT ${g.id(c.attrs.constraintName)} ` : '';
    g.emit(`ALTER TABLE ${g.table()} ADD ${name}PRIMARY KEY (${g.ids(c.attrs.columnNames)})`);
  },
  dropPrimaryKey: (g, c) => {
    if (g.mysql) return g.emit(`ALTER TABLE ${g.table()} DROP PRIMARY KEY`);
    if (!c.attrs.constraintName) return 'dropPrimaryKey without constraintName: Liquibase looks the name up in the database at run time, so migrasafe cannot know it';
    g.emit(`ALTER TABLE ${g.table()} DROP CONSTRAINT ${g.id(c.attrs.constraintName)}`);
  },
  createSequence: (g, c) => {
    const a = c.attrs;
    g.emit(`CREATE SEQUENCE ${g.table(a, 'sequenceName')}${a.startValue ? ` START WITH ${a.startValue}` : ''}${a.incrementBy ? ` INCREMENT BY ${a.incrementBy}` : ''}`);
  },
  dropSequence: (g, c) => {
    g.emit(`DROP SEQUENCE ${g.table(c.attrs, 'sequenceName')}`);
  },
  createView: (g, c) => {
    const head = generated(`CREATE ${truthy(c.attrs.replaceIfExists) ? 'OR REPLACE ' : ''}VIEW ${g.table(c.attrs, 'viewName')} AS `, c);
    if (truthy(c.attrs.fullDefinition)) g.out.push([...(c.text ?? []), generated(';', c)]);
    else g.out.push([head, ...(c.text ?? []), generated(';', c)]);
  },
  dropView: (g, c) => {
    g.emit(`DROP VIEW ${g.table(c.attrs, 'viewName')}`);
  },
  insert: (g, c) => {
    const cols = c.columns.filter((col) => valueOf(g, col.attrs) !== undefined);
    g.emit(`INSERT INTO ${g.table()} (${cols.map((col) => g.id(col.attrs.name ?? '')).join(', ')}) VALUES (${cols.map((col) => valueOf(g, col.attrs)).join(', ')})`);
  },
  update: (g, c) => {
    const sets = c.columns.map((col) => `${g.id(col.attrs.name ?? '')} = ${valueOf(g, col.attrs) ?? 'NULL'}`).join(', ');
    g.out.push([generated(`UPDATE ${g.table()} SET ${sets}`, c), ...whereClause(c), generated(';', c)]);
  },
  delete: (g, c) => {
    g.out.push([generated(`DELETE FROM ${g.table()}`, c), ...whereClause(c), generated(';', c)]);
  },
};

function generated(text: string, c: ChangeNode): Chunk {
  return { text, at: c.range.start, end: c.range.end, verbatim: false };
}

function whereClause(c: ChangeNode): MappedText {
  return c.text && c.text.some((ch) => ch.text.trim()) ? [generated(' WHERE ', c), ...c.text] : [];
}

function references(k: Record<string, string>): string | undefined {
  if (k.references) return k.references;
  if (k.referencedTableName) return `${k.referencedTableName} (${k.referencedColumnNames ?? 'id'})`;
  return undefined;
}

function columnDefinition(g: Gen, col: ColumnNode): string {
  const k = col.constraints;
  let def = `${g.id(col.attrs.name ?? '')} ${g.type(col.attrs.type, truthy(col.attrs.autoIncrement))}`;
  def += defaultClause(g, col);
  if (k.nullable !== undefined && !truthy(k.nullable)) def += ' NOT NULL';
  else if (g.mysql) def += ' NULL';
  if (truthy(k.primaryKey)) def += ' PRIMARY KEY';
  if (g.mysql && col.attrs.afterColumn) def += ` AFTER ${g.id(col.attrs.afterColumn)}`;
  return def;
}

function defaultClause(g: Gen, col: ColumnNode): string {
  const d = defaultOf(g, col.attrs);
  return d === undefined ? '' : ` DEFAULT ${d}`;
}

/** `defaultValue*` attributes as SQL. */
function defaultOf(g: Gen, a: Record<string, string>): string | undefined {
  if (a.defaultValueComputed !== undefined) return a.defaultValueComputed;
  if (a.defaultValueNumeric !== undefined) return a.defaultValueNumeric;
  if (a.defaultValueBoolean !== undefined) return booleanSql(g, a.defaultValueBoolean);
  if (a.defaultValueDate !== undefined) return quote(a.defaultValueDate);
  if (a.defaultValue !== undefined) return literal(a.defaultValue, a.type ?? a.columnDataType);
  return undefined;
}

/** `value*` attributes (insert, update, addColumn) as SQL. */
function valueOf(g: Gen, a: Record<string, string>): string | undefined {
  if (a.valueComputed !== undefined) return a.valueComputed;
  if (a.valueNumeric !== undefined) return a.valueNumeric;
  if (a.valueBoolean !== undefined) return booleanSql(g, a.valueBoolean);
  if (a.valueDate !== undefined) return quote(a.valueDate);
  if (a.value !== undefined) return quote(a.value);
  return undefined;
}

function booleanSql(g: Gen, v: string): string {
  return g.mysql ? (truthy(v) ? '1' : '0') : truthy(v) ? 'TRUE' : 'FALSE';
}

/** A value for a column of `type`: numbers stay numbers for numeric types, else a string literal. */
function literal(v: string, type: string | undefined): string {
  if (/^-?\d+(\.\d+)?$/.test(v) && (!type || /int|num|dec|float|double|real|serial|bit/i.test(type))) return v;
  if (/^(true|false)$/i.test(v) && type && /bool/i.test(type)) return v.toUpperCase();
  return quote(v);
}

function quote(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

const RESERVED = new Set(['all', 'and', 'as', 'asc', 'between', 'by', 'case', 'check', 'column', 'constraint', 'create', 'default', 'delete', 'desc', 'distinct', 'drop', 'else', 'end', 'from', 'grant', 'group', 'having', 'in', 'index', 'insert', 'into', 'is', 'join', 'key', 'like', 'limit', 'not', 'null', 'offset', 'on', 'or', 'order', 'primary', 'references', 'select', 'table', 'then', 'to', 'union', 'unique', 'update', 'user', 'using', 'values', 'when', 'where', 'with']);

/**
 * Liquibase's default (LEGACY) quoting: a name is quoted when it is a reserved word or not a plain
 * identifier, and on PostgreSQL also when it has mixed case.
 */
export function quoteIdentifier(name: string, engine: Engine): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name.toLowerCase());
  const mixed = engine === 'postgres' && name !== name.toLowerCase() && name !== name.toUpperCase();
  if (plain && !mixed) return name;
  return engine === 'postgres' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}

/**
 * `<sql>` text as Liquibase runs it: split at `;` (the parser does that) unless
 * `splitStatements="false"`; a custom `endDelimiter` standing alone on a line ends a statement.
 * Every character keeps its document position.
 */
export function splitSql(text: MappedText, attrs: Record<string, string>): MappedText[] {
  if (!text.some((c) => c.text.trim())) return [];
  const delimiter = attrs.endDelimiter;
  let chunks = text;
  if (delimiter && delimiter !== ';') {
    chunks = [];
    for (const c of text) {
      if (!c.verbatim) {
        chunks.push(c);
        continue;
      }
      // A line holding only the delimiter becomes `;` at the delimiter's position.
      let last = 0;
      const re = new RegExp(`(^|\\n)([ \\t]*)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*(?=\\r?\\n|$)`, 'g');
      for (const m of c.text.matchAll(re)) {
        const at = m.index + m[1].length + m[2].length;
        if (at > last) chunks.push({ text: c.text.slice(last, at), at: c.at + last, end: c.at + at, verbatim: true });
        const len = m[0].length - m[1].length - m[2].length;
        chunks.push({ text: ';', at: c.at + at, end: c.at + at + len, verbatim: false });
        last = at + len;
      }
      if (last < c.text.length) chunks.push({ text: c.text.slice(last), at: c.at + last, end: c.end, verbatim: true });
    }
  }
  const end = chunks[chunks.length - 1];
  // Each change ends its last statement, `;` or not.
  if (/;\s*$/.test(chunks.map((c) => c.text).join('').replace(/--[^\n]*$/, ''))) return [chunks];
  return [[...chunks, { text: ';', at: end.end, end: end.end, verbatim: false }]];
}
