import { qualifiedKey, type QualifiedName } from '../../core/operations.js';
import { atLeast } from '../../engines/version.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName, quoteIdent, quoteName } from '../helpers/sql-text.js';

/** The partition key of `parent`, when its CREATE TABLE ... PARTITION BY is in this file. */
function partitionKey(ctx: StatementContext, parent: QualifiedName): { method: string; columns: string[] } | undefined {
  const key = qualifiedKey(parent);
  for (const st of ctx.statements.slice(0, ctx.statement.index)) {
    if (!st.ops.some((o) => o.kind === 'create-table' && o.partitioned && qualifiedKey(o.table) === key)) continue;
    const m = /PARTITION\s+BY\s+(RANGE|LIST|HASH)\s*\(([^)]*)\)/i.exec(st.text);
    if (m) return { method: m[1].toUpperCase(), columns: m[2].split(',').map((c) => c.trim()) };
  }
  return undefined;
}

/** A CHECK expression equivalent to the partition bound, for one key column. */
function boundCheck(bound: string, col: string): string | undefined {
  const range = /^FROM\s*\((.*)\)\s*TO\s*\((.*)\)$/is.exec(bound.trim());
  if (range) {
    const parts = [`${col} IS NOT NULL`];
    if (!/^MINVALUE$/i.test(range[1].trim())) parts.push(`${col} >= ${range[1].trim()}`);
    if (!/^MAXVALUE$/i.test(range[2].trim())) parts.push(`${col} < ${range[2].trim()}`);
    return parts.join(' AND ');
  }
  const list = /^IN\s*\((.*)\)$/is.exec(bound.trim());
  if (list) return `${col} IS NOT NULL AND ${col} IN (${list[1].trim()})`;
  return undefined;
}

export const attachPartitionScan: Rule = {
  meta: {
    id: 'attach-partition-scan',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'error',
    description: 'ATTACH PARTITION scans the new partition under an ACCESS EXCLUSIVE lock unless a validated CHECK constraint already implies the bound.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      if (op.kind !== 'attach-partition' || /^DEFAULT$/i.test(op.bound.trim())) continue;
      // An empty table created in this migration has nothing to scan.
      if (ctx.schema.isNewTable(op.partition)) continue;
      const child = ctx.schema.table(op.partition);
      if (child && [...child.constraints.values()].some((c) => c.type === 'check' && c.validated)) continue;
      const key = partitionKey(ctx, op.table);
      const col = key && key.columns.length === 1 && key.method !== 'HASH' ? key.columns[0] : '<partition key>';
      const check = boundCheck(op.bound, col);
      const name = quoteIdent(`${op.partition.name}_bound`.slice(0, 63));
      const p = quoteName(op.partition);
      const parentLock = atLeast(ctx.version, 12) ? 'SHARE UPDATE EXCLUSIVE on the parent' : 'ACCESS EXCLUSIVE on the parent (before PostgreSQL 12)';
      ctx.report({
        op,
        message: `ATTACH PARTITION ${displayName(op.partition)} to ${displayName(op.table)} reads every row of ${displayName(op.partition)} to check the bound (FOR VALUES ${op.bound}) while holding an ACCESS EXCLUSIVE lock on it (and ${parentLock}). Add a CHECK constraint matching the bound NOT VALID, validate it, then attach: the scan is skipped.`,
        why: 'PostgreSQL skips the validation scan when an existing valid CHECK constraint implies the partition constraint. A DEFAULT partition, if any, is also scanned.',
        suggestions: check
          ? [
              {
                title: 'Prove the bound with a validated CHECK first, then attach without a scan',
                sql: [
                  `ALTER TABLE ${p} ADD CONSTRAINT ${name} CHECK (${check}) NOT VALID;`,
                  `-- separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue):`,
                  `ALTER TABLE ${p} VALIDATE CONSTRAINT ${name};`,
                  `${ctx.statement.text};`,
                  `ALTER TABLE ${p} DROP CONSTRAINT ${name}; -- now redundant with the partition bound`,
                ].join('\n'),
              },
            ]
          : [{ title: 'Prove the bound with a validated CHECK first', sql: `-- hash bounds: ADD CONSTRAINT ... CHECK (satisfies_hash_partition(...)) NOT VALID, VALIDATE it, then attach\n${ctx.statement.text};` }],
      });
    }
  },
};
