import type { Diagnostic, Engine } from '../core/types.js';
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
  /**
   * The file is not SQL the linter can read as is (Knex `.js`/`.ts`): `load` produces the SQL
   * (it runs project code, so callers only use it when the configuration allows it: `allowJs`).
   */
  load?: () => Promise<LoadedMigration>;
}

/** SQL produced from a migration that is not SQL (Knex: recorded while its up/down ran). */
export interface LoadedMigration {
  /** The SQL text the linter reads in place of the file. */
  text: string;
  /** Direction and transaction handling of the parts of `text`. */
  segments: Segment[];
  /** Moves findings located in `text` onto the original file (the SQL they are about goes into the message). */
  toSource: (diagnostics: Diagnostic[]) => Diagnostic[];
  /** Problems met while producing the SQL (a migration that throws), already located in the original file. */
  problems: Diagnostic[];
}

/**
 * Where a tool keeps rollbacks: separate `files` (golang-migrate `.down.sql`, sqitch `revert/`),
 * `sections` of the migration itself (dbmate `-- migrate:down`, Liquibase `--rollback`), or
 * `none` (Prisma, plain directories; Flyway and Liquibase sets that never use undo/rollback).
 */
export type DownStyle = 'files' | 'sections' | 'none';

/** A migration directory as its tool sees it: files in run order. */
export interface MigrationSet {
  root: string;
  tool: ToolName;
  /** Engine the tool configuration names (Prisma provider, knexfile client), if any. */
  engine?: Engine;
  /** Every migration file in the order the tool applies them (up files and their pairs). */
  files: MigrationFile[];
  /** How this set stores rollbacks; `missing-down-migration` only applies when not `none`. */
  downs?: DownStyle;
  /** Why the tool was recognised (for `--verbose`): the file or naming pattern that decided it. */
  evidence?: string;
  /**
   * Completes the set from configuration that is code (Knex: runs the knexfile for the client and
   * environment); only called when the configuration allows running project code (`allowJs`).
   */
  prepare?: () => Promise<void>;
}
