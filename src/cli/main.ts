import yargs from 'yargs';
import { UsageError } from '../core/errors.js';
import { ConfigError } from '../config/types.js';
import { runLint, type LintArgs } from './lint-command.js';
import { runExplain, runRules } from './rules-command.js';
import { formatNames } from '../report/index.js';

/** Parses the command line and runs a command; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
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
          .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${formatNames.join(', ')}` })
          .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to a file instead of stdout' })
          .option('report', { type: 'string', array: true, describe: 'Also write another report from the same run: format:file (repeatable)' })
          .option('engine', { type: 'string', choices: ['postgres', 'mysql', 'mariadb'], describe: 'Database engine (default: postgres, or from config)' })
          .option('target-version', { type: 'string', describe: 'Server version the migrations run on (PostgreSQL major, default 16)' })
          .option('config', { alias: 'c', type: 'string', describe: 'Use this config file instead of searching for one' })
          .option('rule', { type: 'string', array: true, describe: 'Override a rule: id:level (off, info, warn, error)' })
          .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
          .option('fix', { type: 'boolean', default: false, describe: 'Apply safe fixes to the files' })
          .option('staged', { type: 'boolean', default: false, describe: 'Lint the staged (index) version of staged migration files (pre-commit hooks)' })
          .option('stdin', { type: 'boolean', default: false, describe: 'Lint standard input' })
          .option('stdin-filename', { type: 'string', describe: 'File name to use for standard input (config lookup, messages)' })
          .option('color', { type: 'boolean', describe: 'Force colour on or off (default: on for a TTY, honouring NO_COLOR/FORCE_COLOR)' }),
      async (args) => {
        code = await runLint(args as unknown as LintArgs, io);
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
    .version()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  try {
    await parser.parseAsync();
    return code;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as Error)?.name === 'YError') {
      io.stderr(`migrasafe: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
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
