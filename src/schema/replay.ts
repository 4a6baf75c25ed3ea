import type { ColumnSpec, ConstraintSpec, Operation, OperationOf, QualifiedName } from '../core/operations.js';
import type { Statement } from '../core/statement.js';
import type { Engine } from '../core/types.js';
import {
  columnInfoFromSpec,
  type ConstraintInfo,
  type EnumInfo,
  type Existence,
  type IndexInfo,
  type Origin,
  type SchemaView,
  type TableInfo,
  type ViewInfo,
} from './catalog.js';
import { copyEnum, copyFlat, copyTable, shareState } from './clone-state.js';
import { statementGap, type DdlFunctions, type Gap } from './gaps.js';
import { chooseName, columnsPart, constraintLabel } from './names.js';
import { CHARACTER_TYPES } from '../engines/mysql/charsets.js';
import { parseSearchPath } from './search-path.js';

/** Everything the catalog knows; plain data (Maps and Sets) so it can be cloned and cached. */
export interface CatalogState {
  complete: boolean;
  /** A table was created somewhere in the history (before that, a missing table means the history starts mid-way). */
  sawCreate: boolean;
  /** The history touched a table it never created before creating any: it starts from a baseline we do not have. */
  startedMidway: boolean;
  defaultSearchPath: string[];
  searchPath: string[];
  schemas: Set<string>;
  tables: Map<string, TableInfo>;
  views: Map<string, ViewInfo>;
  indexes: Map<string, IndexInfo>;
  enums: Map<string, EnumInfo>;
  /** Other relations (sequences) and types (composite, domain, range), by key. */
  sequences: Set<string>;
  types: Set<string>;
  functions: DdlFunctions;
  /** Words mentioned by code the catalog could not follow; 'all' after SQL built at run time. */
  gapNames: Set<string>;
  gapAll: boolean;
  /** Gaps met in the file being replayed (reset per file). */
  gapsInFile: number;
  /**
   * The file is MySQL/MariaDB. Column names then match case-insensitively ("Column names ... are
   * not case-sensitive", Reference Manual §11.2.3; table names stay case-sensitive, as with
   * lower_case_table_names=0, the default on Linux), and ALTER TABLE subcommands are replayed in
   * statement order (see inExecutionOrder).
   */
  mysqlFamily?: boolean;
}

const TEMP_SCHEMA = 'pg_temp';

/** The state's maps and sets, which copies share until one side changes them (`Catalog.mut`). */
const CONTAINER_KEYS = ['schemas', 'tables', 'views', 'indexes', 'enums', 'sequences', 'types', 'functions', 'gapNames'] as const;
type ContainerKey = (typeof CONTAINER_KEYS)[number];
/** The maps of objects a catalog changes in place (`Catalog.writable`). */
interface ObjectMaps {
  tables: TableInfo;
  views: ViewInfo;
  indexes: IndexInfo;
  enums: EnumInfo;
}

/**
 * A mutable catalog that replays statements in migration order. `complete` says whether the
 * whole history was replayed; with only the current file, unknown tables are simply "before".
 */
export class Catalog implements SchemaView {
  private s: CatalogState;
  /**
   * Tables, indexes, views and enums this catalog alone holds, so it may change them in place.
   * Why: `clone` shares every object with the copy instead of copying it (see clone-state.ts);
   * a shared one is copied on its first change (`writable`).
   */
  private owned = new WeakSet<object>();
  /** The same for the state's maps and sets (`mut`): a copy shares them until one side changes one. */
  private ownedContainers = new WeakSet<object>();
  /**
   * Keys of the tables written since the last `relabel` (every table write goes through
   * `writableTable` or `setTable`): only they can hold objects with the origin being relabelled.
   * Why: relabel ran after every linted file and visited every column of every table, a quarter
   * of a 4,000-file directory with 1,000 tables.
   */
  private touchedTables = new Set<string>();

  constructor(complete = false, defaultSchema = 'public', state?: CatalogState) {
    this.s = state ?? {
      complete,
      sawCreate: false,
      startedMidway: false,
      defaultSearchPath: [defaultSchema],
      searchPath: [defaultSchema],
      schemas: new Set(['public', defaultSchema, 'pg_catalog', TEMP_SCHEMA]),
      tables: new Map(),
      views: new Map(),
      indexes: new Map(),
      enums: new Map(),
      sequences: new Set(),
      types: new Set(),
      functions: new Map(),
      gapNames: new Set(),
      gapAll: false,
      gapsInFile: 0,
    };
    // A new catalog's containers are its own; a copy's are shared until changed.
    if (!state) for (const k of CONTAINER_KEYS) this.ownedContainers.add(this.s[k]);
  }

