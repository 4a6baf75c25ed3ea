import type { Rule, RuleMeta, StatementContext } from '../types.js';
import { TOOL_TABLES, typedColumns, type TypedColumn } from './column-types.js';
import { displayName } from './sql-text.js';

export interface TypeFinding {
  message: string;
  why: string;
  /** The type to write instead; offered as a suggestion replacing the written type. */
  replacement?: string;
  /** Extra lines appended to the suggestion (a CHECK constraint, a note). */
  extra?: string;
}

/**
 * A type-hygiene rule: looks at every column type a statement writes (CREATE TABLE, ADD COLUMN,
 * ALTER COLUMN TYPE) and reports the ones `judge` objects to. Off by default (preset `strict`).
 */
export function typeRule(meta: Pick<RuleMeta, 'id' | 'description' | 'options'>, judge: (col: TypedColumn, ctx: StatementContext) => TypeFinding | undefined): Rule {
  return {
    meta: { ...meta, engines: ['postgres'], category: 'style', defaultLevel: 'warn', fixable: false, hasSuggestions: true, presets: ['strict'] },
    checkStatement(ctx) {
      for (const col of typedColumns(ctx.statement, ctx.file.text)) {
        if (TOOL_TABLES.has(col.table.name)) continue;
        const f = judge(col, ctx);
        if (!f) continue;
        const where = `${displayName(col.table)}.${col.column}`;
        ctx.report({
          op: col.op,
          range: col.typeRange,
          message: `${where}: ${f.message}`,
          why: f.why,
          suggestions:
            f.replacement && col.typeRange
              ? [{
                  title: `Use ${f.replacement}`,
                  sql: f.extra ? `${f.replacement}\n${f.extra}` : f.replacement,
                  edits: [{ range: col.typeRange, text: f.replacement }],
                }]
              : f.extra
                ? [{ title: 'Instead', sql: f.extra }]
                : undefined,
        });
      }
    },
  };
}
