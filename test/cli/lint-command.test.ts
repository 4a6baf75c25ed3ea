import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempProject } from '../helpers/cli.js';

const ERROR_SQL = 'CREATE INDEX orders_user_idx ON orders (user_id);\n'; // require-concurrent-index (error) + require-lock-timeout (warn)
const WARN_SQL = 'ALTER TABLE orders ADD COLUMN note text;\n'; // require-lock-timeout only (warn)
const CLEAN_SQL = "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN archived_at timestamptz;\n";

const json = (stdout: string) => JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; severity: number; line: number; column: number; fatal?: boolean; message: string; code?: string }>; errorCount: number; warningCount: number }>;

describe('exit codes', () => {
  it('exits 0 on a clean file and 0 with warnings only', async () => {
    const dir = tempProject({ 'clean.sql': CLEAN_SQL, 'warn.sql': WARN_SQL });
    expect((await runCli(['clean.sql'], { cwd: dir })).code).toBe(0);
    const warn = await runCli(['warn.sql', '--format', 'json'], { cwd: dir });
    expect(warn.code).toBe(0);
    expect(json(warn.stdout)[0].warningCount).toBe(1);
  });

  it('exits 1 on an error-level finding', async () => {
    const dir = tempProject({ 'bad.sql': ERROR_SQL });
    const r = await runCli(['bad.sql'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('require-concurrent-index');
  });

  it('--max-warnings turns too many warnings into exit 1', async () => {
    const dir = tempProject({ 'warn.sql': WARN_SQL });
    expect((await runCli(['warn.sql', '--max-warnings', '1'], { cwd: dir })).code).toBe(0);
    const over = await runCli(['warn.sql', '--max-warnings', '0'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings');
  });

  it('--quiet reports errors only', async () => {
    const dir = tempProject({ 'bad.sql': ERROR_SQL });
    const r = await runCli(['bad.sql', '--quiet', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['require-concurrent-index']);
  });

  it('exits 2 with a one-line message (no stack trace) for usage errors', async () => {
    const dir = tempProject({ 'a.sql': CLEAN_SQL });
    for (const args of [['missing.sql'], ['a.sql', '--format', 'xml'], ['a.sql', '--no-such-flag'], ['a.sql', '--rule', 'drop-column'], ['a.sql', '--rule', 'nope:error'], ['a.sql', '--target-version', '7'], ['explain', 'nope']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^migrasafe: /);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('the real binary returns the same exit codes', () => {
    const dir = tempProject({ 'bad.sql': ERROR_SQL, 'clean.sql': CLEAN_SQL });
    expect(spawnCli(['clean.sql'], { cwd: dir }).code).toBe(0);
    expect(spawnCli(['lint', 'bad.sql'], { cwd: dir }).code).toBe(1);
    const usage = spawnCli(['nope.sql'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('No such file or directory: nope.sql');
  });
});

describe('--rule overrides', () => {
  it('changes the level of a rule or turns it off', async () => {
    const dir = tempProject({ 'bad.sql': ERROR_SQL });
    const off = await runCli(['bad.sql', '--rule', 'require-concurrent-index:off', '--format', 'json'], { cwd: dir });
    expect(off.code).toBe(0);
    expect(json(off.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['require-lock-timeout']);
    const warn = await runCli(['bad.sql', '--rule', 'require-concurrent-index:warn', '--rule', 'require-lock-timeout:error', '--format', 'json'], { cwd: dir });
    expect(warn.code).toBe(1);
    expect(json(warn.stdout)[0].messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['require-concurrent-index', 1],
      ['require-lock-timeout', 2],
    ]);
  });

  it('wins over the config file', async () => {
    const dir = tempProject({ 'migrasafe.config.json': '{ "rules": { "require-lock-timeout": "off" } }', 'warn.sql': WARN_SQL });
    expect(json((await runCli(['warn.sql', '--format', 'json'], { cwd: dir })).stdout)[0].messages).toEqual([]);
    const r = await runCli(['warn.sql', '--format', 'json', '--rule', 'require-lock-timeout:warn'], { cwd: dir });
    expect(json(r.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['require-lock-timeout']);
  });
});

describe('paths, directories and globs', () => {
  it('lints directories recursively (.sql only) and globs, skipping node_modules', async () => {
    const dir = tempProject({
      'db/migrations/001.sql': WARN_SQL,
      'db/migrations/nested/002.sql': WARN_SQL,
      'db/migrations/notes.txt': 'DROP TABLE x;',
      'db/node_modules/dep/x.sql': ERROR_SQL,
      'other/003.sql': WARN_SQL,
    });
    const byDir = json((await runCli(['db', '--format', 'json'], { cwd: dir })).stdout).map((r) => path.relative(dir, r.filePath));
    expect(byDir).toEqual([path.join('db', 'migrations', '001.sql'), path.join('db', 'migrations', 'nested', '002.sql')]);
    const byGlob = json((await runCli(['**/0*.sql', '--format', 'json'], { cwd: dir })).stdout).map((r) => path.relative(dir, r.filePath));
    expect(byGlob).toEqual([path.join('db', 'migrations', '001.sql'), path.join('db', 'migrations', 'nested', '002.sql'), path.join('other', '003.sql')]);
    const none = await runCli(['**/*.nothing'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No files matched');
  });

  it('applies gitignore-style ignore patterns and include globs from the config', async () => {
    const dir = tempProject({
      'migrasafe.config.json': '{ "ignore": ["legacy/", "*.down.sql", "!keep.down.sql"], "include": ["**/*.sql", "**/*.psql"] }',
      'm/001.up.sql': WARN_SQL,
      'm/001.down.sql': WARN_SQL,
      'm/keep.down.sql': WARN_SQL,
      'm/002.psql': WARN_SQL,
      'm/legacy/000.sql': WARN_SQL,
    });
    const files = json((await runCli(['m', '--format', 'json'], { cwd: dir })).stdout).map((r) => path.basename(r.filePath));
    expect(files.sort()).toEqual(['001.up.sql', '002.psql', 'keep.down.sql']);
  });

  it('lints files listed by "paths" in the config when no path is given', async () => {
    const dir = tempProject({ 'migrasafe.config.json': '{ "paths": ["db"] }', 'db/001.sql': ERROR_SQL });
    const r = await runCli(['--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).map((f) => path.basename(f.filePath))).toEqual(['001.sql']);
    const none = await runCli([], { cwd: tempProject({}) });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No paths given');
  });
});

describe('--stdin', () => {
  it('lints standard input under --stdin-filename, with that file\'s config', async () => {
    const dir = tempProject({ 'db/.migrasaferc.json': '{ "rules": { "require-lock-timeout": "off" } }' });
    const r = await runCli(['--stdin', '--stdin-filename', 'db/new.sql', '--format', 'json'], { cwd: dir, stdin: ERROR_SQL });
    expect(r.code).toBe(1);
    const [result] = json(r.stdout);
    expect(result.filePath).toBe(path.join(dir, 'db', 'new.sql'));
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['require-concurrent-index', 1, 1]]);
  });

  it('reads a pipe with the real binary', () => {
    const dir = tempProject({});
    const r = spawnCli(['--stdin', '--format', 'json'], { cwd: dir, stdin: ERROR_SQL });
    expect(r.code).toBe(1);
    expect(json(r.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['require-concurrent-index', 'require-lock-timeout']);
    const both = spawnCli(['--stdin', 'a.sql'], { cwd: dir, stdin: ERROR_SQL });
    expect(both.code).toBe(2);
  });
});

describe('a parse error beside a good file', () => {
  it('reports fatal with line/column in the bad file, still lints its later statements and the good file', async () => {
    const dir = tempProject({
      'm/001_bad.sql': 'CREATE TABLE t (id int);\nALTER TABLE orders ADD COLUMN x int DEFALT 1;\nCREATE INDEX o_idx ON orders (x);\n',
      'm/002_good.sql': ERROR_SQL,
    });
    const r = await runCli(['m', '--format', 'json', '--rule', 'require-lock-timeout:off'], { cwd: dir });
    expect(r.code).toBe(1);
    const [bad, good] = json(r.stdout);
    expect(bad.messages.map((m) => [m.ruleId, m.fatal ?? false, m.line, m.column])).toEqual([
      [null, true, 2, 37],
      ['require-concurrent-index', false, 3, 1],
    ]);
    expect(bad.messages[0].message).toContain('syntax error at or near "DEFALT"');
    expect(good.messages.map((m) => m.ruleId)).toEqual(['require-concurrent-index']);
  });

  it('reports a binary or UTF-16 .sql file as not linted, once, and lints the files beside it as PostgreSQL', async () => {
    // Bytes a zip or image would have, with a backtick that once made the directory MySQL.
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x60, 0x78, 0x60, 0x00, 0xff, 0x10]);
    const dir = tempProject({ 'm/002_good.sql': ERROR_SQL });
    writeFileSync(path.join(dir, 'm/001_binary.sql'), binary);
    writeFileSync(path.join(dir, 'm/003_utf16.sql'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ERROR_SQL, 'utf16le')]));
    const r = await runCli(['m', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const [bin, good, utf16] = json(r.stdout);
    expect(bin.messages).toHaveLength(1);
    expect(bin.messages[0]).toMatchObject({ ruleId: null, fatal: true, code: 'not-linted', line: 1 });
    expect(bin.messages[0].message).toContain('not a text file (it contains NUL bytes');
    expect(utf16.messages).toHaveLength(1);
    expect(utf16.messages[0].message).toContain('UTF-16 text (it starts with the byte order mark FF FE)');
    // PostgreSQL's findings (MySQL would call it a metadata lock).
    expect(good.messages.map((m) => m.ruleId)).toEqual(['require-concurrent-index', 'require-lock-timeout']);
    expect(good.messages[1].message).toContain('SHARE lock');
  });

  it('reads past a UTF-8 byte order mark, lints the file, and says the mark breaks tools that send the file as it is', async () => {
    const dir = tempProject({ 'm/001_bom.sql': `\uFEFF${ERROR_SQL}` });
    const r = await runCli(['m', '--format', 'json'], { cwd: dir });
    const [f] = json(r.stdout);
    expect(f.messages.map((m) => m.ruleId).sort()).toEqual(['byte-order-mark', 'require-concurrent-index', 'require-lock-timeout']);
    expect(f.messages.some((m) => m.fatal)).toBe(false);
    const fixed = await runCli(['m', '--fix', '--rule', 'require-concurrent-index:off', '--rule', 'require-lock-timeout:off'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(readFileSync(path.join(dir, 'm/001_bom.sql'), 'utf8')).toBe(ERROR_SQL);
  });

  it('reports an empty and a comment-only file as clean', async () => {
    const dir = tempProject({ 'empty.sql': '', 'comments.sql': '-- nothing yet\n/* later */\n' });
    const r = await runCli(['.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(json(r.stdout).map((f) => f.messages.length)).toEqual([0, 0]);
  });
});

describe('--output-file and colour', () => {
  it('writes the report to the file and nothing to stdout', async () => {
    const dir = tempProject({ 'bad.sql': ERROR_SQL });
    const r = await runCli(['bad.sql', '--format', 'json', '--output-file', 'out/report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(json(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'))[0].errorCount).toBe(1);
  });

  it('colours stylish output only on a TTY, honouring NO_COLOR and FORCE_COLOR', async () => {
    const dir = tempProject({ 'bad.sql': ERROR_SQL });
    const esc = '\u001b[';
    expect((await runCli(['bad.sql'], { cwd: dir, isTTY: false })).stdout).not.toContain(esc);
    expect((await runCli(['bad.sql'], { cwd: dir, isTTY: true })).stdout).toContain(esc);
    expect((await runCli(['bad.sql'], { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await runCli(['bad.sql'], { cwd: dir, isTTY: false, env: { FORCE_COLOR: '1' } })).stdout).toContain(esc);
    expect((await runCli(['bad.sql'], { cwd: dir, isTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain(esc);
    expect((await runCli(['bad.sql', '--no-color'], { cwd: dir, isTTY: true })).stdout).not.toContain(esc);
    // A pipe from the real binary is not a TTY.
    expect(spawnCli(['bad.sql'], { cwd: dir }).stdout).not.toContain(esc);
  });
});

describe('--fix', () => {
  it('writes only safe fixes, and nothing without --fix', async () => {
    const dir = tempProject({ 'a.sql': WARN_SQL });
    await runCli(['a.sql'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'a.sql'), 'utf8')).toBe(WARN_SQL);
    const r = await runCli(['a.sql', '--fix'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.sql'), 'utf8')).toBe("SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;\n");
    writeFileSync(path.join(dir, 'a.sql'), WARN_SQL);
  });

  it('keeps a CRLF file CRLF: fixes and suggestions use its line endings', async () => {
    const crlf = 'CREATE TABLE t (id int PRIMARY KEY);\r\n-- link orders to t\r\nALTER TABLE orders ADD CONSTRAINT orders_t_fk FOREIGN KEY (t_id) REFERENCES t (id);\r\n';
    const dir = tempProject({ 'a.sql': crlf });
    const [f] = json((await runCli(['a.sql', '--format', 'json'], { cwd: dir })).stdout);
    const texts = (f.messages as Array<{ fix?: { text: string }; suggestions?: Array<{ fix: { text: string } }> }>).flatMap((m) => [m.fix?.text, ...(m.suggestions ?? []).map((sg) => sg.fix.text)]).filter((t): t is string => !!t && t.includes('\n'));
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.replace(/\r\n/g, ''), t).not.toContain('\n');
    await runCli(['a.sql', '--fix'], { cwd: dir });
    const fixed = readFileSync(path.join(dir, 'a.sql'), 'utf8');
    expect(fixed).toContain("SET lock_timeout = '5s';\r\n");
    expect(fixed).toContain('NOT VALID;\r\nALTER TABLE orders VALIDATE CONSTRAINT orders_t_fk;\r\n');
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('rules and explain', () => {
  it('lists every rule with engines, default level, presets and fixability', async () => {
    const r = await runCli(['rules'], { cwd: tempProject({}) });
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('require-concurrent-index '));
    expect(row).toMatch(/require-concurrent-index\s+postgres\s+error\s+recommended,strict\s+fix\s+CREATE INDEX/);
    expect(r.stdout.split('\n').find((l) => l.startsWith('drop-column '))).toMatch(/postgres,mysql,mariadb\s+error\s+recommended,strict\s+suggest/);
  });

  it('prints a rule\'s docs page', async () => {
    const r = await runCli(['explain', 'set-not-null'], { cwd: tempProject({}) });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('# set-not-null\n')).toBe(true);
    expect(r.stdout).toContain('## Use instead');
  });
});
