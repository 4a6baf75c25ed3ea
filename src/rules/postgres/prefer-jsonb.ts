import { typeRule } from '../helpers/type-rule.js';

export const preferJsonb = typeRule(
  { id: 'prefer-jsonb', description: 'Use jsonb, not json: json cannot be indexed or compared and is re-parsed on every access.' },
  (col) => {
    if (col.type.name !== 'json') return undefined;
    return {
      message: `\`json\` stores the text as written and re-parses it on every access; it has no equality operator (so no DISTINCT, GROUP BY or UNIQUE) and no GIN index support. Use \`jsonb\`.`,
      why: 'jsonb is the binary form: indexable (GIN), comparable, faster to query. Keep json only to preserve key order, duplicate keys or exact whitespace.',
      replacement: `jsonb${'[]'.repeat(col.type.arrayDims)}`,
    };
  },
);
