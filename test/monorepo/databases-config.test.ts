import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/config/types.js';
import { validateUserConfig } from '../../src/config/validate.js';
import { allRules } from '../../src/rules/index.js';
import { main, type CliIo } from '../../src/cli/main.js';

const validate = (cfg: unknown) => validateUserConfig(cfg, '/repo/migrasafe.config.json', allRules);

const config = {
  engine: 'postgres',
  targetVersion: 15,
  rules: { 'require-lock-timeout': 'off', 'drop-column': 'warn' },
  databases: [
    { name: 'billing', paths: ['services/billing/migrations'], tool: 'golang-migrate', sources: ['services/billing/src/**'] },
    { name: 'catalog', paths: ['services/catalog/db'], engine: 'mysql', targetVersion: '8.0.36', tool: 'flyway', rules: { 'drop-column': 'error' } },
    { name: 'shared', paths: ['db/shared'], sources: { billing: ['services/billing/src/**'], catalog: ['services/catalog/src/**'] } },
  ],
};

describe('databases config', () => {
  it('a file takes the settings of the database whose paths contain it, with the top level as defaults', () => {
    const user = validate(config);
    const billing = resolveConfig(user, allRules, '/repo', undefined, {}, '/repo/services/billing/migrations/1_init.up.sql');
    expect(billing.database).toEqual({ name: 'billing', services: [{ name: 'billing', sources: ['services/billing/src/**'] }] });
    expect([billing.engine, billing.targetVersion, billing.tool]).toEqual(['postgres', '15', 'golang-migrate']);
    expect(billing.rules['drop-column'].level).toBe('warn');
    expect(billing.rules['require-lock-timeout'].level).toBe('off');

    const catalog = resolveConfig(user, allRules, '/repo', undefined, {}, '/repo/services/catalog/db/V1__init.sql');
    expect([catalog.engine, catalog.targetVersion, catalog.tool, catalog.database?.name]).toEqual(['mysql', '8.0.36', 'flyway', 'catalog']);
    expect(catalog.rules['drop-column'].level).toBe('error'); // entry rules win
    expect(catalog.rules['require-lock-timeout'].level).toBe('off'); // top-level rules still apply

    const shared = resolveConfig(user, allRules, '/repo', undefined, {}, '/repo/db/shared/001.sql');
    expect(shared.database?.services.map((s) => s.name)).toEqual(['billing', 'catalog']);

    const outside = resolveConfig(user, allRules, '/repo', undefined, {}, '/repo/scripts/x.sql');
    expect(outside.database).toBeUndefined();
    expect(outside.paths).toEqual(['services/billing/migrations', 'services/catalog/db', 'db/shared']);
  });

  it.each([
    [{ databases: {} }, 'databases', 'must be a list'],
    [{ databases: [{ paths: ['a'] }] }, 'databases[0].name', 'needs a "name"'],
    [{ databases: [{ name: 'a', paths: [] }] }, 'databases["a"].paths', 'needs "paths"'],
    [{ databases: [{ name: 'a', paths: ['x'] }, { name: 'a', paths: ['y'] }] }, 'databases["a"].name', 'used twice'],
    [{ databases: [{ name: 'billing', paths: ['x'], engine: 'oracle' }] }, 'databases["billing"].engine', 'unknown engine'],
    [{ databases: [{ name: 'billing', paths: ['x'], engine: 'mysql', targetVersion: 16 }] }, 'databases["billing"].targetVersion', 'not a supported mysql version'],
    [{ engine: 'mysql', databases: [{ name: 'billing', paths: ['x'], targetVersion: 16 }] }, 'databases["billing"].targetVersion', 'not a supported mysql version'],
    [{ databases: [{ name: 'billing', paths: ['x'], rules: { 'no-such-rule': 'error' } }] }, 'databases["billing"].rules.no-such-rule', 'unknown rule'],
    [{ databases: [{ name: 'billing', paths: ['x'], sources: { api: 'src/**' } }] }, 'databases["billing"].sources.api', 'array of glob'],
    [{ databases: [{ name: 'billing', paths: ['x'], colour: 'blue' }] }, 'databases["billing"].colour', 'unknown key'],
  ])('names the entry and key of a mistake: %j', (cfg, key, message) => {
    let error: unknown;
    try {
      validate(cfg);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe(key);
    expect((error as ConfigError).message).toContain(message);
    expect((error as ConfigError).message).toContain('/repo/migrasafe.config.json');
  });
});

describe('--database', () => {
  function project() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-dbs-'));
    for (const d of ['a/migrations', 'b/migrations']) mkdirSync(path.join(dir, d), { recursive: true });
    writeFileSync(path.join(dir, 'a/migrations/001.sql'), 'CREATE INDEX i ON t (c);\n');
    writeFileSync(path.join(dir, 'b/migrations/001.sql'), 'CREATE INDEX j ON u (c);\n');
    writeFileSync(path.join(dir, 'migrasafe.config.json'), JSON.stringify({ databases: [{ name: 'a', paths: ['a/migrations'] }, { name: 'b', paths: ['b/migrations'] }] }));
    return dir;
  }
  async function run(cwd: string, args: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', isTTY: false, cwd, env: {} };
    const code = await main(args, io);
    return { code, stdout, stderr };
  }

  it('lints every database without paths, each file naming its database in JSON', async () => {
    const r = await run(project(), ['lint', '--format', 'json']);
    const files = JSON.parse(r.stdout) as Array<{ filePath: string; database: string }>;
    expect(files.map((f) => `${f.database} ${path.basename(path.dirname(path.dirname(f.filePath)))}`).sort()).toEqual(['a a', 'b b']);
  });

  it('limits the run to one database', async () => {
    const r = await run(project(), ['lint', '--database', 'b', '--format', 'json']);
    const files = JSON.parse(r.stdout) as Array<{ filePath: string; database: string }>;
    expect(files.map((f) => f.database)).toEqual(['b']);
  });

  it('is a usage error for an unknown database, naming the known ones', async () => {
    const r = await run(project(), ['lint', '--database', 'c']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--database c: no such database');
    expect(r.stderr).toContain('known: a, b');
  });

  it('prefixes the database in stylish output', async () => {
    const r = await run(project(), ['lint', '--database', 'a', '--rule', 'require-lock-timeout:off']);
    expect(r.stdout).toMatch(/\[a\] a\/migrations\/001\.sql/);
  });
});
