import type { ColumnSpec, MysqlAlgorithm, MysqlLock, Operation, OperationOf, QualifiedName, TypeSpec } from '../../core/operations.js';
import type { Range } from '../../core/types.js';
import { combineFacts, onlineDdlFact, onlineDdlRow, type DdlAction, type DdlFact } from '../../engines/mysql/online-ddl.js';
import type { ColumnInfo } from '../../schema/catalog.js';
import type { StatementContext } from '../types.js';
import { CHARACTER_TYPES, charsetMaxBytes, serverDefaultCharset } from '../../engines/mysql/charsets.js';
import { engineLabel } from './mysql-advice.js';

/** One thing an ALTER does to an existing table, with the online-DDL fact at the target version. */
export interface DdlStep {
  op: Operation;
  action: DdlAction;
  fact: DdlFact;
  table: QualifiedName;
  /** "adding a column `email`" */
  what: string;
  /** The old column definition was unknown: the worst case is assumed. */
  assumed?: boolean;
}

export interface StatementDdl {
  table: QualifiedName;
  steps: DdlStep[];
  /** The whole statement: slowest algorithm, DML allowed only if every step allows it. */
  combined: DdlFact;
  algorithm?: MysqlAlgorithm;
  lock?: MysqlLock;
  /** Where ALGORITHM=/LOCK= clauses sit, for fixes. */
  optionsOp?: OperationOf<'alter-options'>;
  /** The statement is ALTER TABLE (clauses are comma-separated) or CREATE/DROP INDEX (space-separated). */
  statementType: string;
}

type Ctx = Pick<StatementContext, 'engine' | 'version' | 'schema' | 'settings' | 'statement'>;

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);


/**
 * What the ALTER in this statement does to an existing table, step by step, at the target version.
 * Undefined for statements that are not table DDL or whose table is new (created in this file or
 * release: nobody uses it yet, so how it is altered does not matter).
 */
export function statementDdl(ctx: Ctx): StatementDdl | undefined {
  const st = ctx.statement;
  const options = st.ops.find((o): o is OperationOf<'alter-options'> => o.kind === 'alter-options');
  const steps: DdlStep[] = [];
  let table: QualifiedName | undefined;
  const dropsPk = st.ops.some((o) => o.kind === 'drop-constraint' && o.name.toUpperCase() === 'PRIMARY');
  const addsPk = st.ops.some((o) => (o.kind === 'add-constraint' && o.constraint.type === 'primary-key') || (o.kind === 'add-column' && o.column.primaryKey));
  for (const op of st.ops) {
    const t = ddlTable(op);
    if (!t || !t.name) continue;
    if (ctx.schema.isNewTable(t)) continue;
    table ??= t;
    const step = (action: DdlAction, what: string, assumed?: boolean) => steps.push({ op, action, fact: onlineDdlFact(action, ctx.engine, ctx.version), table: t, what, assumed });
    switch (op.kind) {
      case 'add-column': {
        const c = op.column;
        const name = `\`${c.name}\``;
        if (c.identity) step('add-column-auto-increment', `adding the AUTO_INCREMENT column ${name}`);
        else if (c.generated === 'stored') step('add-column-stored-generated', `adding the STORED generated column ${name}`);
        else if (c.generated === 'virtual') step('add-column-virtual', `adding the VIRTUAL column ${name}`);
        else if (c.position && !appendsLast(ctx, t, c)) step('add-column-positioned', `adding the column ${name} ${c.position === 'first' ? 'FIRST' : `AFTER \`${c.position.after}\``}`);
        else step('add-column', `adding the column ${name}`);
        if (c.primaryKey) step(dropsPk ? 'replace-primary-key' : 'add-primary-key', `adding a primary key on ${name}`);
        else if (c.unique) step('add-index', `adding a unique index on ${name}`);
        break;
      }
      case 'drop-column': {
        const old = ctx.schema.column(t, op.column);
        if (old?.generated === 'stored') step('drop-column-stored-generated', `dropping the STORED generated column \`${op.column}\``);
        else if (old?.generated === 'virtual') step('drop-column-virtual', `dropping the VIRTUAL column \`${op.column}\``);
        else step('drop-column', `dropping the column \`${op.column}\``);
        break;
      }
      case 'rename-column':
        step('rename-column', `renaming the column \`${op.column}\` to \`${op.newName}\``);
        break;
      case 'modify-column':
        for (const s of columnChangeSteps(ctx, t, op)) step(s.action, s.what, s.assumed);
        break;
      case 'set-default':
      case 'drop-default':
        step('set-default', `changing the default of \`${op.column}\``);
        break;
      case 'create-index':
        if (op.method === 'fulltext') step('add-fulltext-index', `adding the FULLTEXT index${op.name ? ` \`${op.name}\`` : ''}`);
        else if (op.method === 'spatial') step('add-spatial-index', `adding the SPATIAL index${op.name ? ` \`${op.name}\`` : ''}`);
        else step('add-index', `adding the ${op.unique ? 'unique ' : ''}index${op.name ? ` \`${op.name}\`` : ''}`);
        break;
      case 'drop-index':
        step('drop-index', `dropping the index \`${op.indexes[0]?.name ?? ''}\``);
        break;
      case 'rename-index':
        step('rename-index', `renaming the index \`${op.index.name}\``);
        break;
      case 'add-constraint': {
        const c = op.constraint;
        const cols = c.columns.map((x) => `\`${x}\``).join(', ');
        if (c.type === 'primary-key') step(dropsPk ? 'replace-primary-key' : 'add-primary-key', `${dropsPk ? 'replacing the primary key with' : 'adding a primary key on'} (${cols})`);
        else if (c.type === 'unique') step('add-index', `adding the unique index${c.name ? ` \`${c.name}\`` : ''} on (${cols})`);
        else if (c.type === 'foreign-key') step(foreignKeyChecksOff(ctx) ? 'add-foreign-key-unchecked' : 'add-foreign-key', `adding the foreign key${c.name ? ` \`${c.name}\`` : ''} on (${cols})`);
        else if (c.type === 'check') step('add-check', `adding the CHECK constraint${c.name ? ` \`${c.name}\`` : ''}`);
        break;
      }
      case 'drop-constraint':
        if (op.name.toUpperCase() === 'PRIMARY') {
          if (!addsPk) step('drop-primary-key', 'dropping the primary key');
        } else step('drop-foreign-key', `dropping the constraint \`${op.name}\``);
        break;
      case 'rename-table':
        step('rename-table', `renaming the table to \`${op.newName}\``);
        break;
      case 'alter-table': {
        const action = subtypeAction(op);
        if (action) step(action, onlineDdlRow(action).label);
        break;
      }
      default:
        break;
    }
  }
  if (!table || steps.length === 0) return undefined;
  return {
    table,
    steps,
    combined: combineFacts(steps.map((s) => s.fact))!,
    algorithm: options?.algorithm,
    lock: options?.lock,
    optionsOp: options,
    statementType: ctx.statement.statementType,
  };
}

