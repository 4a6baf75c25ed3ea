import type { Operation, QualifiedName, TypeSpec } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { Range } from '../../core/types.js';
import type { SchemaView } from '../../schema/catalog.js';

/** A column whose type a statement chooses: in CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE. */
export interface TypedColumn {
  op: Operation;
  table: QualifiedName;
  column: string;
  type: TypeSpec;
  /** Where the type is written in the file, when found (for suggestions that replace it). */
  typeRange?: Range;
  primaryKey: boolean;
  identity: boolean;
  serial: boolean;
  references?: { table: QualifiedName; columns: string[] };
}

const TYPE_PATTERN =
  /^(?:(?:"[^"]+"|[A-Za-z_][\w$]*)\.)?(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\s+(?:varying|precision))?(?:\s*\(\s*[\d\s,]*\))?(?:\s+with(?:out)?\s+time\s+zone)?(?:\s*\[\s*\d*\s*\])*/i;

/** Range of the type written right after `from` (skipping whitespace), or undefined. */
function typeRangeAt(text: string, from: number, base: number): Range | undefined {
  const rest = text.slice(from);
  const ws = /^\s*/.exec(rest)![0].length;
  const m = TYPE_PATTERN.exec(rest.slice(ws));
  if (!m) return undefined;
  return { start: base + from + ws, end: base + from + ws + m[0].trimEnd().length };
}

function columnDefTypeRange(fileText: string, range: Range | undefined): Range | undefined {
  if (!range) return undefined;
  const def = fileText.slice(range.start, range.end);
  const name = /^\s*(?:"(?:[^"]|"")+"|[^\s(]+)/.exec(def);
  if (!name) return undefined;
  return typeRangeAt(def, name[0].length, range.start);
}

function alterTypeRange(statement: Statement, column: string): Range | undefined {
  const esc = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\b(?:column\\s+)?"?${esc}"?\\s+(?:set\\s+data\\s+)?type\\s+`, 'i').exec(statement.text);
  if (!m) return undefined;
  return typeRangeAt(statement.text, m.index + m[0].length, statement.range.start);
}

/** Every column whose type this statement writes, with where the type is. */
export function typedColumns(statement: Statement, fileText: string): TypedColumn[] {
  const out: TypedColumn[] = [];
  for (const op of statement.ops) {
    if (op.kind === 'create-table') {
      const fks = new Map<string, { table: QualifiedName; columns: string[] }>();
      const pk = new Set<string>();
      for (const c of op.constraints) {
        if (c.type === 'foreign-key' && c.references) c.columns.forEach((col, i) => fks.set(col, { table: c.references!.table, columns: c.references!.columns[i] ? [c.references!.columns[i]] : [] }));
        if (c.type === 'primary-key') c.columns.forEach((col) => pk.add(col));
      }
      for (const col of op.columns) {
        if (!col.type) continue;
        out.push({
          op, table: op.table, column: col.name, type: col.type, typeRange: columnDefTypeRange(fileText, col.range),
          primaryKey: col.primaryKey || pk.has(col.name), identity: col.identity, serial: col.serial,
          references: col.references ?? fks.get(col.name),
        });
      }
    } else if (op.kind === 'add-column' && op.column.type) {
      const col = op.column;
      out.push({ op, table: op.table, column: col.name, type: col.type!, typeRange: columnDefTypeRange(fileText, col.range), primaryKey: col.primaryKey, identity: col.identity, serial: col.serial, references: col.references });
    } else if (op.kind === 'alter-column-type') {
      out.push({ op, table: op.table, column: op.column, type: op.type, typeRange: alterTypeRange(statement, op.column), primaryKey: false, identity: false, serial: false });
    }
  }
  return out;
}

/** The type of the column a foreign key points at, when the schema knows it. */
export function referencedType(schema: SchemaView, ref: { table: QualifiedName; columns: string[] }): TypeSpec | undefined {
  const t = schema.table(ref.table);
  if (!t) return undefined;
  let col = ref.columns[0];
  if (!col) {
    for (const c of t.constraints.values()) if (c.type === 'primary-key' && c.columns.length === 1) col = c.columns[0];
  }
  return t.columns.get(col ?? 'id')?.type;
}

/** Tables owned by migration tools, whose column types the tool chose (alembic_version.version_num VARCHAR(32), ...). */
export const TOOL_TABLES = new Set(['alembic_version', 'schema_migrations', 'flyway_schema_history', 'databasechangelog', 'databasechangeloglock', 'goose_db_version', 'knex_migrations', 'knex_migrations_lock', '_prisma_migrations', 'gorp_migrations', 'schema_version']);