  get complete(): boolean {
    return this.s.complete;
  }

  set complete(value: boolean) {
    this.s.complete = value;
  }

  get searchPath(): readonly string[] {
    return this.s.searchPath;
  }

  /** The number of statements of the current file the catalog could not follow so far. */
  get gapsInFile(): number {
    return this.s.gapsInFile;
  }

  /** The state, for caching (treat as read-only). */
  get state(): CatalogState {
    return this.s;
  }

  // ---- lookups -------------------------------------------------------------------------------

  private key(schema: string, name: string): string {
    return `${schema}.${name}`;
  }

  /** The schema a new object goes to: its own, else the first usable `search_path` entry. */
  private creationSchema(q: QualifiedName, temporary = false): string {
    if (temporary) return TEMP_SCHEMA;
    return q.schema ?? this.s.searchPath.find((p) => p !== '$user') ?? 'public';
  }

  /** Schemas an unqualified relation name is searched in, in order (temporary tables first). */
  private lookupSchemas(q: QualifiedName): readonly string[] {
    if (q.schema) return [q.schema === 'pg_temp' ? TEMP_SCHEMA : q.schema];
    // Built once per search_path (every unqualified lookup asks; the array is replaced, never changed, when it changes).
    if (this.unqualifiedFor !== this.s.searchPath) {
      this.unqualifiedFor = this.s.searchPath;
      this.unqualified = [TEMP_SCHEMA, ...this.s.searchPath.filter((p) => p !== '$user'), 'pg_catalog'];
    }
    return this.unqualified;
  }

  private unqualifiedFor: readonly string[] | undefined;
  private unqualified: readonly string[] = [];

  private find<T>(map: Map<string, T>, q: QualifiedName): [string, T] | undefined {
    for (const schema of this.lookupSchemas(q)) {
      const k = this.key(schema, q.name);
      const v = map.get(k);
      if (v) return [k, v];
    }
    return undefined;
  }

  resolve(q: QualifiedName): { schema: string; name: string } {
    const found = this.find(this.s.tables, q) ?? this.find(this.s.views, q) ?? this.find(this.s.indexes, q);
    return { schema: found ? found[0].slice(0, found[0].length - q.name.length - 1) : this.creationSchema(q), name: q.name };
  }

  table(name: QualifiedName): TableInfo | undefined {
    return this.find(this.s.tables, name)?.[1];
  }

  column(table: QualifiedName, column: string) {
    const t = this.table(table);
    return t?.columns.get(this.columnName(t, column));
  }

  /** The spelling `name` is stored under on `t`: itself, or on MySQL/MariaDB the column that matches ignoring case. */
  private columnName(t: TableInfo | undefined, name: string): string {
    if (!this.s.mysqlFamily || !t || t.columns.has(name)) return name;
    const lower = name.toLowerCase();
    for (const k of t.columns.keys()) if (k.toLowerCase() === lower) return k;
    return name;
  }

  /** The operation with its column names spelled as stored (MySQL/MariaDB fold case), so replay matches them. */
  private spelled(op: Operation): Operation {
    if (!this.s.mysqlFamily || !('table' in op) || !op.table) return op;
    const t = this.table(op.table as QualifiedName);
    if (!t) return op;
    const c = (name: string) => this.columnName(t, name);
    switch (op.kind) {
      case 'drop-column': case 'rename-column': case 'modify-column': case 'alter-column-type':
      case 'set-not-null': case 'drop-not-null': case 'set-default': case 'drop-default':
        return { ...op, column: c(op.column) };
      case 'add-constraint':
        return { ...op, constraint: { ...op.constraint, columns: op.constraint.columns.map(c) } };
      case 'create-index':
        return { ...op, columns: op.columns.map(c) };
      default:
        return op;
    }
  }

  index(name: QualifiedName): IndexInfo | undefined {
    return this.find(this.s.indexes, name)?.[1];
  }

  constraint(table: QualifiedName, name: string): ConstraintInfo | undefined {
    return this.table(table)?.constraints.get(name);
  }

  indexesOf(table: QualifiedName): IndexInfo[] {
    const found = this.find(this.s.tables, table);
    if (!found) return [];
    return [...this.s.indexes.values()].filter((i) => i.table === found[0]);
  }

  enumType(name: QualifiedName): EnumInfo | undefined {
    return this.find(this.s.enums, name)?.[1];
  }

