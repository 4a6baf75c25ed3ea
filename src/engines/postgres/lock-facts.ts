import type { Operation, PostgresAlterTableSubtype } from '../../core/operations.js';

/**
 * What each PostgreSQL operation locks and whether it rewrites or scans the table, as data.
 * Lock levels follow `AlterTableGetLockLevel()` in src/backend/commands/tablecmds.c and the
 * manual; each row cites the page to check. Rules ask `pgLockFact()`; they never hard-code locks.
 */

export type PgLockMode =
  | 'ACCESS SHARE'
  | 'ROW SHARE'
  | 'ROW EXCLUSIVE'
  | 'SHARE UPDATE EXCLUSIVE'
  | 'SHARE'
  | 'SHARE ROW EXCLUSIVE'
  | 'EXCLUSIVE'
  | 'ACCESS EXCLUSIVE';

/** Ordered weakest to strongest, as in the manual's conflict table. */
export const pgLockStrength: Record<PgLockMode, number> = {
  'ACCESS SHARE': 1,
  'ROW SHARE': 2,
  'ROW EXCLUSIVE': 3,
  'SHARE UPDATE EXCLUSIVE': 4,
  SHARE: 5,
  'SHARE ROW EXCLUSIVE': 6,
  EXCLUSIVE: 7,
  'ACCESS EXCLUSIVE': 8,
};

/** What ordinary application traffic waits for while the lock is held. */
export type Blocks = 'nothing' | 'other-ddl' | 'writes' | 'reads-and-writes';

export function blocksFor(lock: PgLockMode): Blocks {
  switch (lock) {
    case 'ACCESS EXCLUSIVE':
      return 'reads-and-writes';
    case 'EXCLUSIVE':
    case 'SHARE ROW EXCLUSIVE':
    case 'SHARE':
      return 'writes';
    case 'SHARE UPDATE EXCLUSIVE':
      return 'other-ddl';
    default:
      return 'nothing';
  }
}

export function blocksInWords(blocks: Blocks): string {
  switch (blocks) {
    case 'reads-and-writes':
      return 'blocks every read and write';
    case 'writes':
      return 'blocks writes (reads continue)';
    case 'other-ddl':
      return 'blocks only other schema changes and VACUUM';
    default:
      return 'blocks nothing';
  }
}

export interface LockFact {
  lock: PgLockMode;
  /** The whole table (and its indexes) is rewritten. */
  rewrite: boolean;
  /** The whole table is read (validation, index build) while the lock is held. */
  scan: boolean;
  /** Locks on other tables (the referenced table of a foreign key). */
  otherLock?: PgLockMode;
  /** Cannot run inside a transaction block. */
  noTransaction?: boolean;
  source: string;
}

/**
 * Every fact below with `noTransaction` is for a statement written with CONCURRENTLY: SQL without
 * the word cannot refuse a transaction, which a plan's phase can tell without parsing its SQL
 * (rewrites/plans/phase.ts). Keep in step when adding such a fact.
 */
export const NO_TRANSACTION_WORDS = /\bCONCURRENTLY\b/i;

const DOC = 'https://www.postgresql.org/docs/current/';
const ALTER = `${DOC}sql-altertable.html`;
const LOCKS = `${DOC}explicit-locking.html#LOCKING-TABLES`;

const fact = (lock: PgLockMode, source: string, extra: Partial<LockFact> = {}): LockFact => ({
  lock,
  rewrite: false,
  scan: false,
  source,
  ...extra,
});

