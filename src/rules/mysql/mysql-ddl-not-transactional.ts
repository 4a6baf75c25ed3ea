import type { Operation, QualifiedName } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import { LineIndex } from '../../core/line-index.js';
import { CHARACTER_TYPES, serverDefaultCharset } from '../../engines/mysql/charsets.js';
import { mysqlTypeRisk, repertoire } from '../../engines/mysql/type-changes.js';
import type { FileInfo, Rule, StatementContext } from '../types.js';
import { columnCharsets, columnChangeSteps, coversUniqueKey } from '../helpers/mysql-ddl.js';
import { statementsSoFar } from '../helpers/earlier-statement.js';

/** Operations that are DDL in MySQL: each one commits the open transaction implicitly. */
const DDL_KINDS = new Set<Operation['kind']>([
  'create-table', 'drop-table', 'rename-table', 'truncate', 'add-column', 'drop-column', 'rename-column', 'modify-column',
  'set-default', 'drop-default', 'add-constraint', 'drop-constraint', 'create-index', 'drop-index', 'rename-index',
  'alter-table', 'create-view', 'drop-view', 'create-trigger', 'drop-trigger', 'create-function', 'create-schema',
  'drop-database', 'create-sequence', 'drop-sequence',
]);

const ZERO_DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);

function isDdl(st: Statement): boolean {
  return st.ops.some((o) => DDL_KINDS.has(o.kind));
}

/**
 * Running it again after a partial failure is harmless: `CREATE ... IF NOT EXISTS`, `DROP ... IF
 * EXISTS`, or a procedure/function/trigger the file drops `IF EXISTS` before creating it.
 */
function isRerunnable(st: Statement, earlier: readonly Statement[]): boolean {
  return st.ops.every((o) => {
    if (!DDL_KINDS.has(o.kind)) return true;
    if (('ifNotExists' in o && o.ifNotExists) || ('ifExists' in o && o.ifExists)) return true;
    if (o.kind === 'create-function' || o.kind === 'create-trigger') {
      const name = (o.kind === 'create-function' ? o.name.name : o.name).toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const drop = new RegExp(`^\\s*DROP\\s+(?:PROCEDURE|FUNCTION|TRIGGER)\\s+IF\\s+EXISTS\\s+(?:\`?\\w+\`?\\.)?\`?${name}\`?`, 'i');
      return earlier.some((e) => drop.test(e.text));
    }
    return false;
  });
}

/**
 * Why this statement can fail because of the data already in an existing table (so a migration
 * that reached it may stop half-applied), or undefined. Statements on tables created earlier in
 * the file act on empty tables and fail, if at all, in every test run too.
 */
function dataRisk(ctx: StatementContext, st: Statement, earlier: readonly Statement[]): string | undefined {
  const s = ctx.schema;
  for (const op of st.ops) {
    if (!('table' in op) || !op.table || s.isNewTable(op.table)) continue;
    switch (op.kind) {
      case 'add-constraint': {
        const c = op.constraint;
        // Columns added in this migration without a value hold only NULLs: no duplicate, no orphan.
        if (c.columns.length > 0 && c.columns.every((col) => s.isNewColumn(op.table, col) && !s.column(op.table, col)?.notNull)) break;
        if ((c.type === 'unique' || c.type === 'primary-key') && !coversUniqueKey(ctx.schema, op.table, c.columns)) return 'a duplicate value makes the new key fail (ERROR 1062)';
        if (c.type === 'check') return 'a row violating the CHECK makes it fail (ERROR 3819)';
        if (c.type === 'foreign-key' && !foreignKeyChecksOff(ctx) && !(c.name && recreated(c.name, [...earlier, st]))) return 'a row without a parent makes the foreign key fail (ERROR 1452)';
        break;
      }
      case 'create-index':
        if (op.unique && !coversUniqueKey(ctx.schema, op.table, op.columns)) return 'a duplicate value makes the unique index fail (ERROR 1062)';
        break;
      case 'add-column': {
        const c = op.column;
        if (c.unique || c.primaryKey) return 'the new key fails when existing rows get the same value (ERROR 1062)';
        if (c.notNull && !c.default && ZERO_DATE_TYPES.has(c.type?.name.toLowerCase() ?? '')) return "existing rows would get the zero date, which strict sql_mode rejects (ERROR 1292)";
        break;
      }
      case 'modify-column': {
        const steps = columnChangeSteps(ctx, op.table, op);
        if (steps.some((x) => x.action === 'make-not-null')) return 'a NULL left in the column makes it fail (ERROR 1138 / 1265 under strict sql_mode)';
        const old = s.column(op.table, op.column);
        if (old?.type && op.definition.type) {
          const cs = columnCharsets(ctx, op.table, old, op.definition);
          const risk = mysqlTypeRisk(old.type, op.definition.type, cs.old, cs.next);
          if (risk && risk.kind !== 'precision') return `a value that does not fit the new type makes it fail under strict sql_mode (${risk.detail})`;
        }
        break;
      }
      case 'alter-table':
        if (op.subtype === 'convert-charset' && op.detail && convertLoses(ctx, op.table, op.detail)) return `a character ${op.detail} cannot store makes it fail (ERROR 1366)`;
        break;
      case 'insert':
        return op.fromSelect ? 'INSERT ... SELECT fails on a duplicate key, a missing parent or a value that does not fit' : 'the INSERT fails on a duplicate key or a missing parent';
      default:
        break;
    }
  }
  return undefined;
}

