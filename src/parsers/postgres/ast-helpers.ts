/* eslint-disable @typescript-eslint/no-explicit-any -- libpg-query's AST is walked structurally */
import type { QualifiedName, TypeSpec } from '../../core/operations.js';

export type Node = any;

/** `[{String:{sval:'a'}}, {String:{sval:'b'}}]` -> ['a', 'b'] */
export function names(list: Node[] | undefined): string[] {
  return (list ?? []).map((n) => n?.String?.sval ?? n?.sval ?? '').filter((s: string) => s !== '');
}

export function qualified(parts: string[]): QualifiedName {
  const name = parts[parts.length - 1] ?? '';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return schema ? { schema, name } : { name };
}

export function rangeVar(rv: Node): QualifiedName {
  if (!rv) return { name: '' };
  return rv.schemaname ? { schema: rv.schemaname, name: rv.relname } : { name: rv.relname };
}

/** Unwraps `{ Foo: {...} }` into ['Foo', {...}]. */
export function unwrap(node: Node): [string, Node] {
  const key = node ? Object.keys(node)[0] : undefined;
  return key ? [key, node[key]] : ['', undefined];
}

const friendlyTypeNames: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
  varchar: 'varchar',
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  timetz: 'timetz',
  interval: 'interval',
  numeric: 'numeric',
};

const serialTypes: Record<string, string> = {
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
};

const aliasTypes: Record<string, string> = {
  integer: 'int4',
  int: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  boolean: 'bool',
  real: 'float4',
  'double precision': 'float8',
  'character varying': 'varchar',
  character: 'bpchar',
  decimal: 'numeric',
};

export function typeSpec(typeName: Node): TypeSpec & { serial: boolean } {
  const parts = names(typeName?.names);
  // The parser already folded unquoted names: "Role" (quoted, as Prisma writes its enums) and role
  // are different types.
  let name = parts[parts.length - 1] ?? 'unknown';
  const schema = parts.length > 1 && parts[0] !== 'pg_catalog' ? parts[0] : undefined;
  const serial = !schema && name in serialTypes;
  if (serial) name = serialTypes[name];
  name = aliasTypes[name] ?? name;
  const modifiers = (typeName?.typmods ?? []).map((m: Node) => m?.A_Const?.ival?.ival ?? 0);
  const arrayDims = (typeName?.arrayBounds ?? []).length;
  return { name, modifiers, arrayDims, text: typeText(name, modifiers, arrayDims, schema), schema, serial };
}

/** interval typmod field masks (INTERVAL_MASK in datetime.h) back to SQL words. */
const intervalFields: Record<number, string> = {
  4: 'YEAR', 2: 'MONTH', 8: 'DAY', 1024: 'HOUR', 2048: 'MINUTE', 4096: 'SECOND', 6: 'YEAR TO MONTH', 1032: 'DAY TO HOUR',
  3080: 'DAY TO MINUTE', 7176: 'DAY TO SECOND', 3072: 'HOUR TO MINUTE', 7168: 'HOUR TO SECOND', 6144: 'MINUTE TO SECOND',
};

/** A type or schema name as SQL: quoted when it is not a plain lower-case identifier. */
const typeIdent = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

export function typeText(name: string, modifiers: number[], arrayDims: number, schema?: string): string {
  const base = (schema ? `${typeIdent(schema)}.` : '') + (friendlyTypeNames[name] ?? typeIdent(name));
  let mods = modifiers.length ? `(${modifiers.join(', ')})` : '';
  // interval's first modifier is a field mask (32767 = all fields), the second the precision.
  if (name === 'interval' && !schema && modifiers.length) {
    const fields = intervalFields[modifiers[0]];
    const precision = modifiers[1] !== undefined ? `(${modifiers[1]})` : '';
    mods = fields ? ` ${fields}${precision}` : precision;
  }
  return base + mods + '[]'.repeat(arrayDims);
}

/** Depth-first walk over every object in an AST subtree. */
export function walk(node: Node, visit: (key: string, value: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === 'object') {
        visit(key, value);
        walk(value, visit);
      }
    }
  }
}

/** Smallest `location` in a subtree: where an expression starts in the source. */
export function minLocation(node: Node): number | undefined {
  let min: number | undefined;
  const consider = (v: Node) => {
    if (v && typeof v.location === 'number' && v.location >= 0) {
      if (min === undefined || v.location < min) min = v.location;
    }
  };
  consider(node);
  walk(node, (_k, v) => consider(v));
  return min;
}
