import type { Engine } from '../core/types.js';
import type { Segment } from '../lint/lint-source.js';

export type ToolName =
  | 'plain'
  | 'flyway'
  | 'golang-migrate'
  | 'dbmate'
  | 'prisma'
  | 'liquibase'
  | 'sqitch'
  | 'knex'
  | 'alembic'
  | 'pop'
  | 'diesel';

/** What a file is to its tool. Only `up` (and `repeatable`) files change the schema going forward. */
export type MigrationRole = 'up' | 'down' | 'repeatable' | 'verify' | 'callback' | 'other';

export interface MigrationFile {
  /** Absolute path. */
  path: string;
  role: MigrationRole;
  /** The tool's version (Flyway `1.2`, golang-migrate `20240101120000`), when it has one. */
  version?: string;
  description?: string;
  /** For an up file, its down/undo/revert counterpart; for a down file, its up. */
  pairPath?: string;
  /** The tool runs the whole file in one transaction (unless a segment says otherwise). */
  toolTransaction: boolean;
  /** Parts of the file with their own direction or transaction mode (dbmate sections, changesets). */
  segments?: (text: string) => Segment[];
  /** Text transformation before parsing (Flyway placeholders); offsets must be preserved. */
  preprocess?: (text: string) => string;
}

/** A migration directory as its tool sees it: files in run order. */
export interface MigrationSet {
  root: string;
  tool: ToolName;
  /** Engine the tool configuration names (Prisma provider, knexfile client), if any. */
  engine?: Engine;
  /** Every migration file in the order the tool applies them (up files and their pairs). */
  files: MigrationFile[];
}
