import type {
  AlterTableSubtype,
  ColumnSpec,
  ConstraintSpec,
  DefaultSpec,
  Operation,
  QualifiedName,
} from '../../core/operations.js';
import type { Range } from '../../core/types.js';
import { minLocation, names, qualified, rangeVar, typeSpec, unwrap, walk, type Node } from './ast-helpers.js';

/** Locates AST byte offsets in the file: converts a statement-relative byte offset to a file range. */
export interface SourceMapper {
  /** Statement text, as given to the parser. */
  text: string;
  /** Statement-relative byte offset -> statement-relative char offset. */
  char(byteOffset: number): number;
  /** File offset of the statement start. */
  base: number;
}

/** Builds the operation model for one parsed PostgreSQL statement. */
export function operationsFromAst(stmt: Node, src: SourceMapper): Operation[] {
  const [type, node] = unwrap(stmt);
  const b = new Builder(src);
  switch (type) {
    case 'CreateStmt':
      return [b.createTable(node)];
    case 'CreateTableAsStmt':
      return node.objtype === 'OBJECT_MATVIEW'
        ? [{ kind: 'create-view', view: rangeVar(node.into?.rel), materialized: true, orReplace: false }]
        : [{ kind: 'create-table', table: rangeVar(node.into?.rel), columns: [], constraints: [], ifNotExists: !!node.if_not_exists, asSelect: true, partitioned: false, temporary: node.into?.rel?.relpersistence === 't', unlogged: node.into?.rel?.relpersistence === 'u' }];
    case 'AlterTableStmt':
      return b.alterTable(node);
    case 'IndexStmt':
      return [b.createIndex(node)];
    case 'DropStmt':
      return b.drop(node);
    case 'RenameStmt':
      return b.rename(node);
    case 'AlterObjectSchemaStmt':
      return node.relation
        ? [{ kind: 'set-schema', table: rangeVar(node.relation), objectType: objectTypeName(node.objectType), newSchema: node.newschema }]
        : [{ kind: 'other', statementType: type }];
    case 'TruncateStmt':
      return [{ kind: 'truncate', tables: (node.relations ?? []).map((r: Node) => rangeVar(r.RangeVar)), cascade: node.behavior === 'DROP_CASCADE' }];
    case 'ReindexStmt':
      return [b.reindex(node)];
    case 'VacuumStmt': {
      const opts = (node.options ?? []).map((o: Node) => o.DefElem?.defname);
      const tables = (node.rels ?? []).map((r: Node) => rangeVar(r.VacuumRelation?.relation));
      if (node.is_vacuumcmd === false) return [{ kind: 'other', statementType: 'AnalyzeStmt' }];
      return [{ kind: 'vacuum', full: opts.includes('full'), tables }];
    }
    case 'ClusterStmt':
      return [{ kind: 'cluster', table: node.relation ? rangeVar(node.relation) : undefined }];
    case 'RefreshMatViewStmt':
      return [{ kind: 'refresh-materialized-view', view: rangeVar(node.relation), concurrently: !!node.concurrent, withNoData: !!node.skipData }];
    case 'ViewStmt':
      return [{ kind: 'create-view', view: rangeVar(node.view), materialized: false, orReplace: !!node.replace }];
    case 'CreateEnumStmt':
      return [{ kind: 'create-enum', type: qualified(names(node.typeName)), values: names(node.vals) }];
    case 'AlterEnumStmt':
      if (node.oldVal) return [{ kind: 'rename-enum-value', type: qualified(names(node.typeName)), value: node.oldVal, newValue: node.newVal }];
      return [{ kind: 'add-enum-value', type: qualified(names(node.typeName)), value: node.newVal, ifNotExists: !!node.skipIfNewValExists }];
    case 'CompositeTypeStmt':
      return [{ kind: 'create-type', type: rangeVar(node.typevar) }];
    case 'CreateRangeStmt':
      return [{ kind: 'create-type', type: qualified(names(node.typeName)) }];
    case 'CreateDomainStmt':
      return [{ kind: 'create-domain', domain: qualified(names(node.domainname)), hasCheck: (node.constraints ?? []).some((c: Node) => c.Constraint?.contype === 'CONSTR_CHECK') }];
    case 'AlterDomainStmt':
      if (node.subtype === 'C') return [{ kind: 'alter-domain-add-constraint', domain: qualified(names(node.typeName)), notValid: !!node.def?.Constraint?.skip_validation }];
      return [{ kind: 'other', statementType: type }];
    case 'CreateTrigStmt':
      return [{ kind: 'create-trigger', table: rangeVar(node.relation), name: node.trigname }];
    case 'CreateFunctionStmt':
      return [{ kind: 'create-function', name: qualified(names(node.funcname)) }];
    case 'CreateSchemaStmt':
      return [{ kind: 'create-schema', name: node.schemaname ?? '' }];
    case 'CreateExtensionStmt':
      return [{ kind: 'create-extension', name: node.extname }];
    case 'DropdbStmt':
      return [{ kind: 'drop-database', name: node.dbname }];
    case 'CreateSeqStmt':
      return [{ kind: 'create-sequence', name: rangeVar(node.sequence) }];
    case 'AlterSeqStmt':
      return [{ kind: 'alter-sequence', name: rangeVar(node.sequence) }];
    case 'InsertStmt':
      return [{ kind: 'insert', table: rangeVar(node.relation), fromSelect: !!node.selectStmt?.SelectStmt?.fromClause }];
    case 'UpdateStmt':
      return [{ kind: 'update', table: rangeVar(node.relation), where: b.sliceNode(node.whereClause), batched: isBatched(node.whereClause), columns: (node.targetList ?? []).map((t: Node) => t.ResTarget?.name).filter(Boolean) }];
    case 'DeleteStmt':
      return [{ kind: 'delete', table: rangeVar(node.relation), where: b.sliceNode(node.whereClause), batched: isBatched(node.whereClause) }];
    case 'CopyStmt':
      return [{ kind: 'copy', table: node.relation ? rangeVar(node.relation) : undefined, from: !!node.is_from }];
    case 'SelectStmt':
      return [{ kind: 'select' }];
    case 'TransactionStmt':
      return [transaction(node.kind)];
    case 'VariableSetStmt':
      return [variableSet(node)];
    case 'LockStmt':
      return [{ kind: 'lock-table', tables: (node.relations ?? []).map((r: Node) => rangeVar(r.RangeVar)), mode: lockModeName(node.mode) }];
    case 'DoStmt':
      return [{ kind: 'do-block' }];
    case 'GrantStmt':
    case 'GrantRoleStmt':
      return [{ kind: 'grant', statementType: type }];
    case 'CommentStmt':
      return [{ kind: 'comment', statementType: type }];
    default:
      return [{ kind: 'other', statementType: type }];
  }
}

