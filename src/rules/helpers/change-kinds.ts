import type { Operation } from '../../core/operations.js';

/** Operations that change the schema of tables and types (what a "schema migration" holds). */
const SCHEMA_KINDS = new Set<Operation['kind']>([
  'create-table', 'drop-table', 'rename-table', 'set-schema', 'add-column', 'drop-column', 'rename-column',
  'alter-column-type', 'set-not-null', 'drop-not-null', 'set-default', 'drop-default', 'add-constraint',
  'validate-constraint', 'drop-constraint', 'rename-constraint', 'create-index', 'drop-index', 'rename-index',
  'attach-partition', 'detach-partition', 'alter-table', 'create-view', 'drop-view', 'create-enum',
  'add-enum-value', 'rename-enum-value', 'create-type', 'drop-type', 'create-domain', 'alter-domain-add-constraint',
  'create-trigger', 'drop-trigger',
]);

/** Operations that change rows. */
const DATA_KINDS = new Set<Operation['kind']>(['insert', 'update', 'delete', 'copy']);

export function isSchemaChange(op: Operation): boolean {
  return SCHEMA_KINDS.has(op.kind);
}

export function isDataChange(op: Operation): boolean {
  // COPY ... TO only reads.
  return DATA_KINDS.has(op.kind) && !(op.kind === 'copy' && !op.from);
}
