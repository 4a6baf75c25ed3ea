import type { Operation, QualifiedName, TypeSpec } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { Engine } from '../../core/types.js';
import type { ColumnInfo, ConstraintInfo, IndexInfo, TableInfo } from '../../schema/catalog.js';
import { statementGap } from '../../schema/gaps.js';
import type { Catalog, CatalogState } from '../../schema/replay.js';

/** One way the schema after up + down differs from the schema before the up. */
export interface RevertDifference {
  message: string;
  /** Bare table name (or other object name) the difference is about, to find the statements involved. */
  object: string;
  column?: string;
}

export type RevertVerdict =
  | { kind: 'reverts' }
  | { kind: 'differs'; differences: RevertDifference[] }
  /** Some statement could not be followed: the differences found may be wrong, so nothing is claimed. */
  | { kind: 'unknown'; reason: string; statement: Statement; differences: RevertDifference[] }
  /** Not judged: a statement does not parse (its own finding), or the up cannot run on the replayed history. */
  | { kind: 'skipped'; reason: string };

/** What the up itself creates, by bare lower-case name: only those objects can be called "left behind". */
interface UpCreations {
  tables: Set<string>;
  columns: Set<string>;
  indexes: Set<string>;
  /** `table.name` of named constraints, and `table:type:cols` of unnamed ones. */
  constraints: Set<string>;
  enums: Set<string>;
  enumValues: Map<string, { value: string; ifNotExists: boolean }[]>;
  views: Set<string>;
  sequences: Set<string>;
  types: Set<string>;
  schemas: Set<string>;
  tableRenames: Map<string, string>;
  columnRenames: Map<string, string>;
}

const lc = (s: string) => s.toLowerCase();
const bare = (key: string) => key.slice(key.indexOf('.') + 1);

function upCreations(ops: Operation[]): UpCreations {
  const c: UpCreations = {
    tables: new Set(), columns: new Set(), indexes: new Set(), constraints: new Set(), enums: new Set(), enumValues: new Map(),
    views: new Set(), sequences: new Set(), types: new Set(), schemas: new Set(), tableRenames: new Map(), columnRenames: new Map(),
  };
  const addConstraint = (table: string, spec: { name?: string; type: string; columns: string[] }) => {
    c.constraints.add(spec.name ? `${lc(table)}.${spec.name}` : `${lc(table)}:${spec.type}:${spec.columns.join(',')}`);
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'create-table':
        c.tables.add(lc(op.table.name));
        break;
      case 'add-column':
        c.columns.add(`${lc(op.table.name)}.${op.column.name}`);
        for (const con of op.column.constraints ?? []) addConstraint(op.table.name, { ...con, columns: con.columns.length ? con.columns : [op.column.name] });
        break;
      case 'modify-column':
        if (op.definition.name !== op.column) c.columnRenames.set(`${lc(op.table.name)}.${op.column}`, op.definition.name);
        break;
      case 'create-index':
        if (op.name) c.indexes.add(op.name);
        else c.indexes.add(`${lc(op.table.name)}:${op.columns.join(',')}`);
        break;
      case 'add-constraint':
        addConstraint(op.table.name, op.constraint);
        break;
      case 'create-enum':
        c.enums.add(lc(op.type.name));
        break;
      case 'add-enum-value': {
        const list = c.enumValues.get(lc(op.type.name)) ?? [];
        list.push({ value: op.value, ifNotExists: op.ifNotExists });
        c.enumValues.set(lc(op.type.name), list);
        break;
      }
      case 'create-view':
        c.views.add(lc(op.view.name));
        break;
      case 'create-sequence':
        c.sequences.add(lc(op.name.name));
        break;
      case 'create-type':
        c.types.add(lc(op.type.name));
        break;
      case 'create-domain':
        c.types.add(lc(op.domain.name));
        break;
      case 'create-schema':
        if (op.name) c.schemas.add(op.name);
        break;
      case 'rename-table':
        c.tableRenames.set(lc(op.table.name), op.newName);
        break;
      case 'rename-column':
        c.columnRenames.set(`${lc(op.table.name)}.${op.column}`, op.newName);
        break;
      default:
    }
  }
  return c;
}

