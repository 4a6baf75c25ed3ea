import { referencedType } from '../helpers/column-types.js';
import { typeRule } from '../helpers/type-rule.js';

const SMALL = new Set(['int4', 'int2']);
const MAX: Record<string, string> = { int4: '2,147,483,647', int2: '32,767' };

/** Identifier-like columns: keys, identities and their references. Counters and measures are left alone. */
function looksLikeKey(column: string): boolean {
  return /^id$|_id$|Id$|^id_/.test(column);
}

export const preferBigint = typeRule(
  {
    id: 'prefer-bigint',
    description: 'Use bigint for keys and identities: integer and smallint run out.',
    options: { allColumns: { type: 'boolean', default: false, description: 'Report every integer/smallint column (sizes, counters), not only keys and identities.' } },
  },
  (col, ctx) => {
    if (!SMALL.has(col.type.name) || col.type.arrayDims || col.type.schema) return undefined;
    if (col.references) {
      // An FK column matches the key it references (squawk #407): only a mismatch with a bigint key matters.
      const ref = referencedType(ctx.schema, col.references);
      if (!ref || SMALL.has(ref.name)) return undefined;
    } else if (!ctx.options.allColumns && !col.primaryKey && !col.identity && !col.serial && !looksLikeKey(col.column)) {
      return undefined;
    }
    const big = col.serial ? 'bigserial' : 'bigint';
    return {
      message: `\`${col.type.text}\`${col.serial ? ' (serial)' : ''} tops out at ${MAX[col.type.name]}: past it every write fails with "integer out of range" (for a key: every INSERT), and widening it later rewrites the table and every index on it under an ACCESS EXCLUSIVE lock. Use \`${big}\` (8 bytes instead of ${col.type.name === 'int4' ? 4 : 2}).`,
      why: 'Changing a key column type on a large, busy table is one of the most expensive migrations there is; choosing bigint up front costs 4 bytes a row.',
      replacement: big,
    };
  },
);
