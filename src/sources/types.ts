import type { Diagnostic, Engine, Range } from '../core/types.js';
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
  /**
   * The file is a changelog document (Liquibase XML/YAML/JSON): `translate` gives the SQL the tool
   * runs on `engine`, with every offset mapping back into the document.
   */
  translate?: (text: string, engine: Engine, context?: TranslateContext) => TranslatedSource;
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

export interface TranslateContext {
  /** The file as the base branch has it: its changeSets are already deployed (`Segment.applied`). */
  baseText?: string;
}

/** A message about a translated document itself (an unknown change type, a malformed file). */
export interface TranslationNote {
  level: 'info' | 'warn' | 'error';
  fatal?: boolean;
  message: string;
  /** In document offsets. */
  range: Range;
}

/** SQL obtained from a document, with the way back to the document's positions. */
export interface TranslatedSource {
  sql: string;
  segments: Segment[];
  /** A range of `sql` as a range of the document. */
  toDocument: (range: Range) => Range;
  notes: TranslationNote[];
  /** The tool's own way to write the safe form, for a finding of `ruleId` at `range` of `sql`. */
  advice?: (ruleId: string, range: Range) => string | undefined;
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
  /**
   * golang-migrate with `x-multi-statement=true`: each statement runs on its own, outside any
   * transaction. `evidence` says where that came from (config key, Makefile line).
   */
  multiStatement?: { enabled: boolean; evidence: string };
}
