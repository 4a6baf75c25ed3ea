import type { Operation } from '../../core/operations.js';
import type { Rule } from '../types.js';
import { migrationParts, objectKey, opsOf, reportRange } from '../helpers/migration-parts.js';

/** What the down direction removes or restores, by object key. */
interface DownEffects {
  droppedTables: Set<string>;
  droppedColumns: Set<string>;
  droppedIndexes: Set<string>;
  droppedConstraints: Set<string>;
  droppedTypes: Set<string>;
  droppedViews: Set<string>;
  droppedSchemas: Set<string>;
  createdTables: Set<string>;
  createdColumns: Set<string>;
  renames: Set<string>;
}

function effects(ops: Operation[]): DownEffects {
  const e: DownEffects = {
    droppedTables: new Set(), droppedColumns: new Set(), droppedIndexes: new Set(), droppedConstraints: new Set(),
    droppedTypes: new Set(), droppedViews: new Set(), droppedSchemas: new Set(), createdTables: new Set(), createdColumns: new Set(), renames: new Set(),
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'drop-table': op.tables.forEach((t) => e.droppedTables.add(objectKey(t))); break;
      case 'drop-column': e.droppedColumns.add(`${objectKey(op.table)}.${op.column}`); break;
      case 'drop-index': op.indexes.forEach((i) => e.droppedIndexes.add(i.name.toLowerCase())); break;
      case 'drop-constraint': e.droppedConstraints.add(`${objectKey(op.table)}.${op.name}`.toLowerCase()); break;
      case 'drop-type': op.types.forEach((t) => e.droppedTypes.add(objectKey(t))); break;
      case 'drop-view': op.views.forEach((v) => e.droppedViews.add(objectKey(v))); break;
      case 'drop-schema': op.names.forEach((n) => e.droppedSchemas.add(n.toLowerCase())); break;
      case 'create-table': e.createdTables.add(objectKey(op.table)); break;
      case 'add-column': e.createdColumns.add(`${objectKey(op.table)}.${op.column.name}`); break;
      case 'rename-table': e.renames.add(`table:${op.table.name}->${op.newName}`.toLowerCase()); break;
      case 'rename-column': e.renames.add(`column:${op.table.name}.${op.column}->${op.newName}`.toLowerCase()); break;
      default:
    }
  }
  return e;
}

/**
 * Compares what the up creates, drops and renames with what the down removes and restores, by
 * object name: a heuristic stand-in for replaying both into a catalog. Objects the down removes
 * wholesale (its table, its schema) count as reverted.
 */
export function unrevertedChanges(upOps: Operation[], downOps: Operation[]): string[] {
  const d = effects(downOps);
  const schemaGone = (key: string) => d.droppedSchemas.has(key.split('.')[0]);
  const tableGone = (key: string) => d.droppedTables.has(key) || schemaGone(key);
  const missing: string[] = [];
  const createdHere = new Set<string>();
  for (const op of upOps) {
    switch (op.kind) {
      case 'create-table': {
        const k = objectKey(op.table);
        createdHere.add(k);
        if (!tableGone(k) && !op.temporary) missing.push(`table ${op.table.name} is created but not dropped`);
        break;
      }
      case 'add-column': {
        const k = objectKey(op.table);
        if (!tableGone(k) && !d.droppedColumns.has(`${k}.${op.column.name}`)) missing.push(`column ${op.table.name}.${op.column.name} is added but not dropped`);
        break;
      }
      case 'create-index': {
        const k = objectKey(op.table);
        if (!op.name || createdHere.has(k)) break;
        const columnGone = op.columns.some((c) => d.droppedColumns.has(`${k}.${c}`));
        if (!tableGone(k) && !columnGone && !d.droppedIndexes.has(op.name.toLowerCase())) missing.push(`index ${op.name} is created but not dropped`);
        break;
      }
      case 'add-constraint': {
        const k = objectKey(op.table);
        const name = op.constraint.name;
        if (!name || createdHere.has(k)) break;
        const columnGone = op.constraint.columns.some((c) => d.droppedColumns.has(`${k}.${c}`));
        if (!tableGone(k) && !columnGone && !d.droppedConstraints.has(`${k}.${name}`.toLowerCase())) missing.push(`constraint ${name} on ${op.table.name} is added but not dropped`);
        break;
      }
      case 'create-enum':
      case 'create-type': {
        const k = objectKey(op.type);
        if (!d.droppedTypes.has(k) && !schemaGone(k)) missing.push(`type ${op.type.name} is created but not dropped`);
        break;
      }
      case 'create-view': {
        const k = objectKey(op.view);
        if (!op.orReplace && !d.droppedViews.has(k) && !schemaGone(k)) missing.push(`view ${op.view.name} is created but not dropped`);
        break;
      }
      case 'drop-table':
        for (const t of op.tables) if (!d.createdTables.has(objectKey(t))) missing.push(`table ${t.name} is dropped but not re-created`);
        break;
      case 'drop-column': {
        const k = objectKey(op.table);
        if (!d.createdColumns.has(`${k}.${op.column}`) && !d.createdTables.has(k)) missing.push(`column ${op.table.name}.${op.column} is dropped but not re-added`);
        break;
      }
      case 'rename-table':
        if (!d.renames.has(`table:${op.newName}->${op.table.name}`.toLowerCase())) missing.push(`table ${op.table.name} is renamed to ${op.newName} but not renamed back`);
        break;
      case 'rename-column':
        if (!d.renames.has(`column:${op.table.name}.${op.newName}->${op.column}`.toLowerCase())) missing.push(`column ${op.table.name}.${op.column} is renamed to ${op.newName} but not renamed back`);
        break;
      default:
    }
  }
  return missing;
}

export const downDoesNotRevert: Rule = {
  meta: {
    id: 'down-does-not-revert',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'correctness',
    defaultLevel: 'warn',
    description: 'The down migration does not undo what the up did (objects created but not dropped, dropped but not re-created, renamed but not renamed back).',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkFile(ctx) {
    if (!ctx.migration || ctx.migration.role !== 'up') return;
    const parts = migrationParts(ctx);
    if (parts.down.length === 0 || parts.up.length === 0) return;
    const missing = unrevertedChanges(opsOf(parts.up), opsOf(parts.down));
    if (missing.length === 0) return;
    const shown = missing.slice(0, 5).join('; ') + (missing.length > 5 ? `; and ${missing.length - 5} more` : '');
    const where = parts.downSource === 'file' ? `its down file ${parts.downPath!.split(/[\\/]/).pop()}` : 'its down section';
    ctx.report({
      range: reportRange(parts),
      message: `Rolling this migration back with ${where} leaves the schema different from before: ${shown}. A later re-run of the up then fails or the schema drifts; make the down the exact inverse.`,
      why: 'After a rollback the database must match the previous release, or the next deploy meets a schema nobody tested.',
    });
  },
};
