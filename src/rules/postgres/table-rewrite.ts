import type { Operation, QualifiedName } from '../../core/operations.js';
import { qualifiedKey } from '../../core/operations.js';
import type { Rule, StatementContext } from '../types.js';
import { displayName, quoteName } from '../helpers/sql-text.js';
import { lockFact } from '../helpers/postgres-locks.js';
import { concurrentlyFix } from '../helpers/concurrently.js';
import type { Fix, Suggestion } from '../../core/types.js';

interface Rewrite {
  what: string;
  target?: QualifiedName;
  suggestions: Suggestion[];
  fix?: Fix;
}

const repack = (t: QualifiedName | undefined, extra = '') => ({
  title: 'Rebuild online with pg_repack (extension + client), outside the migration',
  sql: `-- shell: pg_repack --no-order${t ? ` --table=${quoteName(t)}` : ''}${extra} <database>`,
});

/** CONCURRENTLY needs a unique index on the view, which migrasafe cannot always see: never applied automatically. */
const unsafe = (fix: Fix | undefined): Fix | undefined => (fix ? { ...fix, safe: false } : undefined);

/** The whole-table rewrites that have no dedicated rule (ADD COLUMN and ALTER TYPE have theirs). */
function rewriteOf(ctx: StatementContext, op: Operation): Rewrite | undefined {
  const fact = lockFact(ctx, op);
  if (!fact?.rewrite) return undefined;
  switch (op.kind) {
    case 'vacuum':
      return { what: 'VACUUM FULL', target: op.tables[0], suggestions: [repack(op.tables[0])] };
    case 'cluster':
      return { what: 'CLUSTER', target: op.table, suggestions: [repack(op.table, ' --order-by=<index columns>')] };
    case 'refresh-materialized-view':
      return {
        what: 'REFRESH MATERIALIZED VIEW',
        target: op.view,
        fix: unsafe(concurrentlyFix(ctx, /\bVIEW\b/i, 'Refresh concurrently (needs a unique index on the view)')),
        suggestions: [{ title: 'Refresh concurrently: reads continue (needs a UNIQUE index on plain columns of the view)', sql: `REFRESH MATERIALIZED VIEW CONCURRENTLY ${quoteName(op.view)};` }],
      };
    case 'alter-table': {
      const words: Partial<Record<string, string>> = {
        'set-tablespace': 'SET TABLESPACE',
        'set-logged': 'SET LOGGED',
        'set-unlogged': 'SET UNLOGGED',
        'set-access-method': 'SET ACCESS METHOD',
        'set-expression': 'ALTER COLUMN ... SET EXPRESSION',
      };
      const what = words[op.subtype];
      if (!what) return undefined;
      const suggestions: Suggestion[] =
        op.subtype === 'set-tablespace' ? [repack(op.table, ` --tablespace=${op.detail ?? '<tablespace>'} --moveidx`)] : [];
      return { what, target: op.table, suggestions };
    }
    default:
      return undefined;
  }
}

export const tableRewrite: Rule = {
  meta: {
    id: 'table-rewrite',
    engines: ['postgres'],
    category: 'rewrite',
    defaultLevel: 'error',
    description: 'VACUUM FULL, CLUSTER, SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD and non-concurrent REFRESH MATERIALIZED VIEW rewrite the table under ACCESS EXCLUSIVE.',
    fixable: true,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    for (const op of ctx.statement.ops) {
      const rw = rewriteOf(ctx, op);
      if (!rw) continue;
      if (rw.target && (ctx.schema.isNewTable(rw.target) || createdEarlier(ctx, rw.target))) continue;
      const on = rw.target ? ` on ${displayName(rw.target)}` : ' on every table it covers';
      ctx.report({
        op,
        message: `${rw.what}${on} rewrites the whole ${op.kind === 'refresh-materialized-view' ? 'materialized view' : 'table'} and its indexes under an ACCESS EXCLUSIVE lock: every read and write (SELECTs too) waits until the copy is finished, minutes to hours on a large table.${rw.suggestions.length ? '' : ' There is no online form of this command: run it in a maintenance window, with lock_timeout set.'}`,
        why: 'The command writes a new copy of the table (new relfilenode) and holds ACCESS EXCLUSIVE until it commits.',
        fix: rw.fix,
        suggestions: rw.suggestions.length ? rw.suggestions : undefined,
      });
    }
  },
};

/** A materialized view created earlier in this file holds no traffic yet. */
function createdEarlier(ctx: StatementContext, name: QualifiedName): boolean {
  const key = qualifiedKey(name);
  return ctx.statements.slice(0, ctx.statement.index).some((st) => st.ops.some((o) => o.kind === 'create-view' && qualifiedKey(o.view) === key));
}