/** Why a statement cannot be followed by the replay, if it cannot. */
function uncertainty(st: Statement, state: CatalogState): string | undefined {
  if (st.kind === 'unparsed') return 'a statement only partly understood';
  const gap = statementGap(st, state.functions);
  return gap?.reason;
}

// ---- value normalisation -----------------------------------------------------------------------

const MYSQL_INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);

/** Types compared by canonical name, modifiers and array dimensions (MySQL integer display widths ignored). */
function typeKey(t: TypeSpec, engine: Engine): string {
  const mods = engine !== 'postgres' && MYSQL_INTEGERS.has(t.name) && !(t.name === 'tinyint' && t.modifiers[0] === 1) ? [] : t.modifiers;
  return [t.schema ?? '', t.name, mods.join(','), t.arrayDims, t.unsigned ? 'u' : '', (t.values ?? []).join('\u0000')].join('|');
}

const NOW_SPELLINGS = /^(now\(\)|current_timestamp(\(\))?|localtimestamp(\(\))?|transaction_timestamp\(\))$/;

/** A default expression as compared: case, spaces, casts, outer parentheses and quote style do not count. */
export function normalizeDefault(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let s = text.trim().replace(/\s+/g, ' ');
  s = s.replace(/::\s*"?[A-Za-z_][\w ]*"?(\(\d+(,\d+)?\))?(\[\])*/g, '');
  for (;;) {
    const m = /^\((.*)\)$/.exec(s);
    if (!m || !balanced(m[1])) break;
    s = m[1].trim();
  }
  s = s.replace(/^"(.*)"$/, "'$1'");
  if (!s.startsWith("'")) s = s.toLowerCase().replace(/\s+/g, '');
  s = s.replace(/^'(-?\d+(\.\d+)?)'$/, '$1');
  if (s === 'false') s = '0';
  if (s === 'true') s = '1';
  if (NOW_SPELLINGS.test(s)) s = 'now()';
  return s;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Check expressions and predicates compared without case, spaces and parentheses. */
function normalizeExpression(text: string | undefined): string {
  return (text ?? '').toLowerCase().replace(/::\s*[a-z_][\w ]*/g, '').replace(/[\s()]+/g, '');
}

function describeType(t: TypeSpec | undefined): string {
  return t ? t.text : 'an unknown type';
}

function describeDefault(c: ColumnInfo): string {
  if (c.default !== undefined) return `default ${c.default}`;
  return c.hasDefault ? 'a default' : 'no default';
}

// ---- comparison --------------------------------------------------------------------------------

interface Ctx {
  engine: Engine;
  /** `table.column` of columns whose attributes are unknown (only presence is compared). */
  seeded: ReadonlySet<string>;
  up: UpCreations;
  out: RevertDifference[];
  /** Index names the rollback drops with DROP INDEX. */
  downDroppedIndexes: ReadonlySet<string>;
  /** Lower-case names the up and down operate on: nothing else can differ, so nothing else is compared. */
  touched: ReadonlySet<string>;
}

function compareColumns(ctx: Ctx, table: string, bt: TableInfo | undefined, rt: TableInfo): void {
  const { out, up } = ctx;
  const renamedTo = new Map<string, string>();
  for (const [from, to] of up.columnRenames) if (from.startsWith(`${table}.`)) renamedTo.set(from.slice(table.length + 1), to);
  for (const [name, bc] of bt?.columns ?? []) {
    const rc = rt.columns.get(name);
    if (!rc) {
      const to = renamedTo.get(name);
      if (to && rt.columns.has(to)) out.push({ object: table, column: name, message: `column ${table}.${name} is renamed to ${to} by the up and not renamed back` });
      else out.push({ object: table, column: name, message: `column ${table}.${name}, there before the up, is gone after the down` });
      continue;
    }
    if (!ctx.seeded.has(`${table}.${name}`)) compareColumn(ctx, table, bc, rc);
  }
  for (const name of rt.columns.keys()) {
    if (bt?.columns.has(name)) continue;
    const from = [...renamedTo].find(([, to]) => to === name)?.[0];
    if (from !== undefined) {
      if (!rt.columns.has(from)) continue; // reported above as a rename not renamed back
      out.push({ object: table, column: name, message: `column ${table}.${name}, the up's new name for ${from}, still exists after the down (which has ${from} again, but not by renaming it back)` });
      continue;
    }
    // Only a column the up adds is surely new: one the down adds may have existed before (history unknown).
    if (!up.columns.has(`${table}.${name}`)) continue;
    out.push({ object: table, column: name, message: `column ${table}.${name}, added by the up, still exists after the down` });
  }
}

function compareColumn(ctx: Ctx, table: string, bc: ColumnInfo, rc: ColumnInfo): void {
  const { out, engine } = ctx;
  const col = `${table}.${bc.name}`;
  const diff = (message: string) => out.push({ object: table, column: bc.name, message });
  if (bc.type && rc.type && typeKey(bc.type, engine) !== typeKey(rc.type, engine)) diff(`down leaves column ${col} as ${describeType(rc.type)}; before the up it was ${describeType(bc.type)}`);
  if (bc.notNull !== rc.notNull) diff(`down leaves column ${col} ${rc.notNull ? 'NOT NULL' : 'nullable'}; before the up it was ${bc.notNull ? 'NOT NULL' : 'nullable'}`);
  if (bc.identity !== rc.identity) {
    const what = engine === 'postgres' ? 'an identity/serial column' : 'AUTO_INCREMENT';
    diff(`down leaves column ${col} ${rc.identity ? `as ${what}` : `without ${what}`}; before the up it was ${bc.identity ? what : `not ${what}`}`);
  } else if (!bc.identity && (bc.hasDefault !== rc.hasDefault || normalizeDefault(bc.default) !== normalizeDefault(rc.default))) {
    diff(`down leaves column ${col} with ${describeDefault(rc)}; before the up it had ${describeDefault(bc)}`);
  }
  if ((bc.generated ?? '') !== (rc.generated ?? '')) diff(`down leaves column ${col} ${rc.generated ? `generated (${rc.generated})` : 'not generated'}; before the up it was ${bc.generated ? `generated (${bc.generated})` : 'a plain column'}`);
}

function describeConstraint(c: ConstraintInfo): string {
  const cols = `(${c.columns.join(', ')})`;
  switch (c.type) {
    case 'check':
      return `CHECK (${c.expression ?? '…'})`;
    case 'foreign-key':
      return `FOREIGN KEY ${cols} REFERENCES ${c.references ? `${c.references.table.name} (${c.references.columns.join(', ')})` : '…'}`;
    case 'primary-key':
      return `PRIMARY KEY ${cols}`;
    case 'unique':
      return `UNIQUE ${cols}`;
    default:
      return `${c.type} ${cols}`;
  }
}

function constraintSignature(c: ConstraintInfo): string {
  // A CHECK is its expression (a column CHECK and the same table CHECK list different columns).
  if (c.type === 'check') return `check:${normalizeExpression(c.expression)}`;
  return `${c.type}:${c.columns.join(',')}:${c.references ? `${lc(c.references.table.name)}(${c.references.columns.join(',')})` : ''}`;
}

function compareConstraints(ctx: Ctx, table: string, bt: TableInfo | undefined, rt: TableInfo): void {
  const { out, up, engine } = ctx;
  // NOT NULL constraints are compared through the columns' nullability.
  const list = (t: TableInfo | undefined) => [...(t?.constraints.values() ?? [])].filter((c) => c.type !== 'not-null');
  const before = list(bt);
  const after = list(rt);
  const missing = before.filter((b) => !rt.constraints.has(b.name));
  const extra = after.filter((r) => !bt?.constraints.has(r.name));
  for (const b of missing) {
    const twin = extra.find((r) => constraintSignature(r) === constraintSignature(b));
    if (twin) {
      extra.splice(extra.indexOf(twin), 1);
      // MySQL names unnamed constraints its own way (`t_ibfk_1`): the same constraint under another name is not a difference we can trust.
      if (engine === 'postgres') out.push({ object: table, column: twin.name, message: `down re-creates constraint ${b.name} on ${table} under the name ${twin.name}` });
      continue;
    }
    out.push({ object: table, column: b.name, message: `constraint ${b.name} on ${table}, there before the up, is gone after the down` });
  }
  for (const r of extra) {
    const key = `${table}:${r.type}:${r.columns.join(',')}`;
    if (!up.constraints.has(`${table}.${r.name}`) && !up.constraints.has(key)) continue;
    // MySQL: the replay names unnamed constraints the PostgreSQL way, so the same constraint may sit there twice.
    if (engine !== 'postgres' && before.some((b) => constraintSignature(b) === constraintSignature(r))) continue;
    if (engine === 'postgres' && ctx.downDroppedIndexes.has(r.name) && (r.type === 'unique' || r.type === 'primary-key' || r.type === 'exclusion')) {
      out.push({ object: table, column: r.name, message: `the down removes constraint ${r.name} on ${table} with DROP INDEX, which PostgreSQL refuses ("cannot drop index ${r.name} because constraint ${r.name} on table ${table} requires it"); write ALTER TABLE ${table} DROP CONSTRAINT ${r.name}` });
      continue;
    }
    out.push({ object: table, column: r.name, message: `constraint ${r.name} on ${table}, added by the up, still exists after the down` });
  }
  for (const b of before) {
    const r = rt.constraints.get(b.name);
    if (!r) continue;
    if (b.validated !== r.validated) out.push({ object: table, column: b.name, message: `down leaves constraint ${b.name} on ${table} ${r.validated ? 'validated' : 'NOT VALID'}; before the up it was ${b.validated ? 'validated' : 'NOT VALID'}` });
    else if (constraintSignature(b) !== constraintSignature(r)) out.push({ object: table, column: b.name, message: `down leaves constraint ${b.name} on ${table} as ${describeConstraint(r)}; before the up it was ${describeConstraint(b)}` });
  }
}

function indexSignature(i: IndexInfo): string {
  return `${i.table}:${i.columns.join(',')}:${i.unique}:${i.partial ? normalizeExpression(i.predicate) || 'partial' : ''}`;
}

function compareIndexes(ctx: Ctx, b: CatalogState, r: CatalogState): void {
  const { out, up, engine } = ctx;
  // Constraint-backed indexes are compared as constraints; indexes of a table that is gone go with it.
  const touched = (i: IndexInfo) => ctx.touched.has(i.name.toLowerCase()) || ctx.touched.has(bare(i.table).toLowerCase()) || ctx.touched.has(i.schema.toLowerCase());
  // The replay is a copy-on-write copy of the schema before (Catalog.clone): an index it never
  // changed is the very same object on both sides, so it can differ in nothing and is skipped
  // before the name checks (most of a large schema, for every file with a rollback).
  const plain = (s: CatalogState, other: CatalogState) => {
    const out: Array<[string, IndexInfo]> = [];
    for (const [k, i] of s.indexes) if (other.indexes.get(k) !== i && !i.constraint && touched(i) && other.tables.has(i.table) && s.tables.has(i.table)) out.push([k, i]);
    return out;
  };
  const before = plain(b, r);
  const after = plain(r, b);
  const missing = before.filter(([k]) => !r.indexes.has(k)).map(([, i]) => i);
  const extra = after.filter(([k]) => !b.indexes.has(k)).map(([, i]) => i);
  for (const bi of missing) {
    const twin = extra.find((ri) => indexSignature(ri) === indexSignature(bi));
    if (twin) {
      extra.splice(extra.indexOf(twin), 1);
      if (engine === 'postgres') out.push({ object: twin.name, message: `down re-creates index ${bi.name} on ${bare(bi.table)} under the name ${twin.name}` });
      continue;
    }
    out.push({ object: bi.name, message: `index ${bi.name} on ${bare(bi.table)} (${bi.columns.join(', ')}), there before the up, is gone after the down` });
  }
  for (const ri of extra) {
    if (!up.indexes.has(ri.name) && !up.indexes.has(`${bare(ri.table)}:${ri.columns.join(',')}`)) continue;
    out.push({ object: ri.name, message: `index ${ri.name} on ${bare(ri.table)}, created by the up, still exists after the down` });
  }
  for (const [k, bi] of before) {
    const ri = r.indexes.get(k);
    if (!ri || ri.constraint) continue;
    const what: string[] = [];
    if (bi.columns.join(',') !== ri.columns.join(',')) what.push(`columns (${ri.columns.join(', ')}) instead of (${bi.columns.join(', ')})`);
    if (bi.unique !== ri.unique) what.push(ri.unique ? 'UNIQUE, it was not' : 'not UNIQUE, it was');
    if (bi.partial !== ri.partial || normalizeExpression(bi.predicate) !== normalizeExpression(ri.predicate)) what.push(ri.partial ? `WHERE ${ri.predicate ?? '…'}${bi.partial ? ` instead of WHERE ${bi.predicate ?? '…'}` : ', it was not partial'}` : `without its WHERE ${bi.predicate ?? '…'}`);
    if (what.length) out.push({ object: bi.name, message: `down re-creates index ${bi.name} on ${bare(bi.table)} with ${what.join(', ')}` });
  }
}

function compareTables(ctx: Ctx, b: CatalogState, r: CatalogState): void {
  const { out, up } = ctx;
  const touched = (t: TableInfo) => ctx.touched.has(t.name.toLowerCase()) || ctx.touched.has(t.schema.toLowerCase());
  for (const [k, bt] of b.tables) {
    const rt = r.tables.get(k);
    // The same object on both sides (copy-on-write, see compareIndexes): the replay never changed it.
    if (rt === bt || !touched(bt)) continue;
    if (rt) {
      compareColumns(ctx, bt.name, bt, rt);
      compareConstraints(ctx, bt.name, bt, rt);
      continue;
    }
    const to = up.tableRenames.get(bt.name);
    if (to && r.tables.has(`${bt.schema}.${to}`)) out.push({ object: bt.name, message: `table ${bt.name} is renamed to ${to} by the up and not renamed back` });
    else if (!bt.temporary) out.push({ object: bt.name, message: `table ${bt.name}, there before the up, is gone after the down` });
  }
  for (const [k, rt] of r.tables) {
    if (b.tables.has(k) || rt.temporary || !touched(rt)) continue;
    const from = [...up.tableRenames.entries()].find(([f, to]) => to === rt.name && b.tables.has(`${rt.schema}.${f}`))?.[0];
    if (from !== undefined) {
      // Renamed back: gone. Not renamed back and no new table of the old name: reported above.
      if (r.tables.has(`${rt.schema}.${from}`)) out.push({ object: rt.name, message: `table ${rt.name}, the up's new name for ${from}, still exists after the down (which creates a new ${from} instead of renaming it back)` });
      continue;
    }
    if (up.tables.has(rt.name)) {
      out.push({ object: rt.name, message: `table ${rt.name}, created by the up, still exists after the down` });
      continue;
    }
    // A table first met in the up or down (history incomplete): what the up added to it must be gone.
    compareColumns(ctx, rt.name, undefined, rt);
    compareConstraints(ctx, rt.name, undefined, rt);
  }
}

function compareNamed<T>(ctx: Ctx, kind: string, before: Map<string, T> | Set<string>, after: Map<string, T> | Set<string>, createdByUp: Set<string>): void {
  for (const k of before.keys()) if (!after.has(k)) ctx.out.push({ object: bare(k), message: `${kind} ${bare(k)}, there before the up, is gone after the down` });
  for (const k of after.keys()) if (!before.has(k) && createdByUp.has(bare(k))) ctx.out.push({ object: bare(k), message: `${kind} ${bare(k)}, created by the up, still exists after the down` });
}

function compareEnums(ctx: Ctx, b: CatalogState, r: CatalogState): void {
  compareNamed(ctx, 'type', b.enums, r.enums, ctx.up.enums);
  for (const [k, be] of b.enums) {
    const re = r.enums.get(k);
    if (!re) continue;
    for (const v of re.values) {
      if (be.values.includes(v)) continue;
      const added = ctx.up.enumValues.get(be.name)?.find((x) => x.value === v);
      // PostgreSQL cannot drop an enum value; a leftover one only hurts when the up cannot run twice.
      if (added?.ifNotExists) continue;
      ctx.out.push({ object: be.name, message: `enum ${be.name} keeps the value '${v}' after the down (PostgreSQL has no DROP VALUE), so running the up again fails with "enum label already exists"; use ADD VALUE IF NOT EXISTS or re-create the type in the down` });
    }
    for (const v of be.values) if (!re.values.includes(v)) ctx.out.push({ object: be.name, message: `down leaves enum ${be.name} without the value '${v}' it had before the up` });
  }
}

/** Compares the schema before the up with the schema after up + down. */
export function compareCatalogs(before: CatalogState, after: CatalogState, upOps: Operation[], engine: Engine, seeded: ReadonlySet<string> = new Set(), downOps: Operation[] = []): RevertDifference[] {
  const downDroppedIndexes = new Set(downOps.flatMap((op) => (op.kind === 'drop-index' ? op.indexes.map((i) => i.name) : [])));
  const touched = new Set<string>();
  for (const op of [...upOps, ...downOps]) for (const n of namesOf(op)) touched.add(n);
  const ctx: Ctx = { engine, up: upCreations(upOps), out: [], seeded, downDroppedIndexes, touched };
  compareTables(ctx, before, after);
  compareIndexes(ctx, before, after);
  compareEnums(ctx, before, after);
  compareNamed(ctx, 'view', before.views, after.views, ctx.up.views);
  compareNamed(ctx, 'sequence', before.sequences, after.sequences, ctx.up.sequences);
  compareNamed(ctx, 'type', before.types, after.types, ctx.up.types);
  const userSchemas = (s: Set<string>) => new Set([...s].filter((n) => n !== 'public' && n !== 'pg_catalog' && n !== 'pg_temp'));
  const bs = userSchemas(before.schemas);
  for (const n of userSchemas(after.schemas)) if (!bs.has(n) && ctx.up.schemas.has(n)) ctx.out.push({ object: n, message: `schema ${n}, created by the up, still exists after the down` });
  return ctx.out;
}

/** Ops that name an existing column of a table: the column was there before the up. */
function touchedColumn(op: Operation): { table: QualifiedName; column: string } | undefined {
  switch (op.kind) {
    case 'rename-column':
    case 'drop-column':
    case 'alter-column-type':
    case 'set-not-null':
    case 'drop-not-null':
    case 'set-default':
    case 'drop-default':
    case 'modify-column':
      return { table: op.table, column: op.column };
    default:
      return undefined;
  }
}

/**
 * The history before the up may be incomplete (one file linted alone, a baseline the directory
 * does not hold): tables and columns the up drops or renames surely existed, so they are added to
 * the starting schema with unknown attributes (only their presence is compared afterwards).
 */
function seedUnknown(before: Catalog, up: readonly Statement[]): { start: Catalog; seeded: Set<string> } {
  const seeded = new Set<string>();
  // Planned on the read-only schema; copied only when something must be added (most files: nothing).
  const tables: QualifiedName[] = [];
  const columns: Array<{ table: QualifiedName; column: string }> = [];
  const addedByUp = new Set<string>();
  const createdByUp = new Set<string>();
  for (const op of up.flatMap((st) => st.ops)) {
    if (op.kind === 'create-table') createdByUp.add(lc(op.table.name));
    if (op.kind === 'add-column') addedByUp.add(`${lc(op.table.name)}.${op.column.name}`);
    if (op.kind === 'drop-table' || op.kind === 'rename-table') {
      for (const q of op.kind === 'drop-table' ? op.tables : [op.table]) {
        if (createdByUp.has(lc(q.name)) || before.table(q) || before.view(q) || (op.kind === 'drop-table' && op.ifExists)) continue;
        tables.push(q);
      }
    }
    const touched = touchedColumn(op);
    if (!touched || createdByUp.has(lc(touched.table.name)) || addedByUp.has(`${lc(touched.table.name)}.${touched.column}`)) continue;
    if ('ifExists' in op && op.ifExists) continue;
    const t = before.table(touched.table);
    if (t && (t.columns.has(touched.column) || (t.columnsComplete && !t.placeholder))) continue;
    columns.push(touched);
  }
  if (tables.length === 0 && columns.length === 0) return { start: before, seeded };
  const start = before.clone();
  for (const q of tables) start.seedColumn(q, undefined);
  for (const { table, column } of columns) if (start.seedColumn(table, column)) seeded.add(`${table.name}.${column}`);
  return { start, seeded };
}

/**
 * The up creates something the replayed history already has (a migration edited after it ran,
 * objects created by hand): it could not run on this schema, so its rollback is not judged.
 * `schema` is the replay just before the statement.
 */
function impossibleStep(schema: Catalog, st: Statement): string | undefined {
  for (const op of st.ops) {
    if (op.kind === 'add-column' && !op.ifNotExists && schema.columnSurelyExists(op.table, op.column.name)) return `the up adds ${op.table.name}.${op.column.name}, which the history already has`;
    if (op.kind === 'create-table' && !op.ifNotExists && !op.temporary && schema.tableExists(op.table) === 'exists' && !schema.table(op.table)?.placeholder) return `the up creates ${op.table.name}, which the history already has`;
  }
  return undefined;
}

/** Lower-case names of the objects and columns an operation names. */
function namesOf(op: Operation): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') out.add(v.toLowerCase());
    else if (v && typeof v === 'object' && 'name' in v && typeof (v as { name: unknown }).name === 'string') out.add((v as { name: string }).name.toLowerCase());
  };
  for (const [k, v] of Object.entries(op)) {
    if (k === 'kind' || k === 'range' || k === 'statementType') continue;
    if (Array.isArray(v)) v.forEach(add);
    else add(v);
  }
  return out;
}

