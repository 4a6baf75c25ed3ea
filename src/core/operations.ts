import type { Range } from './types.js';

/**
 * The engine-neutral model of what a statement does. Parsers (libpg-query for PostgreSQL,
 * node-sql-parser or the token classifier for MySQL) produce these; rules read them instead
 * of walking raw AST paths. One statement can hold several operations
 * (`ALTER TABLE t ADD COLUMN a int, ALTER COLUMN b SET NOT NULL`).
 */

/** A possibly schema-qualified name, already folded the way the engine folds identifiers. */
export interface QualifiedName {
  schema?: string;
  name: string;
}

export interface TypeSpec {
  /** Canonical lower-case base name: `int4`, `varchar`, `text`, `timestamptz`, `numeric`, ... */
  name: string;
  /** Type modifiers: varchar(255) -> [255], numeric(10,2) -> [10, 2]. */
  modifiers: number[];
  arrayDims: number;
  /** The type as written in the source, for messages and rewrites. */
  text: string;
  schema?: string;
  /** MySQL ENUM / SET members, in order. */
  values?: string[];
  /** MySQL UNSIGNED. */
  unsigned?: boolean;
}

export interface DefaultSpec {
  /** Source text of the default expression. */
  text: string;
  /** Lower-case names of the functions it calls; the engine layer decides their volatility. */
  functions: string[];
  /** A literal NULL default. */
  isNull: boolean;
}

export interface ColumnSpec {
  name: string;
  type?: TypeSpec;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  default?: DefaultSpec;
  /** GENERATED ... AS IDENTITY, serial/bigserial, or MySQL AUTO_INCREMENT. */
  identity: boolean;
  serial: boolean;
  /** GENERATED ALWAYS AS (expr) STORED / VIRTUAL. */
  generated?: 'stored' | 'virtual';
  references?: { table: QualifiedName; columns: string[] };
  check: boolean;
  /** Column constraints written inline (`CONSTRAINT name CHECK (...)`, `REFERENCES`, `UNIQUE`, `PRIMARY KEY`), with their names when given. */
  constraints?: ConstraintSpec[];
  range?: Range;
  /** MySQL column position: `FIRST` or `AFTER col` (absent: appended last / unchanged). */
  position?: 'first' | { after: string };
  /** MySQL column `CHARACTER SET` / `COLLATE`. */
  charset?: string;
  collate?: string;
}

export type ConstraintType = 'check' | 'foreign-key' | 'unique' | 'primary-key' | 'exclusion' | 'not-null';

export interface ConstraintSpec {
  name?: string;
  type: ConstraintType;
  columns: string[];
  /** `NOT VALID` was given. */
  notValid: boolean;
  /** `USING INDEX idx` (PostgreSQL) — the index already exists. */
  usingIndex?: string;
  references?: { table: QualifiedName; columns: string[] };
  /** CHECK expression source text. */
  expression?: string;
  /** For a CHECK: the distinct columns its expression reads (PostgreSQL names it `<table>_<col>_check` when there is exactly one). */
  exprColumns?: string[];
  /** For a CHECK of the form `col IS NOT NULL`: the column. */
  checksNotNullOf?: string;
  range?: Range;
}

interface Base {
  /** Finer span than the statement (a column definition, a constraint), when known. */
  range?: Range;
}

