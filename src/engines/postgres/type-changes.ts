import type { TypeSpec } from '../../core/operations.js';

/**
 * `ALTER COLUMN ... TYPE` changes PostgreSQL performs without rewriting the table, as data.
 *
 * PostgreSQL skips the rewrite when the old type is binary coercible to the new one (a
 * `WITHOUT FUNCTION` cast in pg_cast) or when the length-coercion function's planner support
 * function proves the value unchanged (`varchar_support`, `numeric_support`,
 * `timestamp_support`, `time_support`, `interval_support`, `varbit_support`), and, from
 * PostgreSQL 12, between timestamp and timestamptz when the session TimeZone is UTC
 * (commit 3c5926301aea, "Avoid some table rewrites for ALTER TABLE .. SET DATA TYPE timestamp";
 * indexes on the column are still rebuilt). ATColumnChangeRequiresRewrite() in tablecmds.c.
 * Sources: https://www.postgresql.org/docs/current/sql-altertable.html (Notes),
 * PostgreSQL 9.1/9.2 release notes ("Reduce ALTER TABLE rewrites"), PostgreSQL 12 release notes.
 */

export interface NoRewriteChange {
  /** Shown in the docs page and in messages. */
  description: string;
  from: string;
  to: string;
  /** Also skips rebuilding the column's indexes. */
  keepsIndexes: boolean;
  minVersion?: number;
  /** Only when the session TimeZone is UTC. */
  needsUtc?: boolean;
  applies(from: TypeSpec, to: TypeSpec): boolean;
}

/** Length or precision: a missing modifier means "unlimited". */
const limit = (t: TypeSpec): number | undefined => (t.modifiers.length ? t.modifiers[0] : undefined);
const widens = (from: TypeSpec, to: TypeSpec): boolean => {
  const f = limit(from);
  const t = limit(to);
  return t === undefined || (f !== undefined && t >= f);
};
/** timestamp_support / time_support: unconstrained, at least the maximum (6), or not lower. */
const temporalWidens = (from: TypeSpec, to: TypeSpec): boolean => {
  const t = limit(to);
  return t === undefined || t >= 6 || widens(from, to);
};
const INTERVAL_FULL_RANGE = 32767;

export const noRewriteTypeChanges: NoRewriteChange[] = [
  { description: '`varchar(n)` to `varchar(m)` with m >= n, or to unlimited `varchar`', from: 'varchar', to: 'varchar', keepsIndexes: true, applies: widens },
  { description: '`varchar` / `varchar(n)` to `text`', from: 'varchar', to: 'text', keepsIndexes: true, applies: () => true },
  { description: '`text` to `varchar` without a length limit', from: 'text', to: 'varchar', keepsIndexes: true, applies: (_f, t) => limit(t) === undefined },
  {
    description: '`numeric(p, s)` to `numeric(q, s)` with q >= p and the same scale, or to unconstrained `numeric`',
    from: 'numeric',
    to: 'numeric',
    keepsIndexes: true,
    applies: (f, t) => t.modifiers.length === 0 || (f.modifiers.length > 0 && (t.modifiers[1] ?? 0) === (f.modifiers[1] ?? 0) && t.modifiers[0] >= f.modifiers[0]),
  },
  { description: '`timestamp(p)` to `timestamp(q)` with q >= p, or to `timestamp` / `timestamp(6)`', from: 'timestamp', to: 'timestamp', keepsIndexes: true, applies: temporalWidens },
  { description: '`timestamptz(p)` to `timestamptz(q)` with q >= p, or to `timestamptz` / `timestamptz(6)`', from: 'timestamptz', to: 'timestamptz', keepsIndexes: true, applies: temporalWidens },
  { description: '`time(p)` to `time(q)` with q >= p, or to `time`', from: 'time', to: 'time', keepsIndexes: true, applies: temporalWidens },
  {
    description: '`interval(p)` to `interval(q)` with q >= p, or to unconstrained `interval` (full field range only)',
    from: 'interval',
    to: 'interval',
    keepsIndexes: true,
    applies: (f, t) => {
      if (t.modifiers.length === 0) return true;
      const [toRange, toPrecision] = t.modifiers;
      const [fromRange = INTERVAL_FULL_RANGE, fromPrecision] = f.modifiers;
      if (toRange !== INTERVAL_FULL_RANGE || fromRange !== INTERVAL_FULL_RANGE) return false;
      return toPrecision === undefined || toPrecision >= 6 || (fromPrecision !== undefined && toPrecision >= fromPrecision);
    },
  },
  { description: '`cidr` to `inet`', from: 'cidr', to: 'inet', keepsIndexes: true, applies: () => true },
  { description: '`bit varying(n)` to `bit varying(m)` with m >= n, or to unlimited `bit varying`', from: 'varbit', to: 'varbit', keepsIndexes: true, applies: widens },
  {
    description: '`timestamp` to `timestamptz`, when the session TimeZone is UTC (the column\'s indexes are still rebuilt)',
    from: 'timestamp',
    to: 'timestamptz',
    keepsIndexes: false,
    minVersion: 12,
    needsUtc: true,
    applies: temporalWidens,
  },
  {
    description: '`timestamptz` to `timestamp`, when the session TimeZone is UTC (the column\'s indexes are still rebuilt)',
    from: 'timestamptz',
    to: 'timestamp',
    keepsIndexes: false,
    minVersion: 12,
    needsUtc: true,
    applies: temporalWidens,
  },
];

export interface TypeChangeVerdict {
  rewrite: boolean;
  /** The no-rewrite entry that matched. */
  match?: NoRewriteChange;
  /** A no-rewrite entry that would match under other conditions (a UTC session, a later version). */
  nearMiss?: NoRewriteChange;
}

const sameType = (a: TypeSpec, b: TypeSpec) =>
  a.name === b.name && a.arrayDims === b.arrayDims && a.modifiers.length === b.modifiers.length && a.modifiers.every((m, i) => m === b.modifiers[i]);

/** Does changing a column from `from` to `to` rewrite the table at this version and session TimeZone? */
export function pgTypeChange(from: TypeSpec, to: TypeSpec, opts: { version: number; timezoneUtc: boolean }): TypeChangeVerdict {
  if (sameType(from, to)) return { rewrite: false };
  // Array element coercions are not covered by the support functions above.
  if (from.arrayDims !== 0 || to.arrayDims !== 0) return { rewrite: true };
  let nearMiss: NoRewriteChange | undefined;
  for (const change of noRewriteTypeChanges) {
    if (change.from !== from.name || change.to !== to.name || !change.applies(from, to)) continue;
    if ((change.minVersion && opts.version < change.minVersion) || (change.needsUtc && !opts.timezoneUtc)) {
      nearMiss = change;
      continue;
    }
    return { rewrite: false, match: change };
  }
  return { rewrite: true, nearMiss };
}

/** Type names whose changes are sometimes free: with an unknown old type, a finding is less certain. */
export const possiblyFreeTargets = new Set(noRewriteTypeChanges.map((c) => c.to));

/** Is a TimeZone setting value UTC (what PostgreSQL's check compares against: the GMT/UTC zone)? */
export function isUtcZone(value: string | undefined): boolean {
  return value !== undefined && /^(utc|gmt|etc\/utc|etc\/gmt|z|zulu|universal|etc\/universal|uct|etc\/uct|\+?0+(:00)?)$/i.test(value.trim().replace(/^'|'$/g, ''));
}
