/** Presets end to end: a config file's `extends` decides which rules the CLI runs. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { allRules } from '../src/rules/index.js';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => '', isTTY: false, cwd, env: {} };
  const code = await main(args, io);
  return { code, out, err };
}

const SQL = 'CREATE TABLE events (id serial PRIMARY KEY, payload json, code char(2));\nALTER TABLE users RENAME COLUMN email TO email_address;\n';

function project(config?: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrasafe-presets-'));
  writeFileSync(path.join(dir, '001_events.sql'), SQL);
  if (config !== undefined) writeFileSync(path.join(dir, 'migrasafe.config.json'), JSON.stringify(config));
  return dir;
}

async function ruleIds(dir: string): Promise<Set<string>> {
  const { out, err } = await run(['lint', path.join(dir, '001_events.sql'), '--format', 'json'], dir);
  expect(err).toBe('');
  return new Set((JSON.parse(out) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((f) => f.messages.map((m) => m.ruleId)));
}

describe('presets', () => {
  it('recommended is the default: breaking rules on, type hygiene off', async () => {
    const ids = await ruleIds(project());
    expect(ids.has('rename-column')).toBe(true);
    expect(ids.has('prefer-jsonb')).toBe(false);
    expect(ids.has('prefer-identity')).toBe(false);
  });

  it('"extends": "strict" turns on the style rules as well', async () => {
    const ids = await ruleIds(project({ extends: 'strict' }));
    for (const id of ['rename-column', 'prefer-jsonb', 'prefer-identity', 'prefer-bigint', 'ban-char']) expect(ids.has(id), id).toBe(true);
  });

  it('a single style rule can be enabled on top of recommended', async () => {
    const ids = await ruleIds(project({ extends: ['recommended'], rules: { 'prefer-jsonb': 'error' } }));
    expect(ids.has('prefer-jsonb')).toBe(true);
    expect(ids.has('ban-char')).toBe(false);
  });

  it('an unknown preset is a config error with the file name, exit 2', async () => {
    const dir = project({ extends: 'paranoid' });
    const r = await run(['lint', path.join(dir, '001_events.sql')], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('migrasafe.config.json');
    expect(r.err).toContain('unknown preset "paranoid"');
  });

  it('`migrasafe rules` shows which presets enable each rule', async () => {
    const { out, code } = await run(['rules'], process.cwd());
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^rule\s+engines\s+default\s+presets\s+fixable\s+description$/);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `))!.split(/\s{2,}/);
    expect(row('prefer-jsonb').slice(2, 4)).toEqual(['off', 'strict']);
    expect(row('rename-column').slice(2, 4)).toEqual(['error', 'recommended,strict']);
    // every rule lists at least one preset, and every style rule is strict-only
    for (const r of allRules) {
      expect(r.meta.presets.length, r.meta.id).toBeGreaterThan(0);
      if (r.meta.category === 'style') expect(r.meta.presets, r.meta.id).toEqual(['strict']);
    }
  });
});