class Builder {
  constructor(private readonly src: SourceMapper) {}

  /** File range from a statement-relative byte span. */
  range(startByte: number, endByte: number): Range {
    return { start: this.src.base + this.src.char(startByte), end: this.src.base + this.src.char(endByte) };
  }

  /** Source text of an expression node: from its first location to the end of its balanced extent. */
  sliceNode(node: Node, stopAtConstraintKeyword = false): string | undefined {
    if (!node) return undefined;
    const start = minLocation(node);
    if (start === undefined) return undefined;
    const from = this.src.char(start);
    return sliceExpression(this.src.text, from, stopAtConstraintKeyword);
  }

  /** Span of a column definition or constraint starting at `location` (to the next top-level comma). */
  elementRange(location: number | undefined): Range | undefined {
    if (location === undefined || location < 0) return undefined;
    const from = this.src.char(location);
    const text = sliceExpression(this.src.text, from, false);
    return { start: this.src.base + from, end: this.src.base + from + text.length };
  }

  column(def: Node): ColumnSpec {
    const t = typeSpec(def.typeName);
    const col: ColumnSpec = {
      name: def.colname,
      type: def.typeName ? { name: t.name, modifiers: t.modifiers, arrayDims: t.arrayDims, text: t.text, schema: t.schema } : undefined,
      notNull: false,
      primaryKey: false,
      unique: false,
      identity: false,
      serial: t.serial,
      check: false,
      range: this.elementRange(def.location),
    };
    for (const c of def.constraints ?? []) {
      const con = c.Constraint;
      if (['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_FOREIGN', 'CONSTR_CHECK', 'CONSTR_EXCLUSION'].includes(con?.contype)) {
        (col.constraints ??= []).push({ ...this.constraint(con), columns: [def.colname] });
      }
      switch (con?.contype) {
        case 'CONSTR_NOTNULL':
          col.notNull = true;
          break;
        case 'CONSTR_PRIMARY':
          col.primaryKey = true;
          col.notNull = true;
          break;
        case 'CONSTR_UNIQUE':
          col.unique = true;
          break;
        case 'CONSTR_DEFAULT':
          col.default = this.defaultSpec(con.raw_expr);
          break;
        case 'CONSTR_IDENTITY':
          col.identity = true;
          col.notNull = true;
          break;
        case 'CONSTR_GENERATED':
          col.generated = con.generated_kind === 'v' ? 'virtual' : 'stored';
          break;
        case 'CONSTR_FOREIGN':
          col.references = { table: rangeVar(con.pktable), columns: names(con.pk_attrs) };
          break;
        case 'CONSTR_CHECK':
          col.check = true;
          break;
      }
    }
    // PostgreSQL 18: GENERATED ALWAYS AS (expr) with neither STORED nor VIRTUAL is virtual;
    // libpg-query reports generated_kind 's' only when STORED was written.
    if (col.generated && col.range && !/\bSTORED\b/i.test(this.textOf(col.range))) col.generated = 'virtual';
    if (col.serial) col.notNull = true;
    return col;
  }

