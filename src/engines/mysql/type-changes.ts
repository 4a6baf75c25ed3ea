import type { TypeSpec } from '../../core/operations.js';
import { charsetMaxBytes } from './charsets.js';

/**
 * What a MySQL `MODIFY`/`CHANGE` type change does to the values already stored and to the writes
 * of the application version still running: lossless (a wider type), or a risk for the data.
 * Lock and copy cost are not here (see online-ddl.ts). Sources: MySQL 8.4 Reference Manual
 * §13.2 Numeric Data Types (integer ranges, "Out-of-Range and Overflow Handling"), §13.3 String
 * Data Types (lengths), §7.1.11 Server SQL Modes ("Strict mode controls how MySQL handles invalid
 * or missing values ... a value is out of range for the column data type" — an error in strict
 * mode, clipped or truncated with a warning otherwise), §15.1.9 ALTER TABLE.
 */

export type TypeRiskKind = 'narrowing' | 'signedness' | 'precision' | 'charset' | 'enum-members' | 'conversion';

export interface TypeRisk {
  kind: TypeRiskKind;
  /** "BIGINT values above 2147483647 do not fit INT" */
  detail: string;
  /** SQL condition (with `{col}` for the column) true for the rows that do not survive the change. */
  misfit?: string;
}

interface IntRange { min: bigint; max: bigint }

const INT_BYTES: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, integer: 4, bigint: 8 };