function ddlTable(op: Operation): QualifiedName | undefined {
  switch (op.kind) {
    case 'add-column': case 'drop-column': case 'rename-column': case 'modify-column': case 'set-default': case 'drop-default':
    case 'add-constraint': case 'drop-constraint': case 'alter-table': case 'create-index': case 'rename-table':
      return op.table;
    case 'drop-index':
    case 'rename-index':
      return op.table;
    default:
      return undefined;
  }
}

function subtypeAction(op: OperationOf<'alter-table'>): DdlAction | undefined {
  switch (op.subtype) {
    case 'convert-charset': return 'convert-charset';
    case 'set-charset': return 'set-table-charset';
    case 'set-engine': return op.detail === 'innodb' ? 'force-rebuild' : 'change-engine';
    case 'set-row-format': return 'set-row-format';
    case 'force-rebuild': return 'force-rebuild';
    case 'set-auto-increment': return 'set-auto-increment';
    case 'set-table-option': return 'set-table-option';
    case 'partition-by': case 'remove-partitioning': return 'partition-by';
    case 'index-visibility': case 'column-visibility': return 'index-visibility';
    case 'order-by': return 'order-by';
    default: return undefined;
  }
}

function foreignKeyChecksOff(ctx: Ctx): boolean {
  const v = ctx.settings.get('foreign_key_checks')?.trim().toLowerCase();
  return v === '0' || v === 'off' || v === 'false';
}

/** `ADD COLUMN c ... AFTER <the current last column>` still appends. */
function appendsLast(ctx: Ctx, table: QualifiedName, c: ColumnSpec): boolean {
  if (!c.position || c.position === 'first') return false;
  const cols = [...(ctx.schema.table(table)?.columns.keys() ?? [])];
  // MySQL column names are case-insensitive.
  return cols.length > 0 && cols[cols.length - 1].toLowerCase() === c.position.after.toLowerCase();
}

interface ChangeStep { action: DdlAction; what: string; assumed?: boolean }