/** ALTER TABLE subcommands without a dedicated operation (tablecmds.c AlterTableGetLockLevel). */
const alterTableSubtypeFacts: Record<PostgresAlterTableSubtype, LockFact> = {
  'set-tablespace': fact('ACCESS EXCLUSIVE', ALTER, { rewrite: true }),
  'set-logged': fact('ACCESS EXCLUSIVE', ALTER, { rewrite: true }),
  'set-unlogged': fact('ACCESS EXCLUSIVE', ALTER, { rewrite: true }),
  'set-access-method': fact('ACCESS EXCLUSIVE', ALTER, { rewrite: true }),
  'set-storage-params': fact('SHARE UPDATE EXCLUSIVE', ALTER),
  'reset-storage-params': fact('SHARE UPDATE EXCLUSIVE', ALTER),
  'set-statistics': fact('SHARE UPDATE EXCLUSIVE', ALTER),
  'set-storage': fact('ACCESS EXCLUSIVE', ALTER),
  'set-compression': fact('ACCESS EXCLUSIVE', ALTER),
  'cluster-on': fact('SHARE UPDATE EXCLUSIVE', ALTER),
  'set-without-cluster': fact('SHARE UPDATE EXCLUSIVE', ALTER),
  'enable-trigger': fact('SHARE ROW EXCLUSIVE', ALTER),
  'disable-trigger': fact('SHARE ROW EXCLUSIVE', ALTER),
  'enable-rls': fact('ACCESS EXCLUSIVE', ALTER),
  'disable-rls': fact('ACCESS EXCLUSIVE', ALTER),
  'force-rls': fact('ACCESS EXCLUSIVE', ALTER),
  'no-force-rls': fact('ACCESS EXCLUSIVE', ALTER),
  'replica-identity': fact('ACCESS EXCLUSIVE', ALTER),
  'add-identity': fact('ACCESS EXCLUSIVE', ALTER),
  'set-identity': fact('ACCESS EXCLUSIVE', ALTER),
  'drop-identity': fact('ACCESS EXCLUSIVE', ALTER),
  'set-expression': fact('ACCESS EXCLUSIVE', ALTER, { rewrite: true }),
  'drop-expression': fact('ACCESS EXCLUSIVE', ALTER),
  'alter-constraint': fact('ACCESS EXCLUSIVE', ALTER),
  inherit: fact('ACCESS EXCLUSIVE', ALTER),
  'no-inherit': fact('ACCESS EXCLUSIVE', ALTER),
  owner: fact('ACCESS EXCLUSIVE', ALTER),
  'of-type': fact('ACCESS EXCLUSIVE', ALTER),
  'not-of': fact('ACCESS EXCLUSIVE', ALTER),
  other: fact('ACCESS EXCLUSIVE', ALTER),
};

/**
 * The lock an operation takes on its (first) table at a PostgreSQL major version, and whether it
 * rewrites or scans. Context-dependent refinements (a validated CHECK that lets SET NOT NULL skip
 * its scan, a binary-coercible type change) are for the rules, which know the schema.
 */
