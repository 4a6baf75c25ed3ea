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
  /** The target version was given (`--target-version` or the config file). */
  targetVersionExplicit?: boolean;
  /** File the configuration came from, if any. */
  source?: string;
  /** Directory relative patterns are resolved against. */
  root: string;
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
