import type { Operation } from '../../core/operations.js';
import type { Statement } from '../../core/statement.js';
import type { Range } from '../../core/types.js';
import type { Rule } from '../types.js';
import { quoteIdent, quoteName } from '../helpers/sql-text.js';

interface Robust {
  /** What to insert and where (a pattern whose match ends at the insertion point). */
  insert: string;
  after: RegExp;
  /** Safe for --fix: IF EXISTS on a drop cannot hide a wrong schema; IF NOT EXISTS on a create can. */
  safe: boolean;
  /** When IF [NOT] EXISTS does not exist for the statement: the statement to run first instead. */
  before?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ident = (name: string) => `(?:"${esc(name.replace(/"/g, '""'))}"|${esc(name)})`;

function textSays(st: Statement, re: RegExp): boolean {
  return re.test(st.text.replace(/'(?:[^']|'')*'/g, "''"));
}

/** How to make an operation safe to run twice, or undefined when it already is (or cannot be). */
function robustForm(op: Operation, st: Statement): Robust | undefined {
  switch (op.kind) {
    case 'create-table':
      if (op.ifNotExists || op.temporary || op.asSelect) return undefined;
      return { insert: 'IF NOT EXISTS ', after: /^\s*create\s+(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table\s+/i, safe: false };
    case 'create-index':
      if (op.ifNotExists || !op.name) return undefined;
      // CONCURRENTLY ... IF NOT EXISTS would skip an INVALID index left by a failed build: drop it first instead.
      if (op.concurrently) {
        const idx = op.schema ? `${quoteIdent(op.schema)}.${quoteIdent(op.name)}` : quoteIdent(op.name);
        return { insert: '', after: /^/, safe: false, before: `DROP INDEX CONCURRENTLY IF EXISTS ${idx};` };
      }
      return { insert: 'IF NOT EXISTS ', after: /^\s*create\s+(?:unique\s+)?index\s+/i, safe: false };
    case 'drop-table':
    case 'drop-index':
      if (op.ifExists) return undefined;
      return { insert: 'IF EXISTS ', after: /^\s*drop\s+(?:table|index(?:\s+concurrently)?)\s+/i, safe: true };
    case 'drop-view':
    case 'drop-type':
    case 'drop-sequence':
    case 'drop-schema':
    case 'drop-trigger':
      if (textSays(st, /^\s*drop\s+[\w\s]*?\bif\s+exists\b/i)) return undefined;
      return { insert: 'IF EXISTS ', after: /^\s*drop\s+(?:materialized\s+view|view|type|sequence|schema|trigger)\s+/i, safe: true };
    case 'create-sequence':
    case 'create-schema':
    case 'create-extension':
      if (textSays(st, /^\s*create\s+[\w\s]*?\bif\s+not\s+exists\b/i)) return undefined;
      return { insert: 'IF NOT EXISTS ', after: /^\s*create\s+(?:(?:temp|temporary|unlogged)\s+)?(?:sequence|schema|extension)\s+/i, safe: false };
    case 'add-column':
      if (op.ifNotExists) return undefined;
      return { insert: 'IF NOT EXISTS ', after: new RegExp(`\\badd\\s+(?:column\\s+)?(?=${ident(op.column.name)}\\s)`, 'i'), safe: false };
    case 'drop-column':
      if (op.ifExists) return undefined;
      return { insert: 'IF EXISTS ', after: new RegExp(`\\bdrop\\s+(?:column\\s+)?(?=${ident(op.column)}(?:\\s|;|,|$))`, 'i'), safe: true };
    case 'drop-constraint':
      if (op.ifExists) return undefined;
      return { insert: 'IF EXISTS ', after: new RegExp(`\\bdrop\\s+constraint\\s+(?=${ident(op.name)})`, 'i'), safe: true };
    case 'add-constraint':
      // PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS; a named constraint can be dropped first.
      if (!op.constraint.name || op.constraint.usingIndex) return undefined;
      return { insert: '', after: /^/, safe: false, before: `ALTER TABLE ${quoteName(op.table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(op.constraint.name)};` };
    case 'add-enum-value':
      if (op.ifNotExists) return undefined;
      return { insert: 'IF NOT EXISTS ', after: /\badd\s+value\s+/i, safe: false };
    default:
      return undefined;
  }
}

/** The file already drops a leftover of this index/constraint before re-creating it. */
function droppedEarlier(op: Operation, earlier: readonly Statement[]): boolean {
  return earlier.some((st) =>
    st.ops.some((o) => {
      // A plain DROP counts too: it gets its own finding asking for IF EXISTS.
      if (op.kind === 'create-index' && o.kind === 'drop-index') return o.indexes.some((i) => i.name === op.name);
      if (op.kind === 'add-constraint' && o.kind === 'drop-constraint') return o.name === op.constraint.name && o.table.name === op.table.name;
      return false;
    }),
  );
}

export const preferRobustStatements: Rule = {
  meta: {
    id: 'prefer-robust-statements',
    engines: ['postgres'],
    category: 'style',
    defaultLevel: 'warn',
    description: 'Outside a transaction, use IF [NOT] EXISTS so a migration that failed half-way can be re-run.',
    fixable: true,
    hasSuggestions: true,
    presets: ['strict'],
  },
  checkStatement(ctx) {
    // Inside a transaction a failure rolls everything back, so a re-run starts clean.
    if (ctx.transaction.inTransaction) return;
    const st = ctx.statement;
    for (const op of st.ops) {
      const r = robustForm(op, st);
      if (!r) continue;
      if (r.before) {
        if (droppedEarlier(op, ctx.statements.slice(0, st.index))) continue;
        ctx.report({
          op,
          message: `Outside a transaction this statement fails when the migration is re-run after a partial failure (the object already exists). Run \`${r.before}\` first${op.kind === 'create-index' ? ' (not IF NOT EXISTS: it would keep an INVALID index left by a failed concurrent build)' : ''}.`,
          why: 'Without a transaction, whatever ran before the failure stays applied; a retry must be able to run every statement again.',
          suggestions: [{ title: 'Drop a leftover first', sql: `${r.before}\n${st.text};`, edits: [{ range: { start: st.range.start, end: st.range.start }, text: `${r.before}\n` }] }],
        });
        continue;
      }
      const m = r.after.exec(st.text);
      if (!m) continue;
      const at = st.range.start + m.index + m[0].length;
      const range: Range = { start: at, end: at };
      const fixed = st.text.slice(0, m.index + m[0].length) + r.insert + st.text.slice(m.index + m[0].length);
      ctx.report({
        op,
        message: `Outside a transaction this statement fails when the migration is re-run after a partial failure. Add \`${r.insert.trim()}\`.`,
        why: 'Without a transaction, whatever ran before the failure stays applied; a retry must be able to run every statement again.',
        fix: { title: `Add ${r.insert.trim()}`, safe: r.safe, edits: [{ range, text: r.insert }] },
        suggestions: [{ title: `Add ${r.insert.trim()}`, sql: `${fixed};`, edits: [{ range, text: r.insert }] }],
      });
    }
  },
};
