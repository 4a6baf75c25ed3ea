// Shared types for every stage of the pipeline. Stages import from here, never from each other backwards.

export type Engine = 'postgres' | 'mysql' | 'mariadb';

/** Severity as configured. `info` findings are shown but never fail a run. */
export type Level = 'off' | 'info' | 'warn' | 'error';

/** ESLint-compatible numeric severity for output: 1 warning, 2 error. Info maps to 1 with `info: true`. */
export type NumericSeverity = 0 | 1 | 2;

/** Half-open character range [start, end) into the file text (UTF-16 offsets, as JS strings index). */
export interface Range {
  start: number;
  end: number;
}

/** 1-based line/column position, as ESLint reports them. */
export interface Position {
  line: number;
  column: number;
}

export interface Location {
  range: Range;
  start: Position;
  end: Position;
}

/** A single text replacement in the linted file. */
export interface TextEdit {
  range: Range;
  text: string;
}

/** A mechanical, same-file fix. `safe` fixes are applied by --fix; unsafe ones only on request. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
}

/** A suggested rewrite shown to the user (and offered as a code action), never applied by --fix. */
export interface Suggestion {
  title: string;
  /** The SQL to use instead, with the user's own names. */
  sql: string;
  /** Where to put it, when it can replace the offending statement in place. */
  edits?: TextEdit[];
}

/**
 * What a message no rule produced is (`ruleId: null`, as ESLint reports parse errors): the
 * formatters show it where they show a rule id, so a migration-tool note does not read as a
 * parse error.
 */
export type MessageCode =
  /** SQL the database parser cannot read (the rest of the file is still linted). */
  | 'parse-error'
  /** A statement the parser rejected that the token classifier read instead; rules still ran. */
  | 'parser-gap'
  /** A rule or migrasafe itself failed, or a file could not be read. */
  | 'internal-error'
  /** The configuration file is invalid (the language server says so on the file). */
  | 'config-error'
  /** The file was not linted, and the message says why and how to lint it. */
  | 'not-linted'
  /** What the migration tool does with the file (a Knex migration that throws, a changelog note). */
  | 'migration-tool';

export interface Diagnostic {
  ruleId: string | null;
  /** For a message no rule produced; see MessageCode. */
  code?: MessageCode;
  level: Exclude<Level, 'off'>;
  message: string;
  /** One line: why it is dangerous (lock / rewrite / break / lose data). */
  why?: string;
  location: Location;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Parse errors and other problems that stop a statement from being understood. */
  fatal?: boolean;
  /** Command that writes the full expand-migrate-contract plan, when one exists. */
  planCommand?: string;
  /**
   * The plan whose first phase becomes a suggestion. The plan builders are loaded only when a
   * finding has one (lint/plan-suggestions.ts turns it into `suggestions[0]` and removes it).
   */
  pendingPlan?: PendingPlan;
}

/** What building a finding's first-phase suggestion needs, taken while the schema was at the statement. */
export interface PendingPlan {
  kind: string;
  args: string[];
  flags?: Record<string, string | boolean | undefined>;
  engine: Engine;
  /** Target version text (`16`, `8.0.36`). */
  version: string;
  /** Tables the catalog knew at the statement: primary key and column types. */
  facts: Record<string, { pk: string; pkType: string; columns: Map<string, { name: string; type?: string; notNull?: boolean }>; guessed?: boolean }>;
  /** The flagged statement (through its semicolon), which the first phase replaces; absent when the file is not the SQL itself (a translated changelog). */
  replace?: Range;
  /** The statement runs inside a transaction (the tool's, an explicit one, or an implicit multi-statement one). */
  inTransaction: boolean;
  /** The statement does more than the change the plan covers, so replacing it would lose the rest. */
  otherOps: boolean;
}

export interface FileResult {
  filePath: string;
  source: string;
  diagnostics: Diagnostic[];
  /** Named database this file belongs to (multi-database configs). */
  database?: string;
  /** Output of --fix, when it changed the text. */
  output?: string;
  /**
   * Linted only as context: with an explicit `--base`, a migration the base already shipped.
   * Its findings are not reported ("only new problems").
   */
  outsideRelease?: boolean;
}
