/**
 * PostgreSQL's names for objects created without one, so a later `DROP CONSTRAINT orders_pkey`
 * or `DROP INDEX orders_customer_id_idx` finds what the earlier migration created.
 * Follows makeObjectName / ChooseConstraintName / ChooseIndexName (src/backend/commands/indexcmds.c,
 * src/backend/catalog/pg_constraint.c): `<table>_<columns joined by _>_<label>`, each part
 * shortened until the whole fits in NAMEDATALEN-1 = 63 bytes, and a number appended to the label
 * when the name is taken.
 */

const MAX_NAME_BYTES = 63;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts a name to at most `max` bytes without splitting a character. */
function clip(s: string, max: number): string {
  let out = s;
  while (bytes(out) > max) out = out.slice(0, -1);
  return out;
}

/** makeObjectName(name1, name2, label): shortens the longer of name1/name2 until everything fits. */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  const overhead = (label ? bytes(label) + 1 : 0) + (name2 ? 1 : 0);
  const avail = MAX_NAME_BYTES - overhead;
  let n1 = name1;
  let n2 = name2 ?? '';
  while (bytes(n1) + bytes(n2) > avail) {
    if (bytes(n1) > bytes(n2)) n1 = clip(n1, bytes(n1) - 1);
    else n2 = clip(n2, bytes(n2) - 1);
  }
  return [n1, name2 ? n2 : undefined, label || undefined].filter((x) => x !== undefined).join('_');
}

/** A free name: `label`, then `label1`, `label2`, ... (ChooseRelationName / ChooseConstraintName). */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  let candidate = makeObjectName(name1, name2, label);
  for (let n = 1; taken(candidate) && n < 1000; n++) candidate = makeObjectName(name1, name2, `${label}${n}`);
  return candidate;
}

/** Column part of an index or constraint name: column names joined by `_`; expressions count as `expr`. */
export function columnsPart(columns: string[]): string | undefined {
  if (columns.length === 0) return undefined;
  return columns.map((c) => (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(c) ? c : 'expr')).join('_');
}

export type ConstraintLabel = 'pkey' | 'key' | 'fkey' | 'check' | 'excl' | 'not_null';

/** Label PostgreSQL appends for each kind of constraint. */
export function constraintLabel(type: 'check' | 'foreign-key' | 'unique' | 'primary-key' | 'exclusion' | 'not-null'): ConstraintLabel {
  switch (type) {
    case 'primary-key':
      return 'pkey';
    case 'unique':
      return 'key';
    case 'foreign-key':
      return 'fkey';
    case 'exclusion':
      return 'excl';
    case 'not-null':
      return 'not_null';
    default:
      return 'check';
  }
}
