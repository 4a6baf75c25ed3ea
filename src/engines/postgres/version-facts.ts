/**
 * The PostgreSQL major versions where behaviour that the rules depend on changed, as data.
 * Each entry cites the release notes; rules compare `ctx.version` against these.
 */
export const pgSince = {
  /** ADD COLUMN with a non-volatile default stores it in the catalog, no rewrite. https://www.postgresql.org/docs/release/11.0/ */
  fastDefault: 11,
  /** SET NOT NULL skips its scan when a valid CHECK (col IS NOT NULL) proves it. https://www.postgresql.org/docs/release/12.0/ */
  notNullViaCheck: 12,
  /** REINDEX ... CONCURRENTLY. https://www.postgresql.org/docs/release/12.0/ */
  reindexConcurrently: 12,
  /** ALTER TYPE ... ADD VALUE may run inside a transaction block (the value is unusable until commit). https://www.postgresql.org/docs/release/12.0/ */
  enumAddValueInTransaction: 12,
  /** Generated columns (STORED). https://www.postgresql.org/docs/release/12.0/ */
  generatedColumns: 12,
  /** ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY. https://www.postgresql.org/docs/release/14.0/ */
  detachConcurrently: 14,
  /** ALTER TABLE ... SET ACCESS METHOD. https://www.postgresql.org/docs/release/15.0/ */
  setAccessMethod: 15,
  /** The transaction_timeout setting. https://www.postgresql.org/docs/release/17.0/ */
  transactionTimeout: 17,
  /** ADD CONSTRAINT ... NOT NULL ... NOT VALID; virtual generated columns (the default kind). https://www.postgresql.org/docs/release/18.0/ */
  notNullNotValid: 18,
  virtualGenerated: 18,
} as const;
