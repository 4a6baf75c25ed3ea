import { qualifiedKey, type Operation } from '../../core/operations.js';
import type { Rule } from '../types.js';
import { isDataChange, isSchemaChange } from '../helpers/change-kinds.js';
import { bySegment } from '../helpers/migration-parts.js';

function dataTable(op: Operation): string | undefined {
  return 'table' in op && op.table && typeof op.table === 'object' ? qualifiedKey(op.table) : undefined;
}

export const mixedSchemaAndData: Rule = {
  meta: {
    id: 'mixed-schema-and-data',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'data',
    defaultLevel: 'warn',
    description: 'Schema changes and data changes (INSERT/UPDATE/DELETE/COPY) in the same migration.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkFile(ctx) {
    // Each segment (dbmate section, Liquibase changeset, ...) runs as its own migration.
    for (const statements of bySegment(ctx.file, ctx.file.parsed.statements.filter((st) => ctx.file.direction(st) === 'up')).values()) {
      const schema = statements.filter((st) => st.ops.some(isSchemaChange));
      const data = statements.filter((st) => st.ops.some(isDataChange));
      if (schema.length === 0 || data.length === 0) continue;
      const created = new Set(statements.flatMap((st) => st.ops.filter((o) => o.kind === 'create-table').map((o) => dataTable(o)!)));
      // Seed rows for tables this migration creates: nothing live depends on them yet.
      const seedOnly = data.every((st) => st.ops.filter(isDataChange).every((o) => { const t = dataTable(o); return t !== undefined && created.has(t); }));
      const first = data[0];
      const verbs = [...new Set(data.flatMap((st) => st.ops.filter(isDataChange).map((o) => o.kind.toUpperCase())))].join('/');
      const counts = `${schema.length} schema change${schema.length > 1 ? 's' : ''} and ${data.length} data change${data.length > 1 ? 's' : ''} (${verbs})`;
      ctx.report({
        range: first.range,
        level: seedOnly ? 'info' : undefined,
        message: seedOnly
          ? `This migration mixes ${counts}: seed rows for a table it creates. That is fine for a small fixed list; larger or environment-specific data belongs in its own data migration, so a failed load does not roll back (or half-apply) the schema change.`
          : `This migration mixes ${counts}. In one transaction the data change holds every lock the schema changes took until it finishes; without one, a failure leaves the schema changed and the data half-done. Schema and data also ship at different times (the backfill runs after the code writes the new column). Move the data change to its own migration.`,
        why: 'Schema changes must be quick and retryable; data changes are slow, sized by the table, and often must wait for a code deploy.',
        suggestions: [
          {
            title: 'Split into a schema migration and a data migration',
            sql: [
              `-- migration N (schema):`,
              ...schema.slice(0, 3).map((st) => `--   ${oneLine(st.text)}`),
              ...(schema.length > 3 ? [`--   ... (${schema.length - 3} more)`] : []),
              `-- migration N+1 (data, run after the code that needs it is deployed; batch large UPDATE/DELETE):`,
              ...data.slice(0, 3).map((st) => `--   ${oneLine(st.text)}`),
              ...(data.length > 3 ? [`--   ... (${data.length - 3} more)`] : []),
            ].join('\n'),
          },
        ],
      });
    }
  },
};

function oneLine(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}
