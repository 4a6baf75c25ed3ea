import type { Engine, Level } from '../core/types.js';
import type { ToolName } from '../sources/types.js';

export type RuleSetting = Level | [Level] | [Level, Record<string, unknown>];
export type PresetName = 'recommended' | 'strict';

/** The configuration file as the user writes it (all keys optional). */
export interface UserConfig {
  extends?: PresetName | PresetName[];
  engine?: Engine;
  targetVersion?: string | number;
  rules?: Record<string, RuleSetting>;
  /** Globs of files to lint when a directory is given. Default: every `.sql` file. */
  include?: string[];
  /** gitignore-style patterns of files never linted. */
  ignore?: string[];
  /** Migration directories linted when no path is given. */
  paths?: string[];
  /** The migration tool, when its layout is not recognised automatically (or to override it). */
  tool?: ToolName;
  /** What counts as this deploy's release (see docs/schema-and-releases.md). */
  release?: ReleaseConfig;
  /** Several databases in one repository, each with its own settings (top-level keys are the defaults). */
  databases?: DatabaseEntry[];
  /** Run project code to read migrations that are code (Knex `.js`/`.ts`): see docs/tools/knex.md. */
  allowJs?: boolean;
  /** How the migration tool is run, when the files cannot tell (golang-migrate `x-multi-statement`). */
  toolOptions?: ToolOptions;
}

/** Tool settings that change how migrations run (docs/tools/README.md). */
export interface ToolOptions {
  /**
   * golang-migrate: the database URL has `x-multi-statement=true`, so each statement of a file runs
   * on its own, outside any transaction (docs/tools/golang-migrate.md).
   */
  multiStatement?: boolean;
}

/** Per-database settings: anything global can be set here, plus the application code that uses it. */
export interface DatabaseEntry extends Omit<UserConfig, 'databases' | 'paths' | 'allowJs'> {
  name: string;
  /** Migration directories of this database (relative to the config file). */
  paths: string[];
  /**
   * Application source globs that use this database: a list (one service, named after the
   * database) or an object of service name -> globs (a database shared by several services).
   */
  sources?: string[] | Record<string, string[]>;
}

/** A service that uses a database, with the globs of its source files. */
export interface DatabaseService {
  name: string;
  sources: string[];
}

export interface ReleaseConfig {
  /** Git ref the release is compared with (like `--base`); default in CI: the target branch. */
  base?: string;
  /** Without a git base, how many of the newest migration files are not yet released (default 1). */
  unreleased?: number;
}

/** Configuration after defaults, presets and command-line overrides. */
export interface ResolvedConfig {
  engine: Engine;
  targetVersion: string;
  presets: PresetName[];
  rules: Record<string, { level: Level; options: Record<string, unknown> }>;
  include: string[];
  ignore: string[];
  paths: string[];
  /** Migration tool forced by the configuration; undefined means recognise it from the layout. */
  tool?: ToolName;
  /** The engine was named (`--engine` or the config file); otherwise it may be detected from the SQL. */
  engineExplicit?: boolean;
  /**
   * Where the engine came from, in precedence order: `--engine`, the config (top level or the
   * database entry), a MySQL-only `targetVersion`, the migration tool's own configuration (Prisma
   * provider, Flyway URL, knexfile client), MySQL syntax in the SQL, else the default (postgres).
   */
  engineFrom?: 'cli' | 'config' | 'version' | 'tool' | 'sql' | 'default';
  /** The target version was given (`--target-version` or the config file). */
  targetVersionExplicit?: boolean;
  release: ReleaseConfig;
  /** File the configuration came from, if any. */
  source?: string;
  /** Directory relative patterns are resolved against. */
  root: string;
  /** The named database the file belongs to, when the config lists `databases`. */
  database?: { name: string; services: DatabaseService[] };
  /** Every configured database (for `--database` and path discovery); empty without `databases`. */
  databases: Array<{ name: string; paths: string[] }>;
  /** Project code may run to read migrations that are code (`--allow-js` or `allowJs`). */
  allowJs: boolean;
  /** `toolOptions` in force for the file, with the config key that set them (for `--verbose`). */
  toolOptions: ToolOptions & { from?: string };
}

export class ConfigError extends Error {
  constructor(
    message: string,
    public readonly file?: string,
    public readonly key?: string,
  ) {
    super(file ? `${file}${key ? ` (${key})` : ''}: ${message}` : message);
    this.name = 'ConfigError';
  }
}
