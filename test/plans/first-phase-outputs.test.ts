/**
 * A finding whose safe form is a multi-phase change shows the plan's first migration in every
 * output: JSON (ESLint's shape, as a suggestion with its fix), stylish (under "instead:"), and the
 * command that writes the rest. The LSP code action and the ESLint plugin are tested in
 * test/lsp/server.test.ts and test/eslint/eslint-run.test.ts.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function project(files: Record<string, string>, config: object = { paths: ['migrations'], targetVersion: '16' }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-first-phase-'));
  mkdirSync(path.join(dir, 'migrations'));
  writeFileSync(path.join(dir, 'migrasafe.config.json'), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'migrations', name), text);
  return dir;
}

const history = 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(320) NOT NULL);\n';
const rename = 'ALTER TABLE users RENAME COLUMN email TO email_address;\n';

describe('first-phase suggestions in the outputs', () => {
  it('JSON: the first suggestion replaces the statement with the first migration; planCommand names the rest', async () => {
    const dir = project({ '001_users.sql': history, '002_rename.sql': rename });
    const r = await runCli(['lint', 'migrations/002_rename.sql', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    const m = file.messages.find((x: { ruleId: string }) => x.ruleId === 'rename-column');
    expect(m.planCommand).toBe('migrasafe plan rename-column users.email email_address');
    expect(m.suggestions[0].desc).toBe('First migration of the safe sequence (step 1 of 11): Add users.email_address (nullable, no default: no rewrite)');
    expect(m.suggestions[0].fix.range).toEqual([0, rename.length - 1]);
    expect(m.suggestions[0].fix.text).toBe(
      [
        '-- Step 1 of 11 of the safe sequence (7 migrations, each its own deploy): Add users.email_address (nullable, no default: no rewrite)',
        '-- The rest: migrasafe plan rename-column users.email email_address',
        'ALTER TABLE users ADD COLUMN email_address varchar(320);',
      ].join('\n'),
    );
    expect(m).not.toHaveProperty('pendingPlan');
  });

  it('stylish: shows the first migration under "instead:" and the full plan command', async () => {
    const dir = project({ '001_users.sql': history, '002_rename.sql': rename });
    const r = await runCli(['lint', 'migrations/002_rename.sql'], { cwd: dir });
    expect(r.stdout).toContain('instead:');
    expect(r.stdout).toContain('ALTER TABLE users ADD COLUMN email_address varchar(320);');
    expect(r.stdout).toContain('full plan: migrasafe plan rename-column users.email email_address');
  });

  it('JSON: a first migration that cannot run in the file\'s transaction is described, not offered as a fix', async () => {
    // golang-migrate sends a multi-statement file as one implicit transaction.
    const dir = project(
      {
        '001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, locale text);\n',
        '001_users.down.sql': 'DROP TABLE users;\n',
        '002_locale.up.sql': "ALTER TABLE users ALTER COLUMN locale SET DEFAULT 'en';\nUPDATE users SET locale = 'en' WHERE locale IS NULL;\n",
        '002_locale.down.sql': 'ALTER TABLE users ALTER COLUMN locale DROP DEFAULT;\n',
      },
      { paths: ['migrations'], targetVersion: '16', tool: 'golang-migrate' },
    );
    const r = await runCli(['lint', 'migrations', '-f', 'json'], { cwd: dir });
    const all = JSON.parse(r.stdout).flatMap((f: { messages: unknown[] }) => f.messages);
    const m = all.find((x: { ruleId: string }) => x.ruleId === 'unbatched-backfill');
    expect(m.planCommand).toBe('migrasafe plan backfill users --set "locale = \'en\'" --where "locale IS NULL"');
    // ESLint suggestions need a fix: the description-only one is left out of the JSON.
    expect((m.suggestions ?? []).some((s: { desc: string }) => s.desc.startsWith('First migration'))).toBe(false);
  });
});
