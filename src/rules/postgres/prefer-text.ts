import { referencedType } from '../helpers/column-types.js';
import { quoteIdent } from '../helpers/sql-text.js';
import { typeRule } from '../helpers/type-rule.js';

export const preferText = typeRule(
  { id: 'prefer-text', description: 'Use text (with a CHECK on the length when one is needed) instead of varchar(n).' },
  (col, ctx) => {
    if (col.type.name !== 'varchar' || col.type.modifiers.length === 0 || col.type.schema) return undefined;
    // A foreign key column mirrors the type of the key it references.
    if (col.references) {
      const ref = referencedType(ctx.schema, col.references);
      if (!ref || ref.name === 'varchar') return undefined;
    }
    const n = col.type.modifiers[0];
    const c = quoteIdent(col.column);
    return {
      message: `\`${col.type.text}\` makes the length part of the type: raising it later takes an ACCESS EXCLUSIVE lock, lowering it rewrites the table. Use \`text\` with a CHECK constraint, which can be replaced without a rewrite.`,
      why: 'In PostgreSQL varchar(n) and text are stored the same way; the limit is better expressed as a constraint that can be added NOT VALID and changed cheaply.',
      replacement: `text${'[]'.repeat(col.type.arrayDims)}`,
      extra: col.type.arrayDims ? undefined : `-- and, if the limit matters: CONSTRAINT ${quoteIdent(`${col.table.name}_${col.column}_length`.slice(0, 63))} CHECK (char_length(${c}) <= ${n})`,
    };
  },
);