/** Does the statement operate on the difference's object (and column, when given)? */
export function statementTouches(st: Statement, d: RevertDifference): boolean {
  return st.ops.some((op) => {
    const names = namesOf(op);
    return names.has(d.object.toLowerCase()) && (!d.column || names.has(d.column.toLowerCase()));
  });
}

/**
 * Replays the up, then the rollback (groups of statements in the order the tool rolls them back),
 * on a copy of the schema before the up, and compares. Nothing is claimed when a statement cannot
 * be followed (DO blocks or functions doing DDL, dynamic SQL, statements that do not parse).
 */
export function checkRevert(before: Catalog, up: readonly Statement[], downGroups: readonly (readonly Statement[])[], engine: Engine): RevertVerdict {
  // A statement that does not parse is reported by the parser or `down-migration-invalid`: no guess on top.
  const broken = [...up, ...downGroups.flat()].find((st) => st.kind === 'unparsed' && st.error && !st.error.recovered);
  if (broken) return { kind: 'skipped', reason: 'a statement does not parse' };
  const { start, seeded } = seedUnknown(before, up);
  const replay = start.clone();
  let unsure: { reason: string; statement: Statement } | undefined;
  const run = (statements: readonly Statement[], isUp: boolean): string | undefined => {
    replay.beginFile();
    for (const st of statements) {
      const conflict = isUp ? impossibleStep(replay, st) : undefined;
      if (conflict) return conflict;
      const reason = uncertainty(st, replay.state);
      if (reason && !unsure) unsure = { reason, statement: st };
      replay.applyStatement(st, 'file');
    }
    return undefined;
  };
  const conflict = run(up, true);
  if (conflict) return { kind: 'skipped', reason: conflict };
  for (const group of downGroups) run(group, false);
  const differences = compareCatalogs(start.state, replay.state, up.flatMap((st) => st.ops), engine, seeded, downGroups.flat().flatMap((st) => st.ops));
  if (unsure) return { kind: 'unknown', ...unsure, differences };
  return differences.length ? { kind: 'differs', differences } : { kind: 'reverts' };
}