  view(name: QualifiedName): ViewInfo | undefined {
    return this.find(this.s.views, name)?.[1];
  }

  hasSchema(name: string): boolean {
    return this.s.schemas.has(name);
  }

  isNewTable(name: QualifiedName): boolean {
    const t = this.table(name);
    return !!t && t.origin !== 'before';
  }

  isNewColumn(table: QualifiedName, column: string): boolean {
    const c = this.column(table, column);
    return this.isNewTable(table) || (!!c && c.origin !== 'before');
  }

  hasValidatedNotNullCheck(table: QualifiedName, column: string): boolean {
    const t = this.table(table);
    if (!t) return false;
    for (const c of t.constraints.values()) {
      if (c.type === 'check' && c.validated && c.checksNotNullOf === column) return true;
    }
    return false;
  }

  /** The gap this statement would open (without replaying it): for the once-per-file note. */
  gapOf(st: Statement): Gap | undefined {
    return statementGap(st, this.s.functions);
  }

  // ---- existence (for unknown-object) --------------------------------------------------------

  /** Could something the replay cannot see have created or changed an object with these names? */
  private uncertain(...names: string[]): boolean {
    return !this.s.complete || !this.s.sawCreate || this.s.startedMidway || this.s.gapAll || names.some((n) => this.s.gapNames.has(n));
  }

  /** A qualified name in a schema the history never creates belongs to someone else (an extension, the platform). */
  private foreignSchema(q: QualifiedName): boolean {
    return !!q.schema && !this.s.schemas.has(q.schema);
  }

  private relationExists(q: QualifiedName): boolean {
    return !!(this.find(this.s.tables, q) || this.find(this.s.views, q) || this.lookupSchemas(q).some((s) => this.s.sequences.has(this.key(s, q.name))));
  }

  tableExists(name: QualifiedName): Existence {
    if (this.relationExists(name)) return 'exists';
    if (this.uncertain(name.name) || this.foreignSchema(name)) return 'unknown';
    return 'missing';
  }

  columnExists(table: QualifiedName, column: string): Existence {
    const t = this.table(table);
    if (!t) return 'unknown';
    if (t.columns.has(this.columnName(t, column))) return 'exists';
    if (t.placeholder || !t.columnsComplete || this.uncertain(column, t.name)) return 'unknown';
    return 'missing';
  }

  columnSurelyExists(table: QualifiedName, column: string): boolean {
    const t = this.table(table);
    return !!t && t.columns.has(this.columnName(t, column)) && !t.placeholder && !this.uncertain(column, t.name);
  }

  indexExists(name: QualifiedName): Existence {
    if (this.index(name)) return 'exists';
    if (this.uncertain(name.name) || this.foreignSchema(name)) return 'unknown';
    // Tables whose index names the replay may not know (LIKE ... INCLUDING INDEXES, partitions, placeholders).
    for (const t of this.s.tables.values()) {
      if ((t.placeholder || !t.constraintsComplete) && name.name.startsWith(t.name)) return 'unknown';
    }
    return 'missing';
  }

  constraintExists(table: QualifiedName, name: string): Existence {
    const t = this.table(table);
    if (!t) return 'unknown';
    if (t.constraints.has(name)) return 'exists';
    // PostgreSQL 18 names NOT NULL constraints `<table>_<column>_not_null` without listing them anywhere we replay.
    if (t.placeholder || !t.constraintsComplete || name.endsWith('_not_null') || this.uncertain(name, t.name)) return 'unknown';
    return 'missing';
  }

  // ---- replay --------------------------------------------------------------------------------

  /**
   * An independent copy, so a file can be linted twice (--fix passes) from the same starting
   * schema. Copy-on-write: both catalogs share the objects, and neither owns them any more.
   */
  clone(): Catalog {
    this.owned = new WeakSet();
    this.ownedContainers = new WeakSet();
    const copy = new Catalog(this.s.complete, undefined, shareState(this.s));
    copy.touchedTables = new Set(this.touchedTables);
    return copy;
  }

  /** The object under `key`, copied first when another catalog may hold it too. Every in-place change goes through here. */
  private writable<K extends keyof ObjectMaps>(container: K, key: string, copy: (v: ObjectMaps[K]) => ObjectMaps[K]): ObjectMaps[K] {
    const map = this.mut(container) as Map<string, ObjectMaps[K]>;
    const v = map.get(key)!;
    if (this.owned.has(v)) return v;
    const mine = copy(v);
    map.set(key, mine);
    this.owned.add(mine);
    return mine;
  }

