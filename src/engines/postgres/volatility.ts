/**
 * Function volatility for column defaults. PostgreSQL 11+ stores a non-volatile default in the
 * catalog ("fast default"); a volatile one is evaluated per row and rewrites the table.
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
 * Volatility of built-ins is from pg_proc.provolatile ('v'); `now()` and CURRENT_TIMESTAMP are
 * stable (same value for the whole transaction), so they do not rewrite.
 */
export const volatileFunctions = new Set([
  'random',
  'random_normal',
  'setseed',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'txid_current',
  'pg_current_xact_id',
  'gen_random_bytes',
]);

/**
 * Built-ins known to be stable or immutable, so a default that calls only these is a fast
 * default. A function not on either list is user-defined or rare; PostgreSQL's default for
 * CREATE FUNCTION is VOLATILE, so it is treated as volatile.
 */
export const nonVolatileFunctions = new Set([
  'now',
  'transaction_timestamp',
  'statement_timestamp',
  'current_date',
  'current_time',
  'localtimestamp',
  'lower',
  'upper',
  'coalesce',
  'concat',
  'length',
  'to_jsonb',
  'to_json',
  'jsonb_build_object',
  'jsonb_build_array',
  'json_build_object',
  'json_build_array',
  'array',
  'make_interval',
  'make_date',
  'make_timestamp',
  'make_timestamptz',
  'to_timestamp',
  'to_date',
  'date_trunc',
  'timezone',
  'abs',
  'round',
  'md5',
  'current_setting',
  'current_user',
  'session_user',
  'current_schema',
  'inet_server_addr',
  'pg_backend_pid',
  'array_fill',
  'string_to_array',
  'jsonb',
]);

export function isVolatileFunction(name: string): boolean {
  const lower = name.toLowerCase();
  if (volatileFunctions.has(lower)) return true;
  return !nonVolatileFunctions.has(lower);
}

/** A default rewrites the table on PostgreSQL 11+ when any function it calls is volatile. */
export function volatileFunctionsIn(functions: string[]): string[] {
  return functions.filter(isVolatileFunction);
}
