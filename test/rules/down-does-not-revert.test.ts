import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/lint/lint-files.js';
import { dbmateSegments } from '../../src/sources/dbmate.js';
import { lintSql } from '../helpers/lint-sql.js';
import { tempProject } from '../helpers/cli.js';

/** Lints a dbmate-style file (up and down sections) against deployed history. */
async function revert(history: string, up: string, down: string, engine: 'postgres' | 'mysql' = 'postgres') {
  const sql = `-- migrate:up\n${up}\n\n-- migrate:down\n${down}\n`;
  const diags = await lintSql(sql, { only: ['down-does-not-revert'], engine, history, segments: dbmateSegments(sql), migration: { tool: 'dbmate', role: 'up', downs: 'sections' } });
  return diags.filter((d) => d.ruleId === 'down-does-not-revert');
}

describe('down-does-not-revert replays the up and the down', () => {
  it('names a nullability the down does not restore, with the down line', async () => {
    const [d, ...rest] = await revert('CREATE TABLE users (id bigint PRIMARY KEY, email text);', 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;', "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';\nALTER TABLE users ALTER COLUMN email DROP DEFAULT;");
    expect(rest).toEqual([]);
    expect(d.message).toContain('down leaves column users.email NOT NULL; before the up it was nullable');
    // the last down statement about users.email is on line 6 of the file (up on line 2)
    expect(d.message).toContain('(the down section line 6)');
    expect(d.location.start.line).toBe(2);
  });

  it('names the type the down re-creates a column with', async () => {
    const [d] = await revert('CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));', 'ALTER TABLE orders DROP COLUMN total;', 'ALTER TABLE orders ADD COLUMN total integer;');
    expect(d.message).toMatch(/down leaves column orders\.total as integer; before the up it was numeric\(12, ?2\)/);
  });

  it('tells NOT VALID from validated, partial from full indexes, and renames', async () => {
    const [fk] = await revert(
      'CREATE TABLE c (id int PRIMARY KEY); CREATE TABLE o (id int PRIMARY KEY, c_id int); ALTER TABLE o ADD CONSTRAINT o_c_fk FOREIGN KEY (c_id) REFERENCES c (id);',
      'ALTER TABLE o DROP CONSTRAINT o_c_fk;',
      'ALTER TABLE o ADD CONSTRAINT o_c_fk FOREIGN KEY (c_id) REFERENCES c (id) NOT VALID;',
    );
    expect(fk.message).toContain('down leaves constraint o_c_fk on o NOT VALID; before the up it was validated');
    const [idx] = await revert('CREATE TABLE s (id int PRIMARY KEY, u int, revoked_at timestamptz); CREATE INDEX s_u_idx ON s (u) WHERE revoked_at IS NULL;', 'DROP INDEX s_u_idx;', 'CREATE INDEX s_u_idx ON s (u);');
    expect(idx.message).toContain('down re-creates index s_u_idx on s with without its WHERE revoked_at IS NULL');
    const [ren] = await revert('CREATE TABLE accounts (id int PRIMARY KEY);', 'ALTER TABLE accounts RENAME TO organisations;', 'CREATE TABLE accounts (id int PRIMARY KEY);');
    expect(ren.message).toContain("table organisations, the up's new name for accounts, still exists after the down");
  });

  it('says a leftover enum value breaks a re-run, unless the up uses IF NOT EXISTS', async () => {
    const history = "CREATE TYPE mood AS ENUM ('sad', 'ok');";
    const [d] = await revert(history, "ALTER TYPE mood ADD VALUE 'happy';\nCREATE TABLE t (id int);", 'DROP TABLE t;');
    expect(d.message).toContain("enum mood keeps the value 'happy' after the down");
    expect(await revert(history, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';\nCREATE TABLE t (id int);", 'DROP TABLE t;')).toEqual([]);
  });

  it('is silent when the down is the exact inverse written differently', async () => {
    expect(await revert('CREATE TABLE o (id int PRIMARY KEY, t timestamptz DEFAULT CURRENT_TIMESTAMP, n varchar(20));', 'ALTER TABLE o ALTER COLUMN t DROP DEFAULT, ALTER COLUMN n TYPE text;', 'ALTER TABLE o ALTER COLUMN t SET DEFAULT now(), ALTER COLUMN n TYPE character varying(20);')).toEqual([]);
  });

  it('does not guess when the history is incomplete or a statement cannot be followed', async () => {
    // users and legacy are unknown (no history): the down re-creates what the up drops
    expect(await revert('', 'ALTER TABLE users DROP COLUMN legacy; DROP TABLE legacy;', 'CREATE TABLE legacy (id int); ALTER TABLE users ADD COLUMN legacy text;')).toEqual([]);
    // ... but a column the up drops and the down forgets is gone for sure
    const [gone] = await revert('', 'ALTER TABLE users DROP COLUMN legacy;', 'ALTER TABLE users ADD COLUMN legacy2 text;');
    expect(gone.message).toContain('column users.legacy, there before the up, is gone after the down');
    // a DO block doing DDL: at most an info-level question, never a warning
    const [info] = await revert('CREATE TABLE p (id int PRIMARY KEY);', 'ALTER TABLE p ADD COLUMN tenant_id bigint;', "DO $$ BEGIN EXECUTE format('ALTER TABLE %I DROP COLUMN tenant_id', 'p'); END $$;");
    expect(info.level).toBe('info');
    expect(info.message).toMatch(/^Cannot tell whether its down section reverts this migration: a DO block/);
    // a down that does not parse is down-migration-invalid's finding alone
    expect(await revert('CREATE TABLE p (id int PRIMARY KEY);', 'ALTER TABLE p ADD COLUMN a int;', 'ALTER TABLE p DROP COLUMN a DROP COLUMN b;')).toEqual([]);
  });

  it('MySQL: MODIFY back to the old definition, with display widths and quoted numbers', async () => {
    const history = "CREATE TABLE c (id int(11) NOT NULL AUTO_INCREMENT, hits int(11) NOT NULL DEFAULT '0', PRIMARY KEY (id)) ENGINE=InnoDB;";
    expect(await revert(history, 'ALTER TABLE c MODIFY hits BIGINT NOT NULL DEFAULT 0;', 'ALTER TABLE c MODIFY hits INT NOT NULL DEFAULT 0;', 'mysql')).toEqual([]);
    const [d] = await revert(history, 'ALTER TABLE c MODIFY hits BIGINT NOT NULL DEFAULT 0;', 'ALTER TABLE c MODIFY hits INT;', 'mysql');
    expect(d.message).toContain('down leaves column c.hits nullable; before the up it was NOT NULL');
  });
});

describe('down-does-not-revert on parts of one generated change (pop, Ory style)', () => {
  const files = (downs: [string, string, string]) => ({
    'migrations/20240101000000000000_accounts.postgres.up.sql': 'CREATE TABLE accounts (id uuid PRIMARY KEY);\n',
    'migrations/20240101000000000000_accounts.postgres.down.sql': downs[0],
    'migrations/20240101000000000001_accounts.postgres.up.sql': 'CREATE TABLE account_keys (id uuid PRIMARY KEY, account_id uuid REFERENCES accounts (id));\n',
    'migrations/20240101000000000001_accounts.postgres.down.sql': downs[1],
    'migrations/20240101000000000002_accounts.postgres.up.sql': 'CREATE INDEX account_keys_account_idx ON account_keys (account_id);\n',
    'migrations/20240101000000000002_accounts.postgres.down.sql': downs[2],
  });
  const findings = async (dir: string) => {
    const ups = Object.keys(files(['', '', ''])).filter((f) => f.endsWith('.up.sql')).map((f) => path.join(dir, f));
    const results = await lintFiles(ups, { cwd: dir });
    return results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === 'down-does-not-revert').map((d) => ({ file: path.basename(r.filePath), message: d.message })));
  };

  it('judges the parts together when each down reverts another part (generated in reverse order)', async () => {
    const dir = tempProject(files(['DROP TABLE account_keys;\n', 'DROP INDEX account_keys_account_idx;\n', '']));
    expect(existsSync(path.join(dir, 'migrations'))).toBe(true);
    // part 0's down drops part 1's table, part 1's down drops part 2's index: rolled back together, nothing is left but accounts
    const found = await findings(dir);
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe('20240101000000000000_accounts.postgres.up.sql');
    expect(found[0].message).toContain('Rolling back the 3 parts of this change');
    expect(found[0].message).toContain('table accounts, created by the up, still exists after the down');
  });

  it('is silent when the parts revert as a whole', async () => {
    const dir = tempProject(files(['DROP TABLE account_keys;\n', 'DROP INDEX account_keys_account_idx;\n', 'DROP TABLE accounts;\n']));
    expect(await findings(dir)).toEqual([]);
  });
});

describe('down-does-not-revert in a file of several changeSets (Liquibase)', () => {
  const project = (cleanupRollback: string) =>
    tempProject({
      'changelog/001_invoices.sql': '--liquibase formatted sql\n\n--changeset kim:1\nCREATE TABLE invoices (id bigint PRIMARY KEY, amount_cents integer);\n--rollback DROP TABLE invoices;\n',
      'changelog/002_invoices_changes.sql': [
        '--liquibase formatted sql',
        '',
        '--changeset kim:2',
        'ALTER TABLE invoices ALTER COLUMN amount_cents TYPE bigint;',
        '',
        '--changeset kim:3',
        'ALTER TABLE invoices ADD COLUMN note text;',
        `--rollback ${cleanupRollback}`,
        '',
      ].join('\n'),
    });
  const findings = async (dir: string) => {
    const results = await lintFiles([path.join(dir, 'changelog/002_invoices_changes.sql')], { cwd: dir });
    return results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === 'down-does-not-revert').map((d) => d.message));
  };

  it('judges only the changeSets that have a rollback (one without is missing a rollback, not drifting)', async () => {
    // kim:2 has no rollback: Liquibase refuses to roll it back at all, so its type change is not "left behind".
    expect(await findings(project('ALTER TABLE invoices DROP COLUMN note;'))).toEqual([]);
  });

  it('still reports a changeSet whose rollback does not revert it', async () => {
    const [message, ...rest] = await findings(project('ALTER TABLE invoices ALTER COLUMN note SET DEFAULT \'\';'));
    expect(rest).toEqual([]);
    expect(message).toContain('column invoices.note');
    expect(message).not.toContain('amount_cents');
  });
});
