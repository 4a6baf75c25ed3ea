import { typeRule } from '../helpers/type-rule.js';

export const preferTimestamptz = typeRule(
  { id: 'prefer-timestamptz', description: 'Use timestamptz, not timestamp without time zone.' },
  (col) => {
    if (col.type.name !== 'timestamp' || col.type.schema) return undefined;
    const mods = col.type.modifiers.length ? `(${col.type.modifiers.join(', ')})` : '';
    return {
      message: `\`${col.type.text}\` (without time zone) stores wall-clock time and drops the offset: 21:00+02 and 21:00-06 are stored as the same value, and comparisons with now() depend on the session's TimeZone. Use \`timestamptz\`.`,
      why: 'timestamptz stores an absolute instant (UTC internally) and converts on input and output; it takes the same 8 bytes.',
      replacement: `timestamptz${mods}${'[]'.repeat(col.type.arrayDims)}`,
    };
  },
);