/** A foreign key of this name was dropped earlier in the migration: the data satisfied it until then. */
function recreated(name: string, statements: readonly Statement[]): boolean {
  const n = name.toLowerCase();
  return statements.some((e) => e.ops.some((o) => o.kind === 'drop-constraint' && o.name.toLowerCase() === n));
}

interface Risky { statement: Statement; segment: number; risk: string; applied: number; inTx: boolean }

/** One migration of the file (segment) up to the statement being checked. */
interface SoFar {
  /** Its up statements so far, in order. */
  statements: Statement[];
  /** How many of them are DDL that a re-run would fail on (already committed). */
  applied: number;
  /** A START TRANSACTION/BEGIN came first. */
  inTx: boolean;
}

/**
 * Each migration of the file (by segment) as far as the statement being checked, each earlier
 * statement added once. (Filtering every earlier statement for every statement, and each of those
 * against the ones before it, grew with the cube of the file.)
 */
const migrationSoFar = statementsSoFar(
  () => new Map<number, SoFar>(),
  (segments, ctx, e) => {
    if (e.kind === 'meta' || ctx.file.direction(e) !== 'up') return;
    const k = ctx.file.segmentIndex(e);
    let seg = segments.get(k);
    if (!seg) segments.set(k, (seg = { statements: [], applied: 0, inTx: false }));
    if (isDdl(e) && !isRerunnable(e, seg.statements)) seg.applied++;
    if (e.ops.some((o) => o.kind === 'transaction' && o.action === 'begin')) seg.inTx = true;
    seg.statements.push(e);
  },
);

/** Statements judged risky by checkStatement, per file being linted (released by checkFile). */
const risky = new WeakMap<FileInfo, Risky[]>();

/** Some character column holds a character set wider than the target of CONVERT TO (unknown columns: assume so). */
function convertLoses(ctx: StatementContext, table: QualifiedName, target: string): boolean {
  const t = ctx.schema.table(table);
  const server = serverDefaultCharset(ctx.engine, ctx.version);
  if (!t || t.placeholder || !t.columnsComplete) return repertoire(target) < repertoire('utf8mb4');
  return [...t.columns.values()].some((c) => c.type && CHARACTER_TYPES.has(c.type.name.toLowerCase()) && repertoire(c.charset ?? t.charset ?? server) > repertoire(target));
}

function foreignKeyChecksOff(ctx: StatementContext): boolean {
  const v = ctx.settings.get('foreign_key_checks')?.trim().toLowerCase();
  return v === '0' || v === 'off' || v === 'false';
}

export const mysqlDdlNotTransactional: Rule = {
  meta: {
    id: 'mysql-ddl-not-transactional',
    engines: ['mysql', 'mariadb'],
    category: 'transactions',
    defaultLevel: 'warn',
    description: 'A statement that can fail on existing data after DDL already committed in the same migration: MySQL commits each DDL implicitly, so the migration is left half-applied.',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const st = ctx.statement;
    const segment = ctx.file.segmentIndex(st);
    const before = migrationSoFar(ctx).get(segment);
    if (!before || before.applied === 0) return;
    const risk = dataRisk(ctx, st, before.statements);
    if (!risk) return;
    // Judged here, with the schema just before the statement; reported once per migration by checkFile.
    let found = risky.get(ctx.file);
    if (!found) risky.set(ctx.file, (found = []));
    found.push({ statement: st, segment, risk, applied: before.applied, inTx: before.inTx });
  },
  checkFile(ctx) {
    const found = risky.get(ctx.file);
    if (!found) return;
    risky.delete(ctx.file);
    const engine = ctx.engine === 'mariadb' ? 'MariaDB' : 'MySQL';
    const index = new LineIndex(ctx.file.text);
    for (const segment of new Set(found.map((f) => f.segment))) {
      const [first, ...more] = found.filter((f) => f.segment === segment);
      const n = first.applied;
      const lines = more.map((f) => index.position(f.statement.range.start).line);
      const others = more.length ? ` ${more.length} later statement${more.length > 1 ? 's' : ''} of this migration can fail the same way (line${more.length > 1 ? 's' : ''} ${lines.join(', ')}).` : '';
      ctx.report({
        range: first.statement.range,
        message: `This statement can fail on the data already in the table (${first.risk}), and ${n === 1 ? 'the DDL statement before it has' : `${n} DDL statements before it have`} already been committed: ${engine} commits each DDL on its own${first.inTx ? ' (START TRANSACTION/BEGIN does not change that)' : ''}. If it fails, the migration is left half-applied, the tool records it as failed (or not at all), and re-running it fails on the changes already made.${others} Run it in its own migration, check the data first, or make the earlier statements re-runnable (IF NOT EXISTS / IF EXISTS).`,
        why: 'MySQL has no transactional DDL: there is no rollback for a half-applied schema migration, and a data-dependent statement is the one most likely to fail in production after passing on an empty test database.',
      });
    }
  },
};
