import { formatNames } from '../report/index.js';

/**
 * The lint command's options, declared once: yargs builds `--help` and its checks from this
 * table, and the start-up fast path (fast-args.ts) parses the common command lines with it.
 */
export interface LintOptionSpec {
  name: string;
  alias?: string;
  type: 'string' | 'boolean' | 'number';
  /** Repeatable: values collect into an array. */
  array?: boolean;
  default?: string | boolean;
  choices?: string[];
  describe: string;
}

export const lintOptions: LintOptionSpec[] = [
  { name: 'format', alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${formatNames.join(', ')}` },
  { name: 'output-file', alias: 'o', type: 'string', describe: 'Write the report to a file instead of stdout' },
  { name: 'report', type: 'string', array: true, describe: 'Also write another report from the same run: format:file (repeatable)' },
  { name: 'engine', type: 'string', choices: ['postgres', 'mysql', 'mariadb'], describe: 'Database engine (default: from config, the migration tool, or MySQL syntax in the files; else postgres)' },
  { name: 'target-version', type: 'string', describe: 'Server version the migrations run on: PostgreSQL major (default 16), MySQL 5.7 / 8.0.x / 8.4 (default 8.0.36), MariaDB 10.4-11.x (default 10.11)' },
  { name: 'database', type: 'string', describe: 'Lint only this database of the config\'s "databases" list' },
  { name: 'config', alias: 'c', type: 'string', describe: 'Use this config file instead of searching for one' },
  { name: 'rule', type: 'string', array: true, describe: 'Override a rule: id:level (off, info, warn, error)' },
  { name: 'max-warnings', type: 'number', describe: 'Exit 1 when there are more warnings than this' },
  { name: 'quiet', type: 'boolean', default: false, describe: 'Report errors only' },
  { name: 'fix', type: 'boolean', default: false, describe: 'Apply safe fixes to the files' },
  { name: 'fix-dry-run', type: 'boolean', describe: 'Print the changes --fix would make as a unified diff, without writing' },
  { name: 'staged', type: 'boolean', default: false, describe: 'Lint the staged (index) version of staged migration files (pre-commit hooks)' },
  { name: 'base', type: 'string', describe: 'Git ref the release is compared with (default in CI: the target branch); the release = migration files added or changed since the merge base' },
  { name: 'stdin', type: 'boolean', default: false, describe: 'Lint standard input' },
  { name: 'stdin-filename', type: 'string', describe: 'File name to use for standard input (config lookup, messages)' },
  { name: 'color', type: 'boolean', describe: 'Force colour on or off (default: on for a TTY, honouring NO_COLOR/FORCE_COLOR)' },
  { name: 'allow-js', type: 'boolean', describe: 'Run project code to read migrations written in JavaScript/TypeScript (Knex): see docs/tools/knex.md' },
  { name: 'verbose', type: 'boolean', describe: 'Print which migration tool and engine were assumed for each directory (stderr)' },
];

export const camelCase = (name: string): string => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
