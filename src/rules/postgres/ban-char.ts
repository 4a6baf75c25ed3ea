import { typeRule } from '../helpers/type-rule.js';

export const banChar = typeRule(
  { id: 'ban-char', description: 'char(n) pads with spaces and is never faster than text; use text or varchar.' },
  (col) => {
    // bpchar is char(n)/character(n); the internal one-byte "char" type is a different type.
    if (col.type.name !== 'bpchar' || col.type.schema) return undefined;
    const n = col.type.modifiers[0] ?? 1;
    return {
      message: `\`${col.type.text}\` pads every value with spaces to ${n} character${n === 1 ? '' : 's'} and ignores trailing spaces in comparisons, which surprises clients and ORMs; it is not faster than \`text\` in PostgreSQL. Use \`text\` (with a CHECK on the length if needed).`,
      why: 'The PostgreSQL manual: "There is no performance difference among these three types ... character(n) is usually the slowest of the three because of its additional storage costs."',
      replacement: `text${'[]'.repeat(col.type.arrayDims)}`,
    };
  },
);
