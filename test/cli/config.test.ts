import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli.js';

const WARN_SQL = 'ALTER TABLE orders ADD COLUMN note text;\n';
const rulesOf = (stdout: string) => (JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; severity: number }> }>).flatMap((r) => r.messages.map((m) => `${m.ruleId}:${m.severity}`));

describe('config discovery', () => {
  it.each([
    ['migrasafe.config.json'],
    ['.migrasaferc.json'],
  ])('finds %s by walking up from the linted file, with comments and trailing commas', async (name) => {
    const dir = tempProject({ [name]: '{\n  // lock_timeout is set by the migration role\n  "rules": { "require-lock-timeout": "error", },\n}\n', 'db/migrations/deep/001.sql': WARN_SQL });
    const r = await runCli(['db/migrations/deep/001.sql', '--format', 'json'], { cwd: dir });
    expect(rulesOf(r.stdout)).toEqual(['require-lock-timeout:2']);
    expect(r.code).toBe(1);
  });

  it('reads the "migrasafe" key of package.json, and ignores a package.json without it', async () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'app', migrasafe: { rules: { 'require-lock-timeout': 'off' } } }),
      'db/package.json': JSON.stringify({ name: 'nested-without-config' }),
      'db/001.sql': WARN_SQL,
    });
    expect(rulesOf((await runCli(['db/001.sql', '--format', 'json'], { cwd: dir })).stdout)).toEqual([]);
  });

  it('uses the nearest config: a directory config wins over the root one', async () => {
    const dir = tempProject({
      'migrasafe.config.json': '{ "rules": { "require-lock-timeout": "off" } }',
      'a/001.sql': WARN_SQL,
      'b/.migrasaferc.json': '{ "rules": { "require-lock-timeout": "error" } }',
      'b/001.sql': WARN_SQL,
    });
    const r = await runCli(['a', 'b', '--format', 'json'], { cwd: dir });
    expect(rulesOf(r.stdout)).toEqual(['require-lock-timeout:2']);
  });

  it('applies targetVersion to the rules (PostgreSQL 10: any default rewrites)', async () => {
    const sql = "SET lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';\n";
    const dir = tempProject({ '001.sql': sql });
    expect(rulesOf((await runCli(['001.sql', '--format', 'json'], { cwd: dir })).stdout)).toEqual([]);
    expect(rulesOf((await runCli(['001.sql', '--format', 'json', '--target-version', '10'], { cwd: dir })).stdout)).toEqual(['add-column-rewrite:2']);
    const viaConfig = tempProject({ '001.sql': sql, 'migrasafe.config.json': '{ "targetVersion": 10 }' });
    expect(rulesOf((await runCli(['001.sql', '--format', 'json'], { cwd: viaConfig })).stdout)).toEqual(['add-column-rewrite:2']);
  });

  it('--config uses the given file instead of searching', async () => {
    const dir = tempProject({ 'migrasafe.config.json': '{ "rules": { "require-lock-timeout": "off" } }', 'ci/strict.json': '{ "rules": { "require-lock-timeout": "error" } }', '001.sql': WARN_SQL });
    expect(rulesOf((await runCli(['001.sql', '--format', 'json', '--config', 'ci/strict.json'], { cwd: dir })).stdout)).toEqual(['require-lock-timeout:2']);
  });

  it('passes rule options to the rule (lockTimeout used by the fix)', async () => {
    const dir = tempProject({ 'migrasafe.config.json': '{ "rules": { "require-lock-timeout": ["warn", { "lockTimeout": "2s" }] } }', '001.sql': WARN_SQL });
    const r = await runCli(['001.sql', '--format', 'json'], { cwd: dir });
    const [msg] = (JSON.parse(r.stdout) as Array<{ messages: Array<{ fix: { text: string } }> }>)[0].messages;
    expect(msg.fix.text).toContain("SET lock_timeout = '2s';");
  });
});

describe('config validation: exit 2 naming the file and the key', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['unknown rule id', '{ "rules": { "require-concurent-index": "error" } }', /\(rules\.require-concurent-index\): unknown rule "require-concurent-index"; did you mean "require-concurrent-index"/],
    ['bad severity', '{ "rules": { "drop-column": "fatal" } }', /\(rules\.drop-column\): severity must be one of off, info, warn, error \(got "fatal"\)/],
    ['bad version', '{ "targetVersion": "9.6" }', /\(targetVersion\): "9\.6" is not a supported postgres version/],
    ['unknown key', '{ "rule": {} }', /\(rule\): unknown key "rule"/],
    ['unknown engine', '{ "engine": "oracle" }', /\(engine\): unknown engine "oracle"/],
    ['bad option', '{ "rules": { "require-lock-timeout": ["warn", { "timeout": "1s" }] } }', /\(rules\.require-lock-timeout\.timeout\): rule "require-lock-timeout" has no option "timeout"/],
    ['wrong type', '{ "ignore": "legacy/" }', /\(ignore\): must be an array of strings/],
    ['invalid JSON', '{ "rules": { "drop-column": "warn" }\n  "engine": "postgres" }', /invalid JSON at line 2/],
  ];
  it.each(cases)('%s', async (_name, text, message) => {
    const dir = tempProject({ 'db/migrasafe.config.json': text, 'db/001.sql': WARN_SQL });
    const r = await runCli(['db/001.sql'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(path.join(dir, 'db', 'migrasafe.config.json'));
    expect(r.stderr).toMatch(message);
  });

  it('names package.json and its "migrasafe" key', async () => {
    const dir = tempProject({ 'package.json': JSON.stringify({ migrasafe: { rules: { nope: 'warn' } } }), '001.sql': WARN_SQL });
    const r = await runCli(['001.sql'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'package.json')} ("migrasafe" key) (rules.nope): unknown rule "nope"`);
  });
});