  textOf(range: Range): string {
    return this.src.text.slice(range.start - this.src.base, range.end - this.src.base);
  }

  defaultSpec(expr: Node): DefaultSpec {
    const functions: string[] = [];
    const visit = (key: string, value: Node) => {
      if (key === 'FuncCall') {
        const parts = names(value.funcname);
        functions.push((parts[parts.length - 1] ?? '').toLowerCase());
      }
    };
    visit(...unwrap(expr));
    walk(expr, visit);
    const isNull = !!expr?.A_Const?.isnull;
    return { text: this.sliceNode(expr, true) ?? '', functions, isNull };
  }

  constraint(con: Node): ConstraintSpec {
    const typeMap: Record<string, ConstraintSpec['type']> = {
      CONSTR_CHECK: 'check',
      CONSTR_FOREIGN: 'foreign-key',
      CONSTR_UNIQUE: 'unique',
      CONSTR_PRIMARY: 'primary-key',
      CONSTR_EXCLUSION: 'exclusion',
      CONSTR_NOTNULL: 'not-null',
    };
    const spec: ConstraintSpec = {
      name: con.conname,
      type: typeMap[con.contype] ?? 'check',
      columns: names(con.keys),
      notValid: !!con.skip_validation,
      usingIndex: con.indexname,
      range: this.elementRange(con.location),
    };
    if (con.contype === 'CONSTR_FOREIGN') {
      spec.columns = names(con.fk_attrs);
      spec.references = { table: rangeVar(con.pktable), columns: names(con.pk_attrs) };
    }
    if (con.contype === 'CONSTR_CHECK') {
      spec.expression = this.sliceNode(con.raw_expr);
      const cols = new Set<string>();
      walk(con.raw_expr, (key, value) => {
        if (key === 'ColumnRef') {
          const f = names(value.fields);
          if (f.length) cols.add(f[f.length - 1]);
        }
      });
      spec.exprColumns = [...cols];
      const nt = con.raw_expr?.NullTest;
      if (nt?.nulltesttype === 'IS_NOT_NULL') {
        const field = names(nt.arg?.ColumnRef?.fields);
        if (field.length === 1) spec.checksNotNullOf = field[0];
      }
    }
    return spec;
  }

  createTable(node: Node): Operation {
    const columns: ColumnSpec[] = [];
    const constraints: ConstraintSpec[] = [];
    const like: QualifiedName[] = [];
    for (const elt of node.tableElts ?? []) {
      if (elt.ColumnDef) columns.push(this.column(elt.ColumnDef));
      else if (elt.Constraint) constraints.push(this.constraint(elt.Constraint));
      else if (elt.TableLikeClause) like.push(rangeVar(elt.TableLikeClause.relation));
    }
    const partitionOf = node.partbound && node.inhRelations?.[0] ? rangeVar(node.inhRelations[0].RangeVar) : undefined;
    const inherits = partitionOf ? [] : (node.inhRelations ?? []).map((r: Node) => rangeVar(r.RangeVar));
    const rel = node.relation;
    return {
      kind: 'create-table',
      table: rangeVar(rel),
      columns,
      constraints,
      ifNotExists: !!node.if_not_exists,
      asSelect: false,
      partitioned: !!node.partspec,
      partitionOf,
      temporary: rel?.relpersistence === 't',
      unlogged: rel?.relpersistence === 'u',
      like: like.length ? like : undefined,
      inherits: inherits.length ? inherits : undefined,
    };
  }

