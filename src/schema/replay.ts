import type { Operation, QualifiedName } from '../core/operations.js';
import {
  columnInfoFromSpec,
  type ConstraintInfo,
  type IndexInfo,
  type Origin,
  type SchemaView,
  type TableInfo,
} from './catalog.js';

/**
 * A mutable catalog that replays operations in migration order. `complete` says whether the
 * whole history was replayed; with only the current file, unknown tables are simply "before".
 */
export class Catalog implements SchemaView {
  private readonly tables = new Map<string, TableInfo>();
  private readonly indexes = new Map<string, IndexInfo>();

  constructor(
    public complete = false,
    private readonly defaultSchema = 'public',
  ) {}

  private key(q: QualifiedName): string {
    return `${q.schema ?? this.defaultSchema}.${q.name}`;
  }

  table(name: QualifiedName): TableInfo | undefined {
    return this.tables.get(this.key(name));
  }

  column(table: QualifiedName, column: string) {
    return this.table(table)?.columns.get(column);
  }

  index(name: QualifiedName): IndexInfo | undefined {
    return this.indexes.get(this.key(name));
  }

  isNewTable(name: QualifiedName): boolean {
    const t = this.table(name);
    return !!t && t.origin !== 'before';
  }

  hasValidatedNotNullCheck(table: QualifiedName, column: string): boolean {
    const t = this.table(table);
    if (!t) return false;
    for (const c of t.constraints.values()) {
      if (c.type === 'check' && c.validated && c.checksNotNullOf === column) return true;
    }
    return false;
  }

  /** A deep copy, so a file can be linted twice (--fix passes) from the same starting schema. */
  clone(): Catalog {
    const c = new Catalog(this.complete, this.defaultSchema);
    for (const [k, t] of this.tables) {
      c.tables.set(k, {
        ...t,
        columns: new Map([...t.columns].map(([n, col]) => [n, { ...col }])),
        constraints: new Map([...t.constraints].map(([n, con]) => [n, { ...con }])),
      });
    }
    for (const [k, i] of this.indexes) c.indexes.set(k, { ...i });
    return c;
  }

  /**
   * The table, or a placeholder for one that existed before the replayed history (a single file
   * linted alone, a history that starts mid-way), so later facts about it are still tracked.
   */
  private known(name: QualifiedName): TableInfo {
    let t = this.table(name);
    if (!t) {
      t = { schema: name.schema ?? this.defaultSchema, name: name.name, columns: new Map(), constraints: new Map(), origin: 'before', partitioned: false, placeholder: true };
      this.tables.set(this.key(name), t);
    }
    return t;
  }

  /** Applies one operation. Unknown objects get placeholders here; rules report them. */
  apply(op: Operation, origin: Origin): void {
    switch (op.kind) {
      case 'create-table': {
        if (op.ifNotExists && this.table(op.table)) return;
        const t: TableInfo = {
          schema: op.table.schema ?? this.defaultSchema,
          name: op.table.name,
          columns: new Map(op.columns.map((c) => [c.name, columnInfoFromSpec(c, origin)])),
          constraints: new Map(),
          origin,
          partitioned: op.partitioned,
        };
        this.tables.set(this.key(op.table), t);
        for (const c of op.constraints) this.addConstraint(t, c.name ?? `${op.table.name}_${c.type}_${t.constraints.size}`, c.type, c.columns, !c.notValid, c.checksNotNullOf, origin);
        return;
      }
      case 'drop-table':
        for (const t of op.tables) this.tables.delete(this.key(t));
        return;
      case 'rename-table': {
        const t = this.table(op.table);
        if (!t) return;
        this.tables.delete(this.key(op.table));
        t.name = op.newName;
        this.tables.set(this.key({ schema: t.schema, name: op.newName }), t);
        return;
      }
      case 'add-column': {
        const t = this.known(op.table);
        if (!(op.ifNotExists && t.columns.has(op.column.name))) t.columns.set(op.column.name, columnInfoFromSpec(op.column, origin));
        return;
      }
      case 'drop-column':
        this.table(op.table)?.columns.delete(op.column);
        return;
      case 'rename-column': {
        const t = this.table(op.table);
        const c = t?.columns.get(op.column);
        if (t && c) {
          t.columns.delete(op.column);
          c.name = op.newName;
          t.columns.set(op.newName, c);
        }
        return;
      }
      case 'alter-column-type': {
        const c = this.column(op.table, op.column);
        if (c) c.type = op.type;
        return;
      }
      case 'set-not-null': {
        const c = this.column(op.table, op.column);
        if (c) c.notNull = true;
        return;
      }
      case 'drop-not-null': {
        const c = this.column(op.table, op.column);
        if (c) c.notNull = false;
        return;
      }
      case 'set-default':
      case 'drop-default': {
        const c = this.column(op.table, op.column);
        if (c) c.hasDefault = op.kind === 'set-default' && !op.default.isNull;
        return;
      }
      case 'add-constraint': {
        const t = this.known(op.table);
        const con = op.constraint;
        this.addConstraint(t, con.name ?? `${t.name}_${con.type}_${t.constraints.size}`, con.type, con.columns, !con.notValid, con.checksNotNullOf, origin);
        if (con.type === 'primary-key' || con.type === 'not-null') {
          for (const col of con.columns) {
            const c = t.columns.get(col);
            if (c && !con.notValid) c.notNull = true;
          }
        }
        return;
      }
      case 'validate-constraint': {
        const c = this.known(op.table).constraints.get(op.name);
        if (c) c.validated = true;
        return;
      }
      case 'drop-constraint':
        this.table(op.table)?.constraints.delete(op.name);
        return;
      case 'rename-constraint': {
        const t = this.table(op.table);
        const c = t?.constraints.get(op.name);
        if (t && c) {
          t.constraints.delete(op.name);
          c.name = op.newName;
          t.constraints.set(op.newName, c);
        }
        return;
      }
      case 'create-index': {
        if (!op.name) return;
        const schema = op.table.schema;
        this.indexes.set(this.key({ schema, name: op.name }), {
          name: op.name,
          table: this.key(op.table),
          unique: op.unique,
          partial: op.partial,
          valid: true,
          columns: op.columns,
          origin,
        });
        return;
      }
      case 'drop-index':
        for (const i of op.indexes) this.indexes.delete(this.key(i));
        return;
      case 'rename-index': {
        const i = this.index(op.index);
        if (i) {
          this.indexes.delete(this.key(op.index));
          i.name = op.newName;
          this.indexes.set(this.key({ schema: op.index.schema, name: op.newName }), i);
        }
        return;
      }
      default:
        return;
    }
  }

  private addConstraint(t: TableInfo, name: string, type: ConstraintInfo['type'], columns: string[], validated: boolean, checksNotNullOf: string | undefined, origin: Origin) {
    t.constraints.set(name, { name, type, columns, validated, checksNotNullOf, origin });
  }
}
