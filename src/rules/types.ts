import type { Operation } from '../core/operations.js';
import type { ParsedSource, SourceComment, Statement } from '../core/statement.js';
import type { Engine, Fix, Level, Range, Suggestion } from '../core/types.js';
import type { SchemaView } from '../schema/catalog.js';
import type { Catalog } from '../schema/replay.js';
import type { Version } from '../engines/version.js';
import type { PlanRef } from '../rewrites/plans/command-line.js';
import type { DownStyle, MigrationRole, ToolName } from '../sources/types.js';

export type RuleCategory =
  | 'locking'
  | 'rewrite'
  | 'breaking'
  | 'data-loss'
  | 'data'
  | 'transactions'
  | 'correctness'
  | 'release'
  | 'tooling'
  | 'style';

export interface RuleMeta {
  /** Public, stable id used in configs and ignore comments. */
  id: string;
  engines: Engine[];
  category: RuleCategory;
  defaultLevel: Exclude<Level, 'off'>;
  /** One line for `migrasafe rules` and SARIF short descriptions. */
  description: string;
  /** Offers a mechanical same-file fix applied by --fix. */
  fixable: boolean;
  /** Offers suggested rewrites (shown, or applied as code actions). */
  hasSuggestions: boolean;
  /** Presets that enable the rule. `recommended` is the default. */
  presets: Array<'recommended' | 'strict'>;
  /** Options with their defaults; config values are validated against these types. */
  options?: Record<string, { type: 'string' | 'number' | 'boolean' | 'string[]'; default: unknown; description: string }>;
  /** `checkFile` reads `schemaBefore` (a copy of the schema is kept for files with a rollback). */
  usesSchemaBefore?: boolean;
}

/**
 * The transaction a statement runs in. `explicit` comes from BEGIN/COMMIT in the file; `tool`
 * when the migration tool wraps the file (or segment) in one.
 */
export interface TransactionState {
  inTransaction: boolean;
  source: 'explicit' | 'tool' | 'none';
  /** Index of the first statement of the current transaction, when in one. */
  startIndex?: number;
}

export interface Settings {
  /** Session settings in force (lower-case names): lock_timeout, statement_timeout, ... */
  get(name: string): string | undefined;
}

export interface ReportInput {
  message: string;
  why?: string;
  /** Defaults to the statement (or the operation's finer range). */
  range?: Range;
  fix?: Fix;
  suggestions?: Suggestion[];
  planCommand?: string;
  /**
   * The multi-phase plan that is the safe form of this change: its first migration becomes the
   * first suggestion (replacing the statement) and `planCommand` defaults to its command line.
   * `firstPhase: false` when the first migration would be the flagged statement again (only the command).
   */
  plan?: PlanRef & { firstPhase?: false };
  /** Override the configured level (e.g. a drop in a shared database is always an error). */
  level?: Exclude<Level, 'off'>;
}

export interface FileInfo {
  path: string;
  text: string;
  parsed: ParsedSource;
  comments: SourceComment[];
  /** Which part of a migration a statement belongs to: only `up` is linted by statement rules. */
  direction(statement: Statement): 'up' | 'down';
  /** Which migration of the file a statement belongs to (index into the file's segments: dbmate sections, changesets). */
  segmentIndex(statement: Statement): number;
}

export interface StatementContext<Options = Record<string, unknown>> {
  engine: Engine;
  version: Version;
  options: Options;
  file: FileInfo;
  statement: Statement;
  /**
   * The DO block this statement is one of (`Statement.inner`). A fix is kept for such a statement
   * only when it edits outside the block (before it), as the SET lock_timeout fixes do.
   */
  block?: Statement;
  /** Every statement of the file; those with a lower index ran before this one. */
  statements: readonly Statement[];
  transaction: TransactionState;
  settings: Settings;
  /** Schema as it stands just before this statement. */
  schema: SchemaView;
  /** Transaction state of an earlier statement (for same-transaction questions). */
  transactionAt(index: number): TransactionState;
  report(input: ReportInput & { op?: Operation }): void;
}