  createIndex(node: Node): Operation {
    const columns = (node.indexParams ?? []).map((p: Node) => p.IndexElem?.name ?? this.sliceNode(p.IndexElem?.expr) ?? '');
    return {
      kind: 'create-index',
      table: rangeVar(node.relation),
      name: node.idxname,
      concurrently: !!node.concurrent,
      unique: !!node.unique,
      ifNotExists: !!node.if_not_exists,
      columns,
      partial: !!node.whereClause,
      ...(node.whereClause ? { predicate: this.sliceNode(node.whereClause) } : {}),
      method: node.accessMethod ?? 'btree',
      only: node.relation?.inh === false,
    };
  }

  alterTable(node: Node): Operation[] {
    const objtype = node.objtype;
    const table = rangeVar(node.relation);
    if (objtype === 'OBJECT_INDEX') return [{ kind: 'other', statementType: 'AlterIndexStmt' }];
    if (objtype === 'OBJECT_SEQUENCE') return [{ kind: 'alter-sequence', name: table }];
    if (objtype === 'OBJECT_VIEW' || objtype === 'OBJECT_MATVIEW') return [{ kind: 'other', statementType: 'AlterViewStmt', table }];
    const ops: Operation[] = [];
    for (const c of node.cmds ?? []) {
      const cmd = c.AlterTableCmd;
      if (cmd) ops.push(this.alterTableCmd(table, cmd));
    }
    return ops;
  }