export type Operation =
  | (Base & { kind: 'create-table'; table: QualifiedName; columns: ColumnSpec[]; constraints: ConstraintSpec[]; ifNotExists: boolean; asSelect: boolean; partitioned: boolean; partitionOf?: QualifiedName; temporary: boolean; unlogged: boolean; like?: QualifiedName[]; inherits?: QualifiedName[]; /** MySQL table default `CHARACTER SET` (or the set of its `COLLATE`). */ charset?: string })
  | (Base & { kind: 'drop-table'; tables: QualifiedName[]; ifExists: boolean; cascade: boolean })
  | (Base & { kind: 'rename-table'; table: QualifiedName; newName: string })
  | (Base & { kind: 'set-schema'; table: QualifiedName; objectType: string; newSchema: string })
  | (Base & { kind: 'truncate'; tables: QualifiedName[]; cascade: boolean })
  | (Base & { kind: 'add-column'; table: QualifiedName; column: ColumnSpec; ifNotExists: boolean })
  | (Base & { kind: 'drop-column'; table: QualifiedName; column: string; ifExists: boolean; cascade: boolean })
  | (Base & { kind: 'rename-column'; table: QualifiedName; column: string; newName: string })
  | (Base & { kind: 'alter-column-type'; table: QualifiedName; column: string; type: TypeSpec; using?: string; collate?: string })
  | (Base & { kind: 'set-not-null'; table: QualifiedName; column: string })
  | (Base & { kind: 'drop-not-null'; table: QualifiedName; column: string })
  | (Base & { kind: 'set-default'; table: QualifiedName; column: string; default: DefaultSpec })
  | (Base & { kind: 'drop-default'; table: QualifiedName; column: string })
  | (Base & { kind: 'add-constraint'; table: QualifiedName; constraint: ConstraintSpec })
  | (Base & { kind: 'validate-constraint'; table: QualifiedName; name: string })
  | (Base & { kind: 'drop-constraint'; table: QualifiedName; name: string; ifExists: boolean; cascade: boolean })
  | (Base & { kind: 'rename-constraint'; table: QualifiedName; name: string; newName: string })
  /** `method`: PostgreSQL access method (`btree`, `gin`...); MySQL `btree`, `fulltext` or `spatial`. */
  | (Base & { kind: 'create-index'; table: QualifiedName; name?: string; schema?: string; concurrently: boolean; unique: boolean; ifNotExists: boolean; columns: string[]; partial: boolean; /** Source text of the WHERE predicate of a partial index. */ predicate?: string; method: string; only: boolean })
  | (Base & { kind: 'drop-index'; indexes: QualifiedName[]; concurrently: boolean; ifExists: boolean; cascade: boolean; /** MySQL: index names are per table. */ table?: QualifiedName })
  | (Base & { kind: 'rename-index'; index: QualifiedName; newName: string; /** MySQL: index names are per table. */ table?: QualifiedName })
  /**
   * MySQL `MODIFY [COLUMN]` / `CHANGE [COLUMN] old new`: the column is redefined whole (type,
   * nullability, default, position). What actually changes depends on the old definition; rules
   * compare with the schema (rules/helpers/mysql-column-change.ts).
   */
  | (Base & { kind: 'modify-column'; table: QualifiedName; column: string; definition: ColumnSpec; syntax: 'modify' | 'change' })
  /** MySQL `ALGORITHM=` / `LOCK=` clauses of an ALTER TABLE or CREATE/DROP INDEX (statement-wide). */
  | (Base & { kind: 'alter-options'; table: QualifiedName; algorithm?: MysqlAlgorithm; lock?: MysqlLock; algorithmRange?: Range; lockRange?: Range })
  | (Base & { kind: 'reindex'; target: 'index' | 'table' | 'schema' | 'database' | 'system'; name: QualifiedName; concurrently: boolean })
  | (Base & { kind: 'attach-partition'; table: QualifiedName; partition: QualifiedName; bound: string })
  | (Base & { kind: 'detach-partition'; table: QualifiedName; partition: QualifiedName; concurrently: boolean; finalize: boolean })
  /** Table-level ALTER TABLE subcommands without a dedicated operation; `subtype` names the facts row. */
  | (Base & { kind: 'alter-table'; table: QualifiedName; subtype: AlterTableSubtype; detail?: string })
  | (Base & { kind: 'vacuum'; full: boolean; tables: QualifiedName[] })
  | (Base & { kind: 'cluster'; table?: QualifiedName })
  | (Base & { kind: 'refresh-materialized-view'; view: QualifiedName; concurrently: boolean; withNoData: boolean })
  | (Base & { kind: 'create-view'; view: QualifiedName; materialized: boolean; orReplace: boolean })
  | (Base & { kind: 'drop-view'; views: QualifiedName[]; materialized: boolean })
  | (Base & { kind: 'create-enum'; type: QualifiedName; values: string[] })
  | (Base & { kind: 'add-enum-value'; type: QualifiedName; value: string; ifNotExists: boolean })
  | (Base & { kind: 'rename-enum-value'; type: QualifiedName; value: string; newValue: string })
  | (Base & { kind: 'create-type'; type: QualifiedName })
  | (Base & { kind: 'drop-type'; types: QualifiedName[] })
  | (Base & { kind: 'create-domain'; domain: QualifiedName; hasCheck: boolean })
  | (Base & { kind: 'alter-domain-add-constraint'; domain: QualifiedName; notValid: boolean })
  | (Base & { kind: 'create-trigger'; table: QualifiedName; name: string })
  | (Base & { kind: 'drop-trigger'; table: QualifiedName; name: string })
  | (Base & { kind: 'create-function'; name: QualifiedName })
  | (Base & { kind: 'create-schema'; name: string })
  | (Base & { kind: 'drop-schema'; names: string[]; cascade: boolean })
  | (Base & { kind: 'create-extension'; name: string })
  | (Base & { kind: 'drop-database'; name: string })
  | (Base & { kind: 'create-sequence' | 'alter-sequence' | 'drop-sequence'; name: QualifiedName })
  | (Base & { kind: 'insert'; table: QualifiedName; fromSelect: boolean })
  | (Base & { kind: 'update'; table: QualifiedName; where?: string; batched: boolean; columns: string[] })
  | (Base & { kind: 'delete'; table: QualifiedName; where?: string; batched: boolean })
  | (Base & { kind: 'copy'; table?: QualifiedName; from: boolean })
  | (Base & { kind: 'select' })
  | (Base & { kind: 'transaction'; action: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to' | 'prepare' })
  | (Base & { kind: 'set'; name: string; value?: string; local: boolean; reset: boolean })
  | (Base & { kind: 'lock-table'; tables: QualifiedName[]; mode: string })
  | (Base & { kind: 'do-block' })
  | (Base & { kind: 'grant' | 'comment' | 'other'; statementType: string; table?: QualifiedName });

export type MysqlAlgorithm = 'default' | 'instant' | 'inplace' | 'nocopy' | 'copy';
export type MysqlLock = 'default' | 'none' | 'shared' | 'exclusive';

export type OperationKind = Operation['kind'];
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

/** ALTER TABLE subcommands whose lock and rewrite facts live in the engine tables. */
export type AlterTableSubtype = PostgresAlterTableSubtype | MysqlAlterTableSubtype;

export type PostgresAlterTableSubtype =
  | 'set-tablespace'
  | 'set-logged'
  | 'set-unlogged'
  | 'set-access-method'
  | 'set-storage-params'
  | 'reset-storage-params'
  | 'set-statistics'
  | 'set-storage'
  | 'set-compression'
  | 'cluster-on'
  | 'set-without-cluster'
  | 'enable-trigger'
  | 'disable-trigger'
  | 'enable-rls'
  | 'disable-rls'
  | 'force-rls'
  | 'no-force-rls'
  | 'replica-identity'
  | 'add-identity'
  | 'set-identity'
  | 'drop-identity'
  | 'set-expression'
  | 'drop-expression'
  | 'alter-constraint'
  | 'inherit'
  | 'no-inherit'
  | 'owner'
  | 'of-type'
  | 'not-of'
  | 'other';

/** MySQL table-level ALTER TABLE clauses (facts in engines/mysql/online-ddl.ts). */
export type MysqlAlterTableSubtype =
  | 'convert-charset'
  | 'set-charset'
  | 'set-engine'
  | 'set-row-format'
  | 'force-rebuild'
  | 'set-auto-increment'
  | 'set-table-option'
  | 'partition-by'
  | 'remove-partitioning'
  | 'partition-maintenance'
  | 'index-visibility'
  | 'column-visibility'
  | 'order-by'
  | 'tablespace'
  | 'keys'
  | 'other';

export function qualifiedNameText(q: QualifiedName): string {
  return q.schema ? `${q.schema}.${q.name}` : q.name;
}

/** Key for maps: schema defaults to `public` for PostgreSQL-style lookups. */
export function qualifiedKey(q: QualifiedName, defaultSchema = 'public'): string {
  return `${q.schema ?? defaultSchema}.${q.name}`;
}

/** The tables an operation touches directly (for lock and new-table logic). */
export function operationTables(op: Operation): QualifiedName[] {
  switch (op.kind) {
    case 'drop-table':
    case 'truncate':
      return op.tables;
    case 'vacuum':
      return op.tables;
    case 'cluster':
      return op.table ? [op.table] : [];
    case 'refresh-materialized-view':
      return [op.view];
    case 'attach-partition':
    case 'detach-partition':
      return [op.table, op.partition];
    case 'lock-table':
      return op.tables;
    default:
      return 'table' in op && op.table && typeof op.table === 'object' ? [op.table as QualifiedName] : [];
  }
}
