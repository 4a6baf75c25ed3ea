import { describe, expect, it } from 'vitest';
import { parseLintArgsFast } from '../../src/cli/fast-args.js';

const defaults = { format: 'stylish', quiet: false, fix: false, staged: false, stdin: false };

describe('start-up fast path for the lint command line', () => {
  it('parses the common forms like yargs does', () => {
    expect(parseLintArgsFast(['db/migrations'])).toEqual({ ...defaults, paths: ['db/migrations'] });
    expect(parseLintArgsFast(['lint', 'a.sql', 'b.sql', '-f', 'json', '--output-file=out.json'])).toEqual({ ...defaults, paths: ['a.sql', 'b.sql'], format: 'json', outputFile: 'out.json' });
    expect(parseLintArgsFast(['a.sql', '--rule', 'drop-column:off', '--rule=set-not-null:warn', '--max-warnings', '0', '--no-color', '--quiet'])).toEqual({
      ...defaults,
      paths: ['a.sql'],
      rule: ['drop-column:off', 'set-not-null:warn'],
      maxWarnings: 0,
      color: false,
      quiet: true,
    });
    expect(parseLintArgsFast(['--stdin', '--stdin-filename', 'x.sql', '--target-version', '13', '--engine', 'postgres'])).toEqual({ ...defaults, stdin: true, stdinFilename: 'x.sql', targetVersion: '13', engine: 'postgres' });
    expect(parseLintArgsFast(['--', '--odd-name.sql'])).toEqual({ ...defaults, paths: ['--odd-name.sql'] });
    expect(parseLintArgsFast([])).toEqual(defaults);
  });

  it('leaves everything else to yargs (help, other commands, unknown or malformed options)', () => {
    for (const argv of [['--help'], ['--version'], ['rules'], ['explain', 'drop-column'], ['lsp'], ['a.sql', '--bogus'], ['a.sql', '-fq'], ['a.sql', '--format'], ['a.sql', '--max-warnings', 'many'], ['a.sql', '--engine', 'oracle'], ['a.sql', '--no-format'], ['a.sql', '-f', 'json', '--format', 'sarif']]) {
      expect(parseLintArgsFast(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