  /**
   * The state's map or set under `k`, copied first when another catalog may hold it too. Every
   * change to a container goes through here (the objects in it through `writable`).
   */
  private mut<K extends ContainerKey>(k: K): CatalogState[K] {
    const c = this.s[k];
    if (this.ownedContainers.has(c)) return c;
    const mine = (c instanceof Map ? new Map(c) : new Set(c as Set<string>)) as CatalogState[K];
    this.s[k] = mine;
    this.ownedContainers.add(mine);
    return mine;
  }

  private writableTable(key: string): TableInfo {
    this.touchedTables.add(key);
    return this.writable('tables', key, copyTable);
  }

  /** Puts a table under `key` (new, or moved there). */
  private setTable(key: string, t: TableInfo): void {
    this.touchedTables.add(key);
    this.mut('tables').set(key, t);
  }

  /** Adds a new object this catalog created (so it owns it). */
  private created<T extends object>(v: T): T {
    this.owned.add(v);
    return v;
  }

  /**
   * For a rollback check on an incomplete history: the table (a placeholder when unknown) with the
   * column added with unknown attributes. Returns false when the column was there already.
   */
  seedColumn(q: QualifiedName, column: string | undefined): boolean {
    const { schema, name } = this.resolve(q);
    const key = this.key(schema, name);
    if (!this.s.tables.has(key)) {
      this.setTable(key, this.created({ schema, name, columns: new Map(), constraints: new Map(), origin: 'before', partitioned: false, placeholder: true, columnsComplete: false, constraintsComplete: false }));
    }
    if (column === undefined || this.s.tables.get(key)!.columns.has(column)) return false;
    this.writableTable(key).columns.set(column, { name: column, notNull: false, hasDefault: false, identity: false, origin: 'before' });
    return true;
  }

  /** Starts a new migration file: the session's search_path and the per-file gap count reset. */
  beginFile(engine?: Engine): void {
    if (engine) this.s.mysqlFamily = engine !== 'postgres';
    this.s.searchPath = [...this.s.defaultSearchPath];
    this.s.gapsInFile = 0;
  }

  /** Relabels every object labelled `from` as `to`, wherever it is in the schema. */
  relabel(from: Origin, to: Origin): void {
    this.relabelIn(this.s.tables.keys(), from, to);
  }

  /**
   * After a file was linted, the objects it created or changed stop being "this file": they are
   * `to` for the next file. Only the tables written since the last call can hold such objects
   * (origin 'file' is given only while the file is replayed), so only they are visited.
   */
  endFile(to: Origin): void {
    const touched = this.touchedTables;
    this.touchedTables = new Set();
    this.relabelIn(touched, 'file', to);
  }

  private relabelIn(tableKeys: Iterable<string>, from: Origin, to: Origin): void {
    const fix = (o: { origin: Origin }) => {
      if (o.origin === from) o.origin = to;
    };
    const has = (m: Map<string, { origin: Origin }>) => {
      for (const o of m.values()) if (o.origin === from) return true;
      return false;
    };
    for (const k of tableKeys) {
      const t = this.s.tables.get(k);
      if (!t || (t.origin !== from && !has(t.columns) && !has(t.constraints))) continue;
      // Not writableTable: relabelling is not a change the next endFile needs to visit.
      const w = this.writable('tables', k, copyTable);
      fix(w);
      w.columns.forEach(fix);
      w.constraints.forEach(fix);
    }
    for (const [k, i] of this.s.indexes) if (i.origin === from) fix(this.writable('indexes', k, copyFlat));
    for (const [k, v] of this.s.views) if (v.origin === from) fix(this.writable('views', k, copyFlat));
    for (const [k, e] of this.s.enums) if (e.origin === from) fix(this.writable('enums', k, copyEnum));
  }

  /** Replays one statement: search_path changes, code the catalog cannot follow, then its operations. */
  applyStatement(st: Statement, origin: Origin): void {
    const gap = statementGap(st, this.s.functions, (name, effect) => {
      const functions = this.mut('functions');
      if (effect) functions.set(name, effect);
      else functions.delete(name);
    });
    if (gap) {
      this.s.gapsInFile++;
      if (gap.names === 'all') this.s.gapAll = true;
      else for (const n of gap.names) this.mut('gapNames').add(n);
      return;
    }
    const path = parseSearchPath(st);
    if (path) this.s.searchPath = path === 'default' ? [...this.s.defaultSearchPath] : path;
    for (const op of this.s.mysqlFamily ? st.ops : inExecutionOrder(st.ops)) this.apply(op, origin);
  }