/** What the migration tool says about the file being linted (absent for stdin or lone files). */
export interface MigrationInfo {
  tool: ToolName;
  role: MigrationRole;
  version?: string;
  /** The migration's name as the tool shows it (file or folder name without version). */
  description?: string;
  /** How the set stores rollbacks (`none`: the tool or this project has none). */
  downs: DownStyle;
  /** For an up file: its separate rollback file (golang-migrate `.down.sql`, sqitch `revert/`), parsed. */
  pair?: { path: string; text: string; parsed: ParsedSource };
  /**
   * Migrations generated as parts of one change (Ory's pop files `<timestamp><6-digit part>_<name>`,
   * same timestamp and name): their rollback files revert the parts as a whole, last part first.
   * `position` is this file's index in the group; `load` parses the other parts (lazily).
   */
  group?: { position: number; size: number; everyPartHasDown: boolean; load(): Array<{ path: string; up: ParsedSource; down?: { path: string; text: string; parsed: ParsedSource } }> };
}

export interface FileContext<Options = Record<string, unknown>> {
  engine: Engine;
  version: Version;
  options: Options;
  file: FileInfo;
  /** The migration tool's view of this file, when it belongs to a recognised set. */
  migration?: MigrationInfo;
  /**
   * The schema just before the file's first statement, for rules that replay the file themselves
   * (`down-does-not-revert`). Only set for rules with `meta.usesSchemaBefore`, on up files that
   * have a rollback; read-only: clone it before applying statements.
   */
  schemaBefore?: Catalog;
  /** Transaction state after the last statement. */
  finalTransaction: TransactionState;
  transactionAt(index: number): TransactionState;
  report(input: ReportInput): void;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  /** Called for every statement of the `up` direction, with the state just before it. */
  checkStatement?(ctx: StatementContext<Options>): void;
  /** Called once per file after every statement. */
  checkFile?(ctx: FileContext<Options>): void;
  /** Called once per migration set with the release (the files this deploy ships). */
  checkRelease?(ctx: ReleaseContext<Options>): void;
}

/** A rule of any options type, as stored in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/** One migration file of the release (added or changed on the branch, or the newest file without git). */
export interface ReleaseFile {
  /** Absolute path. */
  path: string;
  /** Relative to the repository root (or the working directory without git), for messages. */
  displayPath: string;
  /** `added`/`modified` against the git base; `newest` when the release is the newest file(s) without git. */
  status: 'added' | 'modified' | 'newest';
  /** The migration tool's version of the file (or the leading version of its name). */
  version?: string;
  role: 'up' | 'down' | 'repeatable' | 'verify' | 'callback' | 'other';
  text: string;
  parsed: ParsedSource;
  /** For modified files: the text and parse on the base. */
  baseText?: string;
  baseParsed?: ParsedSource;
  /**
   * The schema just before a statement of this file (tables created earlier in the release are
   * new). Good until the next call for another
   * statement (one replay that moves forward; asking about an earlier statement replays again):
   * use it right away, do not keep it.
   */
  schemaAt(statementIndex: number): SchemaView;
}

/** What git knows about the release; absent without git or without a base. */
export interface ReleaseGit {
  /** The ref given (or detected) and the merge-base commit the release is measured against. */
  baseRef: string;
  baseCommit: string;
  /** Migration files of this set that exist on the base (absolute paths, with their versions). */
  baseMigrations: ReadonlyArray<{ path: string; version?: string }>;
  /** Changed files outside the migration directories (relative to the repository root). */
  codeChanges: readonly string[];
  /** Tracked files outside the migration directories that use each name as a whole identifier, outside comments. */
  findReferences(names: string[], search?: { include?: string[]; exclude?: string[] }): Map<string, Array<{ path: string; displayPath: string; line: number; text: string }>>;
}

export interface ReleaseContext<Options = Record<string, unknown>> {
  engine: Engine;
  version: Version;
  options: Options;
  /** The release's migration files in the order the tool runs them. */
  files: readonly ReleaseFile[];
  /** The migration tool of the set (`plain` when none was recognised: file names order, no version table). */
  tool: string;
  /** Every migration file of the set, in run order (for version checks). */
  setFiles: ReadonlyArray<{ path: string; displayPath: string; version?: string; role: ReleaseFile['role'] }>;
  git?: ReleaseGit;
  /**
   * The configured database this set belongs to and the services that use it, each with the
   * source globs to search (relative to the repository root). Absent without `databases`.
   */
  database?: { name: string; services: ReadonlyArray<{ name: string; include: string[] }> };
  /** Reports on a migration file (of the release or the set), at a statement or a range of that file. */
  report(input: ReportInput & { file: string; statement?: Statement }): void;
}