  alterTableCmd(table: QualifiedName, cmd: Node): Operation {
    const column: string = cmd.name;
    const cascade = cmd.behavior === 'DROP_CASCADE';
    const other = (subtype: AlterTableSubtype, detail?: string): Operation => ({ kind: 'alter-table', table, subtype, detail });
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const spec = this.column(cmd.def.ColumnDef);
        return { kind: 'add-column', table, column: spec, ifNotExists: !!cmd.missing_ok, range: spec.range };
      }
      case 'AT_DropColumn':
        return { kind: 'drop-column', table, column, ifExists: !!cmd.missing_ok, cascade };
      case 'AT_AlterColumnType': {
        const def = cmd.def?.ColumnDef;
        const t = typeSpec(def?.typeName);
        return {
          kind: 'alter-column-type',
          table,
          column,
          type: { name: t.name, modifiers: t.modifiers, arrayDims: t.arrayDims, text: t.text, schema: t.schema },
          using: this.sliceNode(def?.raw_default),
          collate: def?.collClause ? names(def.collClause.collname).join('.') : undefined,
        };
      }
      case 'AT_SetNotNull':
        return { kind: 'set-not-null', table, column };
      case 'AT_DropNotNull':
        return { kind: 'drop-not-null', table, column };
      case 'AT_ColumnDefault':
        return cmd.def ? { kind: 'set-default', table, column, default: this.defaultSpec(cmd.def) } : { kind: 'drop-default', table, column };
      case 'AT_AddConstraint': {
        const spec = this.constraint(cmd.def.Constraint);
        return { kind: 'add-constraint', table, constraint: spec, range: spec.range };
      }
      case 'AT_ValidateConstraint':
        return { kind: 'validate-constraint', table, name: column };
      case 'AT_DropConstraint':
        return { kind: 'drop-constraint', table, name: column, ifExists: !!cmd.missing_ok, cascade };
      case 'AT_AttachPartition':
        return { kind: 'attach-partition', table, partition: rangeVar(cmd.def?.PartitionCmd?.name), bound: this.sliceNode(cmd.def?.PartitionCmd?.bound) ?? '' };
      case 'AT_DetachPartition':
        return { kind: 'detach-partition', table, partition: rangeVar(cmd.def?.PartitionCmd?.name), concurrently: !!cmd.def?.PartitionCmd?.concurrent, finalize: false };
      case 'AT_DetachPartitionFinalize':
        return { kind: 'detach-partition', table, partition: rangeVar(cmd.def?.PartitionCmd?.name), concurrently: true, finalize: true };
      case 'AT_SetTableSpace':
        return other('set-tablespace', column);
      case 'AT_SetLogged':
        return other('set-logged');
      case 'AT_SetUnLogged':
        return other('set-unlogged');
      case 'AT_SetAccessMethod':
        return other('set-access-method', column);
      case 'AT_SetRelOptions':
        return other('set-storage-params');
      case 'AT_ResetRelOptions':
        return other('reset-storage-params');
      case 'AT_SetStatistics':
        return other('set-statistics', column);
      case 'AT_SetStorage':
        return other('set-storage', column);
      case 'AT_SetCompression':
        return other('set-compression', column);
      case 'AT_ClusterOn':
        return other('cluster-on', column);
      case 'AT_DropCluster':
        return other('set-without-cluster');
      case 'AT_EnableTrig':
      case 'AT_EnableAlwaysTrig':
      case 'AT_EnableReplicaTrig':
      case 'AT_EnableTrigAll':
      case 'AT_EnableTrigUser':
        return other('enable-trigger', column);
      case 'AT_DisableTrig':
      case 'AT_DisableTrigAll':
      case 'AT_DisableTrigUser':
        return other('disable-trigger', column);
      case 'AT_EnableRowSecurity':
        return other('enable-rls');
      case 'AT_DisableRowSecurity':
        return other('disable-rls');
      case 'AT_ForceRowSecurity':
        return other('force-rls');
      case 'AT_NoForceRowSecurity':
        return other('no-force-rls');
      case 'AT_ReplicaIdentity':
        return other('replica-identity');
      case 'AT_AddIdentity':
        return other('add-identity', column);
      case 'AT_SetIdentity':
        return other('set-identity', column);
      case 'AT_DropIdentity':
        return other('drop-identity', column);
      case 'AT_SetExpression':
        return other('set-expression', column);
      case 'AT_DropExpression':
        return other('drop-expression', column);
      case 'AT_AlterConstraint':
        return other('alter-constraint');
      case 'AT_AddInherit':
        return other('inherit');
      case 'AT_DropInherit':
        return other('no-inherit');
      case 'AT_ChangeOwner':
        return other('owner');
      case 'AT_AddOf':
        return other('of-type');
      case 'AT_DropOf':
        return other('not-of');
      default:
        return other('other', cmd.subtype);
    }
  }

  drop(node: Node): Operation[] {
    const objects: QualifiedName[] = (node.objects ?? []).map((o: Node) => qualified(names(o.List?.items ?? (o.String ? [o] : []))));
    const cascade = node.behavior === 'DROP_CASCADE';
    const ifExists = !!node.missing_ok;
    switch (node.removeType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_FOREIGN_TABLE':
        return [{ kind: 'drop-table', tables: objects, ifExists, cascade }];
      case 'OBJECT_INDEX':
        return [{ kind: 'drop-index', indexes: objects, concurrently: !!node.concurrent, ifExists, cascade }];
      case 'OBJECT_VIEW':
        return [{ kind: 'drop-view', views: objects, materialized: false }];
      case 'OBJECT_MATVIEW':
        return [{ kind: 'drop-view', views: objects, materialized: true }];
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN': {
        const types = (node.objects ?? []).map((o: Node) => qualified(names(o.TypeName?.names)));
        return [{ kind: 'drop-type', types }];
      }
      case 'OBJECT_SCHEMA':
        return [{ kind: 'drop-schema', names: objects.map((o) => o.name), cascade }];
      case 'OBJECT_SEQUENCE':
        return objects.map((name) => ({ kind: 'drop-sequence', name }) as Operation);
      case 'OBJECT_TRIGGER':
        return objects.map((o) => {
          const parts = names(node.objects?.[0]?.List?.items);
          return { kind: 'drop-trigger', table: qualified(parts.slice(0, -1)), name: o.name } as Operation;
        });
      default:
        return [{ kind: 'other', statementType: `Drop:${objectTypeName(node.removeType)}` }];
    }
  }

  rename(node: Node): Operation[] {
    const rel = node.relation ? rangeVar(node.relation) : qualified(names(node.object?.List?.items));
    switch (node.renameType) {
      case 'OBJECT_COLUMN':
        if (node.relationType === 'OBJECT_TABLE' || node.relationType === 'OBJECT_FOREIGN_TABLE')
          return [{ kind: 'rename-column', table: rel, column: node.subname, newName: node.newname }];
        return [{ kind: 'other', statementType: 'RenameStmt' }];
      case 'OBJECT_TABLE':
        return [{ kind: 'rename-table', table: rel, newName: node.newname }];
      case 'OBJECT_INDEX':
        return [{ kind: 'rename-index', index: rel, newName: node.newname }];
      case 'OBJECT_TABCONSTRAINT':
        return [{ kind: 'rename-constraint', table: rel, name: node.subname, newName: node.newname }];
      default:
        return [{ kind: 'other', statementType: `Rename:${objectTypeName(node.renameType)}` }];
    }
  }

  reindex(node: Node): Operation {
    const kinds: Record<string, 'index' | 'table' | 'schema' | 'database' | 'system'> = {
      REINDEX_OBJECT_INDEX: 'index',
      REINDEX_OBJECT_TABLE: 'table',
      REINDEX_OBJECT_SCHEMA: 'schema',
      REINDEX_OBJECT_DATABASE: 'database',
      REINDEX_OBJECT_SYSTEM: 'system',
    };
    const params = (node.params ?? []).map((p: Node) => p.DefElem).filter(Boolean);
    const conc = params.find((p: Node) => p.defname === 'concurrently');
    // `REINDEX (CONCURRENTLY false)` is not concurrent.
    const concurrently = !!conc && !/^(false|off|0)$/i.test(conc.arg?.String?.sval ?? conc.arg?.Boolean?.boolval?.toString() ?? 'true');
    const name = node.relation ? rangeVar(node.relation) : { name: node.name ?? '' };
    return { kind: 'reindex', target: kinds[node.kind] ?? 'index', name, concurrently };
  }
}

