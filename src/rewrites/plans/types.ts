import type { Engine } from '../../core/types.js';
import type { Version } from '../../engines/version.js';

/** The changes `migrasafe plan` knows how to split into safe phases. */
export type PlanKind =
  | 'rename-column'
  | 'rename-table'
  | 'change-type'
  | 'add-not-null'
  | 'add-foreign-key'
  | 'add-unique'
  | 'add-index'
  | 'split-table'
  | 'backfill';

/**
 * One step of an expand-migrate-contract sequence. `migration` phases become migration files
 * (an up and a down); `deploy` phases are application releases; `verify` phases are checks that
 * gate what follows. Each migration phase is its own file and its own deploy.
 */
export interface Phase {
  kind: 'migration' | 'deploy' | 'verify';
  /** Short slug for file names: `add-email-address`. */
  slug: string;
  title: string;
  /** Migration SQL (migration phases), or the query to run (verify phases). */
  up: string;
  down: string;
  /** Whether the migration runs inside a transaction; false for CONCURRENTLY and batched backfills that COMMIT. */
  transaction: boolean;
  /** What the migration locks, one line per statement, from the engine's lock facts. */
  locks: string[];
  /** What must be deployed or checked before the next phase runs. */
  next: string;
  /** A query that must return 0 before the contract phase; part of verify phases and of the guard in contract migrations. */
  verify?: string;
}

export interface Plan {
  kind: PlanKind;
  engine: Engine;
  version: Version;
  /** One line: "rename column users.email to email_address". */
  title: string;
  phases: Phase[];
  /** Assumptions and caveats the user must read (indexes to recreate, tool settings). */
  notes: string[];
  /** Extra files to run outside the migration tool (the standalone backfill script). */
  scripts: Array<{ name: string; text: string; description: string }>;
}

/** Column facts a plan needs; from the schema catalog when available, else from flags. */
export interface ColumnFacts {
  name: string;
  type?: string;
  notNull?: boolean;
}

export interface TableFacts {
  /** Primary key column (single column; batching walks it). */
  pk: string;
  pkType: string;
  columns: Map<string, ColumnFacts>;
}

export interface BatchOptions {
  batchSize: number;
  /** Seconds to sleep between batches. */
  pause: number;
  /** Replication lag (seconds) above which the backfill waits. */
  maxLag: number;
}

export const defaultBatch: BatchOptions = { batchSize: 10000, pause: 0.1, maxLag: 10 };

export interface PlanInput {
  engine: Engine;
  version: Version;
  /** Positional arguments after the change name. */
  args: string[];
  type?: string;
  default?: string;
  columns?: string[];
  into?: string;
  set?: string;
  where?: string;
  /** add-not-null, backfill: the column does not exist yet; add it (nullable, type from --type) first. */
  addColumn?: boolean;
  /** backfill: delete the matching rows in batches instead of updating them. */
  delete?: boolean;
  /** backfill: the table's alias in --set and --where (an UPDATE ... FROM that joins other tables). */
  alias?: string;
  name?: string;
  /** Keep both columns in sync with a trigger while old and new application versions run. */
  trigger: boolean;
  batch: BatchOptions;
  /** What the catalog (or --pk/--type flags) knows about each table. */
  table(name: string): TableFacts;
}