function intRange(t: TypeSpec): IntRange | undefined {
  const name = baseName(t);
  const bytes = INT_BYTES[name];
  if (!bytes) return undefined;
  const bits = BigInt(bytes * 8);
  return t.unsigned ? { min: 0n, max: (1n << bits) - 1n } : { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
}

function baseName(t: TypeSpec): string {
  const n = t.name.toLowerCase();
  if (n === 'integer') return 'int';
  if (n === 'bool' || n === 'boolean') return 'tinyint';
  if (n === 'numeric' || n === 'dec' || n === 'fixed') return 'decimal';
  if (n === 'real') return 'double';
  return n;
}

type Family = 'integer' | 'decimal' | 'float' | 'character' | 'binary' | 'enum' | 'temporal' | 'json' | 'other';

function family(name: string): Family {
  if (name in INT_BYTES) return 'integer';
  if (name === 'decimal') return 'decimal';
  if (name === 'float' || name === 'double') return 'float';
  if (['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext'].includes(name)) return 'character';
  if (['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob'].includes(name)) return 'binary';
  if (name === 'enum' || name === 'set') return 'enum';
  if (['date', 'datetime', 'timestamp', 'time', 'year'].includes(name)) return 'temporal';
  if (name === 'json') return 'json';
  return 'other';
}

/** Bytes a TEXT/BLOB type holds (its length is in bytes, not characters). */
const LOB_BYTES: Record<string, number> = { tinytext: 255, text: 65535, mediumtext: 16777215, longtext: 4294967295, tinyblob: 255, blob: 65535, mediumblob: 16777215, longblob: 4294967295 };

/** Capacity in characters (character types) or bytes (binary types). */
function capacity(name: string, t: TypeSpec, charset: string): number {
  if (name in LOB_BYTES) return family(name) === 'binary' ? LOB_BYTES[name] : Math.floor(LOB_BYTES[name] / charsetMaxBytes(charset));
  return t.modifiers[0] ?? 1;
}

/** Characters every set in the group can store: a conversion towards a smaller group can lose characters. */
export function repertoire(charset: string): number {
  if (['utf8mb4', 'utf16', 'utf16le', 'utf32', 'gb18030'].includes(charset)) return 3;
  if (charset === 'utf8mb3' || charset === 'ucs2') return 2;
  if (charset === 'ascii') return 0;
  return 1;
}

/**
 * The data risk of changing a column from `old` to `next` (character sets already resolved), or
 * undefined when every stored value and every value the old code writes still fits.
 */
export function mysqlTypeRisk(old: TypeSpec, next: TypeSpec, oldCharset: string, nextCharset: string): TypeRisk | undefined {
  const on = baseName(old);
  const nn = baseName(next);
  const of = family(on);
  const nf = family(nn);
  if ((of === 'character' && nf === 'character') || (of === 'enum' && nf === 'enum')) {
    if (oldCharset !== nextCharset && repertoire(nextCharset) < repertoire(oldCharset)) {
      return { kind: 'charset', detail: `converting from ${oldCharset} to ${nextCharset} cannot store every character ${oldCharset} holds (emoji and other characters outside ${nextCharset})`, misfit: `{col} <> CONVERT(CONVERT({col} USING ${nextCharset}) USING ${oldCharset})` };
    }
  }
  if (of === 'integer' && nf === 'integer') {
    const a = intRange(old)!;
    const b = intRange(next)!;
    if (a.min >= b.min && a.max <= b.max) return undefined;
    if (a.min < 0n && b.min === 0n && (INT_BYTES[nn] ?? 0) >= (INT_BYTES[on] ?? 0)) return { kind: 'signedness', detail: `${next.text} cannot hold the negative values ${old.text} allows`, misfit: '{col} < 0' };
    return { kind: 'narrowing', detail: `${next.text} holds ${b.min} to ${b.max}, ${old.text} holds ${a.min} to ${a.max}`, misfit: `{col} NOT BETWEEN ${b.min} AND ${b.max}` };
  }
  if ((of === 'integer' || of === 'decimal') && nf === 'decimal') {
    const [p, s] = [next.modifiers[0] ?? 10, next.modifiers[1] ?? 0];
    const [op, os] = of === 'decimal' ? [old.modifiers[0] ?? 10, old.modifiers[1] ?? 0] : [String(intRange(old)!.max).length, 0];
    if (s >= os && p - s >= op - os && !(next.unsigned && !old.unsigned)) return undefined;
    if (s < os) return { kind: 'precision', detail: `${next.text} keeps ${s} decimal place${s === 1 ? '' : 's'}, ${old.text} has ${os}: values are rounded`, misfit: `{col} <> ROUND({col}, ${s})` };
    if (next.unsigned && !old.unsigned) return { kind: 'signedness', detail: `${next.text} cannot hold negative values`, misfit: '{col} < 0' };
    return { kind: 'narrowing', detail: `${next.text} holds at most ${p - s} digit${p - s === 1 ? '' : 's'} before the decimal point, ${old.text} ${op - os}`, misfit: `ABS({col}) >= 1e${p - s}` };
  }
  if (of === 'float' && nf === 'float') {
    return on === 'double' && nn === 'float' ? { kind: 'precision', detail: `FLOAT keeps about 7 significant digits, DOUBLE about 15: values are rounded` } : undefined;
  }
  if (of === 'integer' && nf === 'float') {
    const bits = BigInt(nn === 'double' ? 53 : 24);
    const r = intRange(old)!;
    if (r.max <= 1n << bits && r.min >= -(1n << bits)) return undefined;
    return { kind: 'precision', detail: `${next.text} represents integers exactly only up to 2^${bits}: larger ${old.text} values are rounded`, misfit: `ABS({col}) > ${1n << bits}` };
  }
  if ((of === 'character' || of === 'binary') && of === nf) {
    const oldCap = capacity(on, old, oldCharset);
    const newCap = capacity(nn, next, nextCharset);
    if (newCap >= oldCap) return undefined;
    const fn = of === 'binary' || nn in LOB_BYTES ? 'LENGTH' : 'CHAR_LENGTH';
    const limit = of === 'binary' || !(nn in LOB_BYTES) ? newCap : LOB_BYTES[nn];
    return { kind: 'narrowing', detail: `${next.text} holds ${newCap} ${of === 'binary' ? 'bytes' : 'characters'}, ${old.text} ${oldCap}: longer values are rejected (strict sql_mode) or cut`, misfit: `${fn}({col}) > ${limit}` };
  }
  if (of === 'enum' && nf === 'enum' && on === nn) {
    const kept = new Set(next.values ?? []);
    const removed = (old.values ?? []).filter((v) => !kept.has(v));
    if (removed.length === 0) return undefined;
    const list = removed.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
    return { kind: 'enum-members', detail: `${on.toUpperCase()} members ${list} are removed: rows holding them are rejected (strict sql_mode) or set to ''`, misfit: on === 'set' ? removed.map((v) => `FIND_IN_SET('${v.replace(/'/g, "''")}', {col})`).join(' OR ') : `{col} IN (${list})` };
  }
  if (of === 'temporal' && nf === 'temporal') {
    if (on === nn || (on === 'date' && nn === 'datetime') || (on === 'timestamp' && nn === 'datetime')) return undefined;
    if (on === 'datetime' && nn === 'date') return { kind: 'precision', detail: 'DATE drops the time of day', misfit: 'TIME({col}) <> \'00:00:00\'' };
    if (nn === 'timestamp') return { kind: 'narrowing', detail: 'TIMESTAMP holds 1970-01-01 to 2038-01-19 UTC and converts values through the session time zone', misfit: `{col} NOT BETWEEN '1970-01-01 00:00:01' AND '2038-01-19 03:14:07'` };
  }
  if (of === nf && of !== 'other') return undefined;
  if (of === 'other' || nf === 'other') return undefined;
  // Integer or date into a wide enough string is lossless; anything else converts every value.
  if (nf === 'character' && (of === 'integer' || of === 'decimal' || of === 'temporal' || of === 'enum') && capacity(nn, next, nextCharset) >= 20) return undefined;
  return { kind: 'conversion', detail: `every value is converted from ${old.text} to ${next.text}; values that do not convert are rejected (strict sql_mode) or replaced by 0 / '' / a zero date, and the running application keeps sending ${of} values` };
}