/** An UPDATE/DELETE is batched when its WHERE bounds the rows by key range, IN-subquery with LIMIT, or similar. */
function isBatched(where: Node): boolean {
  if (!where) return false;
  let batched = false;
  const visit = (key: string, value: Node) => {
    if (key === 'SelectStmt' && value.limitCount) batched = true;
    if (key === 'A_Expr' && (value.kind === 'AEXPR_BETWEEN' || value.kind === 'AEXPR_IN')) {
      // `id BETWEEN x AND y`, `id IN (1,2,3)` bound the batch
      batched = true;
    }
    if (key === 'A_Expr' && value.kind === 'AEXPR_OP') {
      const op = names(value.name)[0];
      if (op === '<' || op === '<=') batched = true;
    }
  };
  visit(...unwrap(where));
  walk(where, visit);
  return batched;
}

function transaction(kind: string): Operation {
  const map: Record<string, Extract<Operation, { kind: 'transaction' }>['action']> = {
    TRANS_STMT_BEGIN: 'begin',
    TRANS_STMT_START: 'begin',
    TRANS_STMT_COMMIT: 'commit',
    TRANS_STMT_ROLLBACK: 'rollback',
    TRANS_STMT_SAVEPOINT: 'savepoint',
    TRANS_STMT_RELEASE: 'release',
    TRANS_STMT_ROLLBACK_TO: 'rollback-to',
    TRANS_STMT_PREPARE: 'prepare',
    TRANS_STMT_COMMIT_PREPARED: 'commit',
    TRANS_STMT_ROLLBACK_PREPARED: 'rollback',
  };
  return { kind: 'transaction', action: map[kind] ?? 'begin' };
}

function variableSet(node: Node): Operation {
  const reset = node.kind === 'VAR_RESET' || node.kind === 'VAR_RESET_ALL' || node.kind === 'VAR_SET_DEFAULT';
  const arg = node.args?.[0]?.A_Const;
  const value = arg ? (arg.sval?.sval ?? (arg.ival ? String(arg.ival.ival ?? 0) : undefined) ?? (arg.fval?.fval as string | undefined)) : undefined;
  return { kind: 'set', name: (node.name ?? '').toLowerCase(), value, local: !!node.is_local, reset };
}

function lockModeName(mode: number): string {
  return ['', 'ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'][mode] ?? 'ACCESS EXCLUSIVE';
}

function objectTypeName(t: string | undefined): string {
  return (t ?? '').replace(/^OBJECT_/, '').toLowerCase();
}

/**
 * Text of an expression starting at `from`: runs to the first comma or closing parenthesis at
 * depth zero (or the end). A column default also stops before a following constraint keyword.
 */
function sliceExpression(text: string, from: number, stopAtConstraintKeyword: boolean): string {
  let depth = 0;
  let i = from;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      i = close < 0 ? text.length : close;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) break;
    else if (stopAtConstraintKeyword && depth === 0 && /\s/.test(ch)) {
      // an expression ends before a following constraint keyword
      const rest = text.slice(i).match(/^\s+(NOT\s+NULL|NULL|CONSTRAINT|CHECK|REFERENCES|PRIMARY|UNIQUE|GENERATED|COLLATE|NOT\s+VALID|USING)\b/i);
      if (rest) break;
    }
  }
  return text.slice(from, i).trim();
}
