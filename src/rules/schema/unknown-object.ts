import type { Operation, QualifiedName } from '../../core/operations.js';
import type { SchemaView } from '../../schema/catalog.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName } from '../helpers/sql-text.js';

/** Table-level operations that fail when their table does not exist. */
const ALTERS_TABLE = new Set<Operation['kind']>([
  'rename-table', 'set-schema', 'add-column', 'drop-column', 'rename-column', 'alter-column-type', 'set-not-null', 'drop-not-null',
  'set-default', 'drop-default', 'add-constraint', 'validate-constraint', 'drop-constraint', 'rename-constraint', 'create-index', 'alter-table',
]);

const HISTORY_HINT = 'On a database built from these migrations the statement fails. Check the spelling and case (an unquoted name folds to lower case; "Name" in quotes does not), whether an earlier migration already dropped or renamed it, and the order of the files.';

function caseHint(candidates: Iterable<string>, name: string): string {
  for (const c of candidates) if (c !== name && c.toLowerCase() === name.toLowerCase()) return ` (there is \`${c}\`: quote it as "${c}")`;
  return '';
}

function missingTable(schema: SchemaView, q: QualifiedName): boolean {
  return schema.tableExists(q) === 'missing';
}

function checkOp(ctx: StatementContext, op: Operation, reportedTables: Set<string>, addedHere: Set<string>, droppedHere: ReadonlySet<string>): void {
  const s = ctx.schema;
  const tableMissing = (q: QualifiedName, verb: string) => {
    const key = `${q.schema ?? ''}.${q.name}`;
    if (reportedTables.has(key) || !missingTable(s, q)) return true;
    reportedTables.add(key);
    ctx.report({ op, message: `${verb} ${displayName(q)}: no table ${displayName(q)} exists at this point of the migration history. ${HISTORY_HINT}` });
    return true;
  };
  switch (op.kind) {
    case 'drop-table':
      if (!op.ifExists) for (const t of op.tables) tableMissing(t, 'DROP TABLE');
      return;
    case 'drop-index':
      if (op.ifExists) return;
      for (const i of op.indexes) {
        if (s.indexExists(i) === 'missing') ctx.report({ op, message: `DROP INDEX ${displayName(i)}: no index ${displayName(i)} exists at this point of the migration history. ${HISTORY_HINT}` });
      }
      return;
    case 'rename-index':
      if (s.indexExists(op.index) === 'missing') ctx.report({ op, message: `ALTER INDEX ${displayName(op.index)} RENAME: no index ${displayName(op.index)} exists at this point of the migration history. ${HISTORY_HINT}` });
      return;
    default:
      break;
  }
  if (!ALTERS_TABLE.has(op.kind) || !('table' in op) || !op.table) return;
  const table = op.table as QualifiedName;
  if (s.tableExists(table) === 'missing') {
    tableMissing(table, op.kind === 'create-index' ? 'CREATE INDEX ON' : 'ALTER TABLE');
    return;
  }
  const t = s.table(table);
  const columnMissing = (column: string, verb: string) => {
    // `ADD COLUMN a int, ALTER COLUMN a SET DEFAULT 0` in one statement: the schema is the one before the statement.
    if (addedHere.has(`${table.name}.${column}`) || s.columnExists(table, column) !== 'missing') return;
    ctx.report({ op, message: `${verb}: column \`${column}\` does not exist on ${displayName(table)} at this point of the migration history${caseHint(t?.columns.keys() ?? [], column)}. ${HISTORY_HINT}` });
  };
  const constraintMissing = (name: string, verb: string) => {
    if (s.constraintExists(table, name) !== 'missing') return;
    ctx.report({ op, message: `${verb}: ${displayName(table)} has no constraint \`${name}\` at this point of the migration history${caseHint(t?.constraints.keys() ?? [], name)}. ${HISTORY_HINT}` });
  };
  switch (op.kind) {
    case 'add-column':
      addedHere.add(`${table.name}.${op.column.name}`);
      // PostgreSQL runs an ALTER TABLE's drops first: `DROP COLUMN v, ADD COLUMN v new_type`
      // (what Prisma writes to change a column to an enum) re-creates v.
      if (!op.ifNotExists && !droppedHere.has(`${table.name}.${op.column.name}`) && s.columnSurelyExists(table, op.column.name)) {
        ctx.report({ op, message: `ADD COLUMN ${op.column.name}: ${displayName(table)} already has a column \`${op.column.name}\` at this point of the migration history, so the statement fails ("column already exists"). Rename the new column, or use ADD COLUMN IF NOT EXISTS if the migration must be re-runnable.` });
      }
      return;
    case 'drop-column':
      if (!op.ifExists) columnMissing(op.column, `DROP COLUMN ${op.column}`);
      return;
    case 'rename-column':
      columnMissing(op.column, `RENAME COLUMN ${op.column}`);
      return;
    case 'alter-column-type':
    case 'set-not-null':
    case 'drop-not-null':
    case 'set-default':
    case 'drop-default':
      columnMissing(op.column, `ALTER COLUMN ${op.column}`);
      return;
    case 'drop-constraint':
      if (!op.ifExists) constraintMissing(op.name, `DROP CONSTRAINT ${op.name}`);
      return;
    case 'validate-constraint':
      constraintMissing(op.name, `VALIDATE CONSTRAINT ${op.name}`);
      return;
    case 'rename-constraint':
      constraintMissing(op.name, `RENAME CONSTRAINT ${op.name}`);
      return;
    default:
      return;
  }
}

export const unknownObject: Rule = {
  meta: {
    id: 'unknown-object',
    engines: ['postgres'],
    category: 'correctness',
    defaultLevel: 'warn',
    description: 'A drop, rename or change of a table, column, index or constraint the migration history never created (or ADD COLUMN of one that exists).',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    // Only a replayed history can say that something does not exist.
    if (!ctx.schema.complete) return;
    const reportedTables = new Set<string>();
    const addedHere = new Set<string>();
    const droppedHere = new Set(ctx.statement.ops.flatMap((op) => (op.kind === 'drop-column' ? [`${op.table.name}.${op.column}`] : [])));
    for (const op of ctx.statement.ops) checkOp(ctx, op, reportedTables, addedHere, droppedHere);
  },
};