  /**
   * The table, or a placeholder for one that existed before the replayed history (a single file
   * linted alone, a history that starts mid-way), so later facts about it are still tracked.
   */
  private known(name: QualifiedName): TableInfo {
    const found = this.find(this.s.tables, name);
    // Every caller changes the table: this catalog's own copy.
    if (found) return this.writableTable(found[0]);
    this.noteMissing(name);
    const schema = name.schema ?? this.creationSchema(name);
    const t: TableInfo = this.created({ schema, name: name.name, columns: new Map(), constraints: new Map(), origin: 'before', partitioned: false, placeholder: true, columnsComplete: false, constraintsComplete: false });
    this.setTable(this.key(schema, name.name), t);
    return t;
  }

  /** A table referenced before the history created any table: the history starts from a baseline we do not have. */
  private noteMissing(name: QualifiedName): void {
    if (!this.s.sawCreate && !this.foreignSchema(name)) this.s.startedMidway = true;
  }

  /** Is a constraint or relation name taken in this schema (PostgreSQL picks the next free one)? */
  private nameTaken(schema: string, name: string): boolean {
    const k = this.key(schema, name);
    if (this.s.indexes.has(k) || this.s.tables.has(k) || this.s.views.has(k) || this.s.sequences.has(k)) return true;
    for (const t of this.s.tables.values()) if (t.schema === schema && t.constraints.has(name)) return true;
    return false;
  }

  private addConstraint(t: TableInfo, spec: ConstraintSpec, origin: Origin, defaultColumns = spec.columns): ConstraintInfo {
    const label = constraintLabel(spec.type);
    let name = spec.name;
    if (!name) {
      // PRIMARY KEY: `<table>_pkey`; CHECK: `<table>_<col>_check` when it reads exactly one column, else `<table>_check`.
      const cols = spec.type === 'primary-key' ? [] : spec.type === 'check' ? (spec.exprColumns?.length === 1 ? spec.exprColumns : spec.exprColumns ? [] : defaultColumns.slice(0, 1)) : defaultColumns;
      name = chooseName(t.name, columnsPart(cols), label, (n) => this.nameTaken(t.schema, n));
    }
    const con: ConstraintInfo = {
      name,
      type: spec.type,
      columns: spec.columns,
      validated: !spec.notValid,
      checksNotNullOf: spec.checksNotNullOf,
      expression: spec.expression,
      references: spec.references,
      origin,
    };
    t.constraints.set(name, con);
    if (spec.type === 'primary-key' || spec.type === 'unique' || spec.type === 'exclusion') {
      const existing = spec.usingIndex ? this.find(this.s.indexes, { schema: t.schema, name: spec.usingIndex }) : undefined;
      if (existing) {
        // ADD CONSTRAINT ... USING INDEX renames the index to the constraint's name.
        this.mut('indexes').delete(existing[0]);
        this.mut('indexes').set(this.key(t.schema, name), { ...existing[1], name, constraint: name, unique: true });
      } else {
        this.mut('indexes').set(this.key(t.schema, name), { name, schema: t.schema, table: this.key(t.schema, t.name), unique: spec.type !== 'exclusion', partial: false, valid: true, columns: spec.columns, constraint: name, origin });
      }
    }
    if ((spec.type === 'primary-key' || spec.type === 'not-null') && !spec.notValid) {
      for (const col of spec.columns) {
        const c = t.columns.get(this.columnName(t, col));
        if (c) c.notNull = true;
      }
    }
    return con;
  }

  private addColumn(t: TableInfo, spec: ColumnSpec, origin: Origin): void {
    t.columns.set(spec.name, columnInfoFromSpec(spec, origin));
    for (const con of spec.constraints ?? []) this.addConstraint(t, con, origin, [spec.name]);
    // MySQL writes inline keys as column attributes (`id INT PRIMARY KEY`, `email ... UNIQUE`):
    // the key is named PRIMARY, a unique index after its column.
    if (this.s.mysqlFamily && !spec.constraints?.length) {
      if (spec.primaryKey) this.addConstraint(t, { name: 'PRIMARY', type: 'primary-key', columns: [spec.name], notValid: false }, origin);
      else if (spec.unique) this.addConstraint(t, { name: spec.name, type: 'unique', columns: [spec.name], notValid: false }, origin);
    }
  }

