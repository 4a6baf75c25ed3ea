import type { Operation, QualifiedName } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { ReleaseFile } from '../types.js';

/** A drop or rename of a table or column that existed before the release (a "contract" step). */
export interface ContractStep {
  file: ReleaseFile;
  statement: Statement;
  op: Operation;
  kind: 'drop-table' | 'rename-table' | 'drop-column' | 'rename-column';
  table: QualifiedName;
  column?: string;
  /** The name that stops existing (table or column). */
  oldName: string;
  newName?: string;
}

/** Up-direction statements of a release file (down files and down sections are not deployed forward). */
export function upStatements(file: ReleaseFile): Statement[] {
  return file.role === 'down' ? [] : file.parsed.statements.filter((st) => st.kind === 'parsed');
}

/** Contract steps of the release on objects that existed before it (new tables and columns can go freely). */
export function contractSteps(files: readonly ReleaseFile[]): ContractStep[] {
  const out: ContractStep[] = [];
  for (const file of files) {
    for (const st of upStatements(file)) {
      for (const op of st.ops) {
        if (op.kind !== 'drop-table' && op.kind !== 'rename-table' && op.kind !== 'drop-column' && op.kind !== 'rename-column') continue;
        const schema = file.schemaAt(st.index);
        if (op.kind === 'drop-table') {
          for (const t of op.tables) if (!schema.isNewTable(t)) out.push({ file, statement: st, op, kind: op.kind, table: t, oldName: t.name });
          continue;
        }
        if (schema.isNewTable(op.table)) continue;
        if (op.kind === 'rename-table') {
          out.push({ file, statement: st, op, kind: op.kind, table: op.table, oldName: op.table.name, newName: op.newName });
          continue;
        }
        if (schema.isNewColumn(op.table, op.column)) continue;
        out.push({ file, statement: st, op, kind: op.kind, table: op.table, column: op.column, oldName: op.column, newName: op.kind === 'rename-column' ? op.newName : undefined });
      }
    }
  }
  return out;
}

export function describeStep(s: ContractStep): string {
  const t = s.table.schema ? `${s.table.schema}.${s.table.name}` : s.table.name;
  switch (s.kind) {
    case 'drop-table':
      return `drops table \`${t}\``;
    case 'rename-table':
      return `renames table \`${t}\` to \`${s.newName}\``;
    case 'drop-column':
      return `drops column \`${t}.${s.column}\``;
    default:
      return `renames column \`${t}.${s.column}\` to \`${s.newName}\``;
  }
}
