import { UsageError } from '../core/errors.js';
import { ConfigError } from '../config/types.js';
import { parseLintArgsFast } from './fast-args.js';
import { runLint, type LintArgs } from './lint-command.js';
import { lintOptions } from './lint-options.js';
import { runInit } from './init-command.js';
import { runExplain, runRules } from './rules-command.js';
import type { PlanArgs } from './plan-command.js';
import { planKindNames } from '../rewrites/plans/kinds.js';
import { hostImport } from '../core/host-import.js';
import { packageVersion } from '../core/package-info.js';

// The command-line bundle's worker threads run this (bin/lint-worker.js).
export { runLintWorker } from '../lint/lint-worker-run.js';

/** Parses the command line and runs a command; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    // The common case (lint some paths) skips loading yargs: it is a large share of start-up.
    const fast = parseLintArgsFast(argv);
    return fast ? await runLint(fast, io) : await mainWithYargs(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as Error)?.name === 'YError') {
      io.stderr(`migrasafe: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

async function mainWithYargs(argv: string[], io: CliIo): Promise<number> {
  const { default: yargs } = await hostImport<typeof import('yargs')>('yargs');
  let code = 0;
  const parser = yargs(argv)
    .scriptName('migrasafe')
    .usage('$0 [lint] <paths...>  lint migration SQL for locks, rewrites, breaking changes and data loss')
    .command(
      ['lint [paths..]', '$0 [paths..]'],
      'Lint migration files, directories or globs (default command)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'Files, directories or globs' })
          // Add lint options to lint-options.ts (the start-up fast path reads the same table).
          .options(
            Object.fromEntries(
              lintOptions.map((o) => [o.name, { alias: o.alias, type: o.type, array: o.array, default: o.default, choices: o.choices, describe: o.describe }]),
            ),
          ),
      async (args) => {
        code = await runLint(args as unknown as LintArgs, io);
      },
    )
    .command(
      'init',
      'Write migrasafe.config.json for the migration directories found here',
      (y) => y.option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing configuration file' }),
      (args) => {
        code = runInit({ force: !!args.force }, io);
      },
    )
    .command(
      'plan <change> [args..]',
      `Print (or --write) the phased expand-migrate-contract migrations for a change: ${planKindNames.join(', ')}`,
      (y) =>
        y
          .positional('change', { type: 'string', choices: planKindNames, demandOption: true })
          .positional('args', { type: 'string', array: true, describe: 'table.column, new name, type... (see docs/plans/)' })
          .option('engine', { type: 'string', choices: ['postgres', 'mysql', 'mariadb'], describe: 'Database engine (default: from config, else postgres)' })
          .option('target-version', { type: 'string', describe: 'Server version the migrations run on' })
          .option('config', { alias: 'c', type: 'string', describe: 'Use this config file' })
          .option('dir', { type: 'string', describe: 'Migration directory: its history gives column types and keys; --write puts files there' })
          .option('write', { type: 'boolean', default: false, describe: 'Create the migration files in --dir' })
          .option('format', { alias: 'f', type: 'string', choices: ['text', 'json'], default: 'text' })
          .option('type', { type: 'string', describe: 'Column type when the history does not say (split-table: "a=text,b=int")' })
          .option('pk', { type: 'string', describe: 'Primary key column to batch by (default: from the history, else id)' })
          .option('pk-type', { type: 'string', describe: 'Primary key type (default: from the history, else bigint)' })
          .option('default', { type: 'string', describe: 'add-not-null: default for new rows and value for existing NULLs' })
          .option('columns', { type: 'string', describe: 'split-table: columns to move, comma-separated' })
          .option('into', { type: 'string', describe: 'split-table: the new table' })
          .option('set', { type: 'string', describe: 'backfill: "<column> = <expression>"' })
          .option('where', { type: 'string', describe: 'backfill: only rows matching this condition' })
          .option('add-column', { type: 'boolean', describe: 'add-not-null, backfill: the column does not exist yet; add it first (nullable, type from --type)' })
          .option('delete', { type: 'boolean', describe: 'backfill: delete the rows matching --where in batches instead of updating them' })
          .option('alias', { type: 'string', describe: 'backfill: alias of the table that --set and --where use (UPDATE t a SET ... FROM ...)' })
          .option('name', { type: 'string', describe: 'Name of the index or constraint to create' })
          .option('batch-size', { type: 'number', describe: 'Rows per backfill batch (default 10000)' })
          .option('pause', { type: 'number', describe: 'Seconds to sleep between batches (default 0.1)' })
          .option('max-lag', { type: 'number', describe: 'Pause while replica lag exceeds this many seconds (default 10)' })
          .option('trigger', { type: 'boolean', default: true, describe: 'Keep old and new columns in sync with a trigger (--no-trigger: the application dual-writes)' }),
      async (args) => {
        // Lazy: plan builders stay off the lint command's start-up path.
        const { runPlan } = await import('./plan-command.js');
        code = await runPlan(args as unknown as PlanArgs, io);
      },
    )
    .command('rules', 'List every rule', {}, () => {
      code = runRules(io);
    })
    .command(
      'explain <rule>',
      "Print a rule's documentation",
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (args) => {
        code = runExplain(String(args.rule), io);
      },
    )
    .command(
      'lsp',
      'Start the language server (diagnostics, quick fixes and hover in editors)',
      (y) => y.option('stdio', { type: 'boolean', default: true, describe: 'Talk LSP over standard input/output (the only transport)' }),
      async () => {
        // Lazy: the language server's dependencies stay off the lint command's start-up path.
        const { runLsp } = await import('./lsp-command.js');
        code = await runLsp();
      },
    )
    .strict()
    .help()
    // Given, not looked up: yargs would read the package.json nearest the entry script (bin/package.json).
    .version(packageVersion)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  await parser.parseAsync();
  return code;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: !!process.stdout.isTTY,
    cwd: process.cwd(),
    env: process.env,
  };
}