  private createTable(op: OperationOf<'create-table'>, origin: Origin): void {
    const schema = this.creationSchema(op.table, op.temporary);
    const k = this.key(schema, op.table.name);
    this.s.sawCreate = true;
    if (op.ifNotExists && this.s.tables.has(k)) return;
    const t: TableInfo = this.created({
      schema,
      name: op.table.name,
      columns: new Map(),
      constraints: new Map(),
      origin,
      partitioned: op.partitioned,
      temporary: op.temporary || undefined,
      columnsComplete: !op.asSelect,
      constraintsComplete: !op.inherits?.length && !op.partitionOf && !op.like?.length,
      ...(op.charset ? { charset: op.charset } : {}),
    });
    // Inherited and partition columns come first, as in PostgreSQL; LIKE copies columns where it is written (approximated: first).
    for (const source of [...(op.partitionOf ? [op.partitionOf] : []), ...(op.inherits ?? []), ...(op.like ?? [])]) {
      const parent = this.table(source);
      if (!parent || !parent.columnsComplete) t.columnsComplete = false;
      for (const c of parent?.columns.values() ?? []) t.columns.set(c.name, { ...c, origin });
    }
    this.setTable(k, t);
    for (const col of op.columns) this.addColumn(t, col, origin);
    for (const con of op.constraints) this.addConstraint(t, con, origin);
  }

  private moveTable(fromKey: string, schema: string, name: string): void {
    const t = this.writableTable(fromKey);
    this.mut('tables').delete(fromKey);
    const toKey = this.key(schema, name);
    for (const [ik, old] of [...this.s.indexes]) {
      if (old.table !== fromKey) continue;
      const i = this.writable('indexes', ik, copyFlat);
      i.table = toKey;
      if (schema !== t.schema) {
        this.mut('indexes').delete(ik);
        i.schema = schema;
        this.mut('indexes').set(this.key(schema, i.name), i);
      }
    }
    t.schema = schema;
    t.name = name;
    this.setTable(toKey, t);
  }

  private dropTable(key: string): void {
    this.mut('tables').delete(key);
    for (const [ik, i] of [...this.s.indexes]) if (i.table === key) this.mut('indexes').delete(ik);
  }