/**
 * What `MODIFY`/`CHANGE` changes compared with the column as it stands: MySQL redefines the
 * whole column, so the same text can be a metadata change or a full table copy.
 */
export function columnChangeSteps(ctx: Pick<Ctx, 'schema' | 'engine' | 'version'>, table: QualifiedName, op: OperationOf<'modify-column'>): ChangeStep[] {
  const def = op.definition;
  const col = `\`${op.column}\``;
  const old = ctx.schema.column(table, op.column);
  const out: ChangeStep[] = [];
  if (def.name.toLowerCase() !== op.column.toLowerCase()) out.push({ action: 'rename-column', what: `renaming the column ${col} to \`${def.name}\`` });
  if (!old || !old.type) {
    // The previous definition is unknown (history not replayed): a redefinition may change the type.
    if (def.type) out.push({ action: 'change-column-type', what: `redefining the column ${col} as ${def.type.text} (previous definition unknown: a type or charset change copies the table)`, assumed: true });
    if (def.position) out.push({ action: 'reorder-column', what: `moving the column ${col}` });
    return out;
  }
  const typeChange = def.type ? compareTypes(old.type, def.type, columnCharsets(ctx, table, old, def)) : undefined;
  if (typeChange) out.push({ action: typeChange.action, what: `${typeChange.what} of ${col}` });
  // A new collation re-sorts the column's index entries: counted as a table copy (conservative;
  // MariaDB does it in place only for a column no index uses).
  else if (def.collate && def.collate !== old.collate) out.push({ action: 'change-column-type', what: `changing the collation of ${col} to ${def.collate}` });
  if (def.identity && !old.identity) out.push({ action: 'add-auto-increment-to-column', what: `adding AUTO_INCREMENT to ${col}` });
  const oldNotNull = old.notNull || isPrimaryKeyColumn(ctx, table, op.column);
  const newNotNull = def.notNull || def.primaryKey || isPrimaryKeyColumn(ctx, table, op.column);
  if (newNotNull && !oldNotNull) out.push({ action: 'make-not-null', what: `making ${col} NOT NULL` });
  if (!newNotNull && oldNotNull) out.push({ action: 'make-nullable', what: `making ${col} NULL` });
  if (def.position) out.push({ action: 'reorder-column', what: `moving the column ${col}` });
  if (out.length === 0 && (!!def.default !== old.hasDefault || def.default)) out.push({ action: 'set-default', what: `changing the default of ${col}` });
  return out;
}

/** A column's character set before and after a redefinition, and where each came from (for messages). */
export interface ColumnCharsets {
  old: string;
  next: string;
  /** "the table default", "the MySQL 8.0 server default", or "its CHARACTER SET". */
  nextSource: string;
}

/**
 * The effective character sets of a `MODIFY`/`CHANGE`: a column's own CHARACTER SET, else its
 * table's default, else the server's default at the target version. A redefinition that names no
 * character set takes the table default again: "The table character set and collation are used
 * as default values for column definitions if the column character set and collation are not
 * specified" (MySQL 8.4 Reference Manual §12.3.4 Table Character Set and Collation; a table that
 * names none gets the database's, §12.3.3, which migrasafe takes to be the server default).
 */
export function columnCharsets(ctx: Pick<Ctx, 'schema' | 'engine' | 'version'>, table: QualifiedName, old: ColumnInfo, def: ColumnSpec): ColumnCharsets {
  const t = ctx.schema.table(table);
  const server = serverDefaultCharset(ctx.engine, ctx.version);
  const tableDefault = t?.charset ?? server;
  const tableSource = t?.charset ? `the table default (${t.charset})` : `the ${engineLabel(ctx.engine, ctx.version)} server default (${server})`;
  return {
    old: old.charset ?? tableDefault,
    next: def.charset ?? tableDefault,
    nextSource: def.charset ? `its CHARACTER SET ${def.charset}` : tableSource,
  };
}

function isPrimaryKeyColumn(ctx: Pick<Ctx, 'schema'>, table: QualifiedName, column: string): boolean {
  const lower = column.toLowerCase();
  for (const c of ctx.schema.table(table)?.constraints.values() ?? []) if (c.type === 'primary-key' && c.columns.some((x) => x.toLowerCase() === lower)) return true;
  return false;
}

