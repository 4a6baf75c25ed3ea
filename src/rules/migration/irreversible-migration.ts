import { quoteIdent, quoteName } from '../helpers/sql-text.js';
import type { Rule } from '../types.js';
import { migrationParts, objectKey, opsOf } from '../helpers/migration-parts.js';

export const irreversibleMigration: Rule = {
  meta: {
    id: 'irreversible-migration',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'data-loss',
    defaultLevel: 'warn',
    description: 'The up destroys data (drops a table or column, truncates, deletes) and the down only re-creates the empty structure.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkFile(ctx) {
    if (!ctx.migration || ctx.migration.role !== 'up') return;
    const parts = migrationParts(ctx);
    if (parts.down.length === 0) return;
    const downOps = opsOf(parts.down);
    // Data the down copies back from somewhere (INSERT ... SELECT, CREATE TABLE ... AS) counts as restored.
    const restores = new Set(downOps.filter((o) => (o.kind === 'insert' && o.fromSelect) || o.kind === 'update').map((o) => objectKey((o as { table: { name: string; schema?: string } }).table)));
    const savedInUp = opsOf(parts.up).some((o) => (o.kind === 'create-table' && o.asSelect) || (o.kind === 'insert' && o.fromSelect));
    if (savedInUp) return;
    for (const st of parts.up) {
      for (const op of st.ops) {
        let what: string | undefined;
        let suggestion: string | undefined;
        if (op.kind === 'drop-column') {
          const k = objectKey(op.table);
          const recreated = downOps.some((o) => (o.kind === 'add-column' && objectKey(o.table) === k && o.column.name === op.column) || (o.kind === 'create-table' && objectKey(o.table) === k));
          if (!recreated || restores.has(k)) continue;
          what = `column ${op.table.name}.${op.column}`;
          suggestion = [
            `-- Keep the data until the contract is verified, then drop the backup in a later release:`,
            `CREATE TABLE ${quoteIdent(`${op.table.name}_${op.column}_backup`)} AS SELECT <primary key>, ${quoteIdent(op.column)} FROM ${quoteName(op.table)};`,
            `ALTER TABLE ${quoteName(op.table)} DROP COLUMN ${quoteIdent(op.column)};`,
          ].join('\n');
        } else if (op.kind === 'drop-table') {
          const gone = op.tables.filter((t) => downOps.some((o) => o.kind === 'create-table' && objectKey(o.table) === objectKey(t)) && !restores.has(objectKey(t)));
          if (gone.length === 0) continue;
          what = `table ${gone.map((t) => t.name).join(', ')}`;
          suggestion = `-- Rename instead of dropping, and drop the renamed table in a later release once nothing needs it:\n${gone.map((t) => `ALTER TABLE ${quoteName(t)} RENAME TO ${quoteIdent(`${t.name}_retired`)};`).join('\n')}`;
        } else if (op.kind === 'truncate' || (op.kind === 'delete' && !op.where)) {
          const tables = op.kind === 'truncate' ? op.tables : [op.table];
          if (tables.every((t) => restores.has(objectKey(t)))) continue;
          what = `every row of ${tables.map((t) => t.name).join(', ')}`;
          suggestion = tables.map((t) => `CREATE TABLE ${quoteIdent(`${t.name}_backup`)} AS TABLE ${quoteName(t)};  -- before deleting; drop it once the release is verified`).join('\n');
        }
        if (!what) continue;
        const lost = op.kind === 'truncate' || op.kind === 'delete' ? 'its rollback cannot bring the rows back' : 'its rollback only re-creates the empty structure';
        ctx.report({
          range: op.range ?? st.range,
          message: `This migration deletes ${what}, and ${lost}: rolling back loses the data for good. Keep the data (a backup table, or leave the column in place) until the contract step is verified.`,
          why: 'A rollback that restores the schema but not the data looks safe in review and silently loses production data.',
          suggestions: suggestion ? [{ title: 'Keep the data until the contract is verified', sql: suggestion }] : undefined,
        });
      }
    }
  },
};