export function pgLockFact(op: Operation, version: number): LockFact | undefined {
  switch (op.kind) {
    case 'create-index':
      return op.concurrently
        ? fact('SHARE UPDATE EXCLUSIVE', `${DOC}sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY`, { scan: true, noTransaction: true })
        : fact('SHARE', `${DOC}sql-createindex.html`, { scan: true });
    case 'drop-index':
      return op.concurrently
        ? fact('SHARE UPDATE EXCLUSIVE', `${DOC}sql-dropindex.html`, { noTransaction: true })
        : fact('ACCESS EXCLUSIVE', `${DOC}sql-dropindex.html`);
    case 'reindex':
      return op.concurrently
        ? fact('SHARE UPDATE EXCLUSIVE', `${DOC}sql-reindex.html#SQL-REINDEX-CONCURRENTLY`, { scan: true, noTransaction: true })
        : fact('SHARE', `${DOC}sql-reindex.html`, { scan: true });
    case 'add-column': {
      const c = op.column;
      const rewrites =
        c.identity ||
        c.serial ||
        c.generated === 'stored' ||
        (c.default !== undefined && !c.default.isNull && version < 11);
      return fact('ACCESS EXCLUSIVE', ALTER, { rewrite: rewrites });
    }
    case 'drop-column':
    case 'rename-column':
    case 'rename-table':
    case 'set-schema':
    case 'drop-not-null':
    case 'set-default':
    case 'drop-default':
    case 'drop-constraint':
    case 'rename-constraint':
      return fact('ACCESS EXCLUSIVE', ALTER);
    case 'alter-column-type':
      return fact('ACCESS EXCLUSIVE', ALTER, { rewrite: true });
    case 'set-not-null':
      return fact('ACCESS EXCLUSIVE', ALTER, { scan: true });
    case 'add-constraint': {
      const con = op.constraint;
      switch (con.type) {
        case 'foreign-key':
          // SHARE ROW EXCLUSIVE on both tables since 9.5.
          return fact('SHARE ROW EXCLUSIVE', ALTER, { scan: !con.notValid, otherLock: 'SHARE ROW EXCLUSIVE' });
        case 'check':
          return fact('ACCESS EXCLUSIVE', ALTER, { scan: !con.notValid });
        case 'not-null':
          return fact('ACCESS EXCLUSIVE', ALTER, { scan: !con.notValid });
        case 'unique':
        case 'primary-key':
          // USING INDEX reuses a built index; a primary key still checks NOT NULL on its columns.
          return fact('ACCESS EXCLUSIVE', ALTER, { scan: !con.usingIndex || con.type === 'primary-key' });
        case 'exclusion':
          return fact('ACCESS EXCLUSIVE', ALTER, { scan: true });
      }
      return undefined;
    }
    case 'validate-constraint':
      return fact('SHARE UPDATE EXCLUSIVE', ALTER, { scan: true, otherLock: 'ROW SHARE' });
    case 'attach-partition':
      // Parent lock was reduced to SHARE UPDATE EXCLUSIVE in PostgreSQL 12.
      return fact(version >= 12 ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', `${ALTER}#SQL-ALTERTABLE-ATTACH-PARTITION`, { scan: true, otherLock: 'ACCESS EXCLUSIVE' });
    case 'detach-partition':
      return op.concurrently
        ? fact('SHARE UPDATE EXCLUSIVE', `${ALTER}#SQL-ALTERTABLE-DETACH-PARTITION`, { noTransaction: !op.finalize })
        : fact('ACCESS EXCLUSIVE', `${ALTER}#SQL-ALTERTABLE-DETACH-PARTITION`);
    case 'alter-table':
      return alterTableSubtypeFacts[op.subtype as PostgresAlterTableSubtype] ?? alterTableSubtypeFacts.other;
    case 'drop-table':
    case 'truncate':
      return fact('ACCESS EXCLUSIVE', LOCKS);
    case 'vacuum':
      return op.full ? fact('ACCESS EXCLUSIVE', `${DOC}sql-vacuum.html`, { rewrite: true }) : fact('SHARE UPDATE EXCLUSIVE', `${DOC}sql-vacuum.html`);
    case 'cluster':
      return fact('ACCESS EXCLUSIVE', `${DOC}sql-cluster.html`, { rewrite: true });
    case 'refresh-materialized-view':
      return op.concurrently
        ? fact('EXCLUSIVE', `${DOC}sql-refreshmaterializedview.html`, { scan: true, noTransaction: false })
        : fact('ACCESS EXCLUSIVE', `${DOC}sql-refreshmaterializedview.html`, { rewrite: true });
    case 'create-trigger':
    case 'drop-trigger':
      return fact('SHARE ROW EXCLUSIVE', `${DOC}sql-createtrigger.html`);
    case 'lock-table':
      return fact(op.mode as PgLockMode, `${DOC}sql-lock.html`);
    case 'update':
    case 'delete':
    case 'insert':
      return fact('ROW EXCLUSIVE', LOCKS, { scan: op.kind !== 'insert' });
    default:
      return undefined;
  }
}

/** Locks that make other sessions queue behind the migration (anything above SHARE UPDATE EXCLUSIVE). */
export function isBlockingLock(lock: PgLockMode): boolean {
  return pgLockStrength[lock] >= pgLockStrength.SHARE;
}