function compareTypes(old: TypeSpec, next: TypeSpec, cs: ColumnCharsets): { action: DdlAction; what: string } | undefined {
  const o = normalizeType(old);
  const n = normalizeType(next);
  const textual = CHARACTER_TYPES.has(o.name) && CHARACTER_TYPES.has(n.name);
  // Converting stored characters to another set rewrites every value: a table copy.
  if (textual && cs.old !== cs.next) return { action: 'change-column-type', what: `converting ${old.text} from ${cs.old} to ${cs.next}${o.key === n.key ? '' : ` and changing it to ${next.text}`}` };
  if (o.key === n.key) return undefined;
  if ((n.name === 'varchar' || n.name === 'varbinary') && o.name === n.name) {
    const bytes = n.name === 'varbinary' ? 1 : charsetMaxBytes(cs.next);
    const unit = n.name === 'varbinary' ? '1 byte per character' : `${cs.next} from ${cs.nextSource}: ${bytes} byte${bytes > 1 ? 's' : ''} per character`;
    const oldLen = old.modifiers[0] ?? 0;
    const newLen = next.modifiers[0] ?? 0;
    if (newLen > oldLen) {
      const lengthBytes = (chars: number) => (chars * bytes <= 255 ? 1 : 2);
      if (lengthBytes(oldLen) === lengthBytes(newLen)) return { action: 'extend-varchar', what: `extending ${old.text} to ${next.text} (${unit}, the length prefix stays ${lengthBytes(newLen)} byte${lengthBytes(newLen) > 1 ? 's' : ''})` };
      return { action: 'change-column-type', what: `extending ${old.text} to ${next.text} across the 255-byte boundary (${unit}, the length prefix grows from 1 to 2 bytes)` };
    }
    return { action: 'change-column-type', what: `shrinking ${old.text} to ${next.text}` };
  }
  if ((n.name === 'enum' || n.name === 'set') && o.name === n.name) {
    const ov = old.values ?? [];
    const nv = next.values ?? [];
    const appended = nv.length >= ov.length && ov.every((v, i) => nv[i] === v);
    const size = (count: number) => (n.name === 'enum' ? (count <= 255 ? 1 : 2) : [1, 2, 3, 4, 8][Math.min(4, Math.ceil(count / 8) - 1)]);
    if (appended && size(ov.length) === size(nv.length)) return { action: 'enum-append', what: `appending ${n.name.toUpperCase()} members` };
    return { action: 'enum-reorder', what: appended ? `growing the ${n.name.toUpperCase()} past a storage-size boundary` : `inserting, removing or reordering ${n.name.toUpperCase()} members` };
  }
  return { action: 'change-column-type', what: `changing the type from ${old.text} to ${next.text}` };
}

function normalizeType(t: TypeSpec): { name: string; key: string } {
  const name = t.name.toLowerCase();
  // Integer display widths (INT(11)) do not change the type.
  const mods = INTEGER_TYPES.has(name) ? (name === 'tinyint' && t.modifiers[0] === 1 ? '1' : '') : t.modifiers.join(',');
  return { name, key: `${name}(${mods})${t.unsigned ? ' unsigned' : ''}${t.values ? `[${t.values.join('|')}]` : ''}` };
}


/**
 * The new unique key contains every column of a unique key the table already has (before the
 * statement), so it cannot find duplicates: `(namespace, flag, key)` after `UNIQUE (flag, key)`.
 */
export function coversUniqueKey(schema: Ctx['schema'], table: QualifiedName, columns: readonly string[]): boolean {
  const cols = new Set(columns.map((c) => c.toLowerCase()));
  const keys = [
    ...schema.indexesOf(table).filter((i) => i.unique && !i.partial).map((i) => i.columns),
    ...[...(schema.table(table)?.constraints.values() ?? [])].filter((c) => c.type === 'primary-key' || c.type === 'unique').map((c) => c.columns),
  ];
  return keys.some((k) => k.length > 0 && k.every((c) => cols.has(c.toLowerCase())));
}

/** Old column info is exported for messages. */
export type { ColumnInfo };

/** The ALTER specification text after `ALTER TABLE name`, without ALGORITHM/LOCK clauses (for gh-ost --alter). */
export function alterSpecText(ctx: Pick<Ctx, 'statement'>): string | undefined {
  const st = ctx.statement;
  const m = /^\s*ALTER\s+(?:ONLINE\s+)?(?:IGNORE\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?\s+/i.exec(st.text);
  if (!m) return undefined;
  return st.text
    .slice(m[0].length)
    .replace(/,?\s*\b(ALGORITHM|LOCK)\s*=?\s*\w+/gi, '')
    .replace(/^\s*,\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where to append a clause: the end of the statement text. */
export function statementEnd(ctx: Pick<Ctx, 'statement'>): Range {
  return { start: ctx.statement.range.end, end: ctx.statement.range.end };
}