  /** Applies one operation. Unknown tables get placeholders here; `unknown-object` reports them. */
  apply(operation: Operation, origin: Origin): void {
    const op = this.spelled(operation);
    switch (op.kind) {
      case 'create-table':
        return this.createTable(op, origin);
      case 'drop-table':
        for (const name of op.tables) {
          const found = this.find(this.s.tables, name);
          if (found) this.dropTable(found[0]);
          else if (!this.find(this.s.views, name)) this.noteMissing(name);
        }
        return;
      case 'rename-table': {
        const found = this.find(this.s.tables, op.table);
        if (found) return this.moveTable(found[0], found[1].schema, op.newName);
        // ALTER TABLE also renames views, sequences and indexes.
        const view = this.find(this.s.views, op.table);
        if (view) {
          const v = this.writable('views', view[0], copyFlat);
          this.mut('views').delete(view[0]);
          v.name = op.newName;
          this.mut('views').set(this.key(v.schema, op.newName), v);
          return;
        }
        const idx = this.find(this.s.indexes, op.table);
        if (idx) return this.renameIndex(idx[0], op.newName);
        this.noteMissing(op.table);
        return;
      }
      case 'set-schema': {
        const found = this.find(this.s.tables, op.table);
        if (found) this.moveTable(found[0], op.newSchema, found[1].name);
        return;
      }
      case 'add-column': {
        const t = this.known(op.table);
        if (!(op.ifNotExists && t.columns.has(this.columnName(t, op.column.name)))) this.addColumn(t, op.column, origin);
        return;
      }
      case 'drop-column': {
        const t = this.known(op.table);
        t.columns.delete(op.column);
        // Indexes and table constraints involving the column go with it.
        for (const [n, c] of [...t.constraints]) if (c.columns.includes(op.column) || c.checksNotNullOf === op.column) t.constraints.delete(n);
        const tk = this.key(t.schema, t.name);
        for (const [ik, i] of [...this.s.indexes]) if (i.table === tk && i.columns.includes(op.column)) this.mut('indexes').delete(ik);
        return;
      }
      case 'rename-column': {
        const t = this.known(op.table);
        const c = t.columns.get(op.column);
        if (c) {
          t.columns.delete(op.column);
          c.name = op.newName;
          t.columns.set(op.newName, c);
        }
        const rename = (cols: string[]) => cols.map((x) => (x === op.column ? op.newName : x));
        for (const con of t.constraints.values()) {
          con.columns = rename(con.columns);
          if (con.checksNotNullOf === op.column) con.checksNotNullOf = op.newName;
        }
        const tk = this.key(t.schema, t.name);
        for (const [ik, i] of this.s.indexes) if (i.table === tk && i.columns.includes(op.column)) this.writable('indexes', ik, copyFlat).columns = rename(i.columns);
        return;
      }
      case 'modify-column': {
        // MySQL MODIFY/CHANGE redefines the whole column (and may rename it).
        const t = this.known(op.table);
        const prev = t.columns.get(op.column);
        const next = columnInfoFromSpec(op.definition, prev?.origin ?? (t.origin === 'before' ? 'before' : origin));
        if (!op.definition.type && prev) next.type = prev.type;
        if (op.definition.name !== op.column) t.columns.delete(op.column);
        t.columns.set(op.definition.name, next);
        return;
      }
      case 'alter-column-type': {
        const c = this.known(op.table).columns.get(op.column);
        if (c) c.type = op.type;
        return;
      }
      case 'set-not-null':
      case 'drop-not-null': {
        const c = this.known(op.table).columns.get(op.column);
        if (c) c.notNull = op.kind === 'set-not-null';
        return;
      }
      case 'set-default':
      case 'drop-default': {
        const c = this.known(op.table).columns.get(op.column);
        if (!c) return;
        c.hasDefault = op.kind === 'set-default' && !op.default.isNull;
        c.default = c.hasDefault && op.kind === 'set-default' ? op.default.text : undefined;
        return;
      }
      case 'add-constraint':
        this.addConstraint(this.known(op.table), op.constraint, origin);
        return;
      case 'validate-constraint': {
        const t = this.known(op.table);
        const c = t.constraints.get(op.name);
        if (!c) return;
        c.validated = true;
        if (c.type === 'not-null') for (const col of c.columns) if (t.columns.get(col)) t.columns.get(col)!.notNull = true;
        return;
      }
      case 'drop-constraint': {
        const t = this.known(op.table);
        t.constraints.delete(op.name);
        const idx = this.s.indexes.get(this.key(t.schema, op.name));
        if (idx?.constraint === op.name) this.mut('indexes').delete(this.key(t.schema, op.name));
        return;
      }
      case 'rename-constraint': {
        const t = this.known(op.table);
        const c = t.constraints.get(op.name);
        if (!c) return;
        t.constraints.delete(op.name);
        c.name = op.newName;
        t.constraints.set(op.newName, c);
        const ik = this.key(t.schema, op.name);
        const idx = this.s.indexes.get(ik);
        if (idx?.constraint === op.name) this.renameIndex(ik, op.newName);
        return;
      }
      case 'create-index': {
        const found = this.find(this.s.tables, op.table);
        if (!found) this.noteMissing(op.table);
        const t = found?.[1];
        const schema = t?.schema ?? this.creationSchema(op.table);
        const name = op.name ?? chooseName(op.table.name, columnsPart(op.columns), 'idx', (n) => this.nameTaken(schema, n));
        const k = this.key(schema, name);
        if (op.ifNotExists && this.s.indexes.has(k)) return;
        this.mut('indexes').set(k, {
          name,
          schema,
          table: found?.[0] ?? this.key(schema, op.table.name),
          unique: op.unique,
          partial: op.partial,
          predicate: op.predicate,
          valid: !(op.only && t?.partitioned),
          columns: op.columns,
          origin,
        });
        return;
      }
      case 'drop-index':
        for (const i of op.indexes) {
          const found = this.find(this.s.indexes, i);
          if (found) this.mut('indexes').delete(found[0]);
        }
        return;
      case 'rename-index': {
        const found = this.find(this.s.indexes, op.index);
        if (found) this.renameIndex(found[0], op.newName);
        return;
      }
      case 'alter-table': {
        if (op.subtype === 'set-charset' || op.subtype === 'convert-charset') return this.setTableCharset(op);
        const found = op.detail ? this.find(this.s.tables, op.table) : undefined;
        if (!found?.[1].columns.has(op.detail!)) return;
        const c = this.writableTable(found[0]).columns.get(op.detail!)!;
        if (op.subtype === 'add-identity') c.identity = c.notNull = true;
        else if (op.subtype === 'drop-identity') c.identity = false;
        else if (op.subtype === 'drop-expression') c.generated = undefined;
        return;
      }
      case 'create-view': {
        const schema = this.creationSchema(op.view);
        this.mut('views').set(this.key(schema, op.view.name), { schema, name: op.view.name, materialized: op.materialized, origin });
        return;
      }
      case 'drop-view':
        for (const v of op.views) {
          const found = this.find(this.s.views, v);
          if (found) this.mut('views').delete(found[0]);
        }
        return;
      case 'create-enum': {
        const schema = this.creationSchema(op.type);
        this.mut('enums').set(this.key(schema, op.type.name), { schema, name: op.type.name, values: [...op.values], origin });
        return;
      }
      case 'add-enum-value': {
        const found = this.find(this.s.enums, op.type);
        // BEFORE/AFTER placement is not in the operation; the value is appended (order rarely matters to rules).
        if (found && !found[1].values.includes(op.value)) this.writable('enums', found[0], copyEnum).values.push(op.value);
        return;
      }
      case 'rename-enum-value': {
        const found = this.find(this.s.enums, op.type);
        if (found) {
          const e = this.writable('enums', found[0], copyEnum);
          e.values = e.values.map((v) => (v === op.value ? op.newValue : v));
        }
        return;
      }
      case 'create-type':
      case 'create-domain': {
        const q = op.kind === 'create-type' ? op.type : op.domain;
        this.mut('types').add(this.key(this.creationSchema(q), q.name));
        return;
      }
      case 'drop-type':
        for (const q of op.types) {
          const e = this.find(this.s.enums, q);
          if (e) this.mut('enums').delete(e[0]);
          for (const s of this.lookupSchemas(q)) this.mut('types').delete(this.key(s, q.name));
        }
        return;
      case 'create-schema':
        if (op.name) this.mut('schemas').add(op.name);
        return;
      case 'drop-schema':
        for (const name of op.names) {
          this.mut('schemas').delete(name);
          for (const map of [this.s.tables, this.s.views, this.s.indexes, this.s.enums] as Map<string, unknown>[]) {
            for (const k of [...map.keys()]) if (k.startsWith(`${name}.`)) map.delete(k);
          }
        }
        return;
      case 'create-sequence':
        this.mut('sequences').add(this.key(this.creationSchema(op.name), op.name.name));
        return;
      case 'drop-sequence':
        for (const s of this.lookupSchemas(op.name)) this.mut('sequences').delete(this.key(s, op.name.name));
        return;
      default:
        return;
    }
  }

  /**
   * MySQL `DEFAULT CHARACTER SET x` changes the default for columns defined later; `CONVERT TO
   * CHARACTER SET x` also converts every character column to x.
   */
  private setTableCharset(op: OperationOf<'alter-table'>): void {
    const found = this.find(this.s.tables, op.table);
    if (!found || !op.detail) return;
    const t = this.writableTable(found[0]);
    t.charset = op.detail;
    if (op.subtype !== 'convert-charset') return;
    for (const c of t.columns.values()) {
      if (!c.type || !CHARACTER_TYPES.has(c.type.name.toLowerCase())) continue;
      c.charset = op.detail;
      c.collate = undefined;
    }
  }

  private renameIndex(key: string, newName: string): void {
    const idx = this.writable('indexes', key, copyFlat);
    this.mut('indexes').delete(key);
    // Renaming a constraint's index renames the constraint too (and the other way round).
    const t = this.s.tables.get(idx.table);
    if (idx.constraint && t) {
      if (t.constraints.has(idx.constraint)) {
        const own = this.writableTable(idx.table);
        const con = own.constraints.get(idx.constraint)!;
        own.constraints.delete(idx.constraint);
        con.name = newName;
        own.constraints.set(newName, con);
      }
      idx.constraint = newName;
    }
    idx.name = newName;
    this.mut('indexes').set(this.key(idx.schema, newName), idx);
  }
}

/**
 * An ALTER TABLE's subcommands in the order the server runs them: PostgreSQL executes every DROP
 * (column, constraint) in its first pass, before ADD COLUMN and the rest, whatever their order in
 * the statement (tablecmds.c, AlterTablePass), so `DROP COLUMN v, ADD COLUMN v vis` and
 * `ADD COLUMN v text, DROP COLUMN v` both leave a new column v (checked on PGlite). PostgreSQL
 * only: MySQL's order was not checked, so its statements replay as written.
 */
function inExecutionOrder(ops: readonly Operation[]): readonly Operation[] {
  if (ops.length < 2 || !ops.some(isDrop) || ops.every(isDrop)) return ops;
  return [...ops.filter(isDrop), ...ops.filter((op) => !isDrop(op))];
}

const isDrop = (op: Operation) => op.kind === 'drop-column' || op.kind === 'drop-constraint';
