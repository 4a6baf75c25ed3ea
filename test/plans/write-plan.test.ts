/**
 * `migrasafe plan --write` for every tool it writes: a fixture project (fixtures/projects/<tool>)
 * copied to a temp directory gets the add-unique plan (a CONCURRENTLY build that must run outside a
 * transaction, then a transactional ADD CONSTRAINT ... USING INDEX). The tool's adapter must find
 * the written files, after the existing ones and in plan order, and linting the directory must see
 * each in its transaction mode: the concurrent build is not run in a transaction.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationSet } from '../../src/sources/find-set.js';
import { findProjectMigrationSets } from '../../src/sources/project.js';
import { runCli } from '../helpers/cli.js';

const projects = path.join(import.meta.dirname, '../../fixtures/projects');

interface ToolCase {
  tool: string;
  /** The migration directory (--dir), relative to the project. */
  dir: string;
  /** An existing column to put the unique index on. */
  column: string;
  /** How the tool names the up file of the concurrent build. */
  upName: RegExp;
  /** The tool keeps rollbacks (a down file or section is written). */
  downs: boolean;
}

const cases: ToolCase[] = [
  { tool: 'golang-migrate', dir: 'db/migrations', column: 'users.email', upName: /^000011_unique_index_email\.up\.sql$/, downs: true },
  { tool: 'dbmate', dir: 'db/migrations', column: 'accounts.email', upName: /^\d{14}_unique_index_email\.sql$/, downs: true },
  { tool: 'flyway', dir: 'db/migration', column: 'shop.customers.email', upName: /^V11__unique_index_email\.sql$/, downs: true },
  { tool: 'liquibase', dir: 'src/main/resources/db/changelog', column: 'payments.state', upName: /^004_unique_index_state\.sql$/, downs: true },
  { tool: 'sqitch', dir: '.', column: 'flipr.users.password', upName: /^unique_index_password\.sql$/, downs: true },
  { tool: 'prisma', dir: 'prisma/migrations', column: 'Order.total', upName: /^migration\.sql$/, downs: false },
  { tool: 'diesel', dir: 'migrations', column: 'posts.title', upName: /^up\.sql$/, downs: true },
  { tool: 'plain', dir: 'sql', column: 'events.received_at', upName: /^11-unique-index-received-at\.sql$/, downs: false },
];

function copyProject(tool: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `migrasafe-write-${tool}-`));
  cpSync(path.join(projects, tool), dir, { recursive: true });
  return dir;
}

describe('plan --write in each tool\'s format', () => {
  for (const c of cases) {
    it(`${c.tool}: the adapter finds the written migrations in plan order, each in the transaction mode it needs`, async () => {
      const root = copyProject(c.tool);
      // pop: the PostgreSQL files of the directory (it holds MySQL ones too).
      const setOf = () => (c.tool === 'pop' ? findMigrationSet(path.join(root, c.dir, '0_x.postgres.up.sql')) : findProjectMigrationSets(path.join(root, c.dir), undefined, 3)[0]);
      const before = setOf();
      expect(before.tool).toBe(c.tool);
      const w = await runCli(['plan', 'add-unique', c.column, '--dir', c.dir, '--write', '--engine', 'postgres'], { cwd: root });
      expect(w.stderr).toBe('');
      expect(w.code).toBe(0);
      const written = w.stdout.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => path.resolve(root, l.trim().replace(/ \(appended\)$/, '')));
      for (const f of written) expect(existsSync(f), f).toBe(true);
      if (!c.downs) expect(w.stdout).toMatch(/keeps no down migrations/);

      // The adapter sees the new migrations after the existing ones, build first, then the constraint.
      const after = setOf();
      const ups = after.files.filter((f) => f.role === 'up');
      const [build, attach] = ups.slice(-2);
      expect(ups.length).toBe(before.files.filter((f) => f.role === 'up').length + 2);
      expect(path.basename(build.path)).toMatch(c.upName);
      expect(written).toContain(build.path);
      expect(readFileSync(build.path, 'utf8')).toContain('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS');
      expect(readFileSync(attach.path, 'utf8')).toContain('UNIQUE USING INDEX');
      if (c.downs) expect(after.files.filter((f) => f.role === 'down').length + (['dbmate', 'liquibase'].includes(c.tool) ? 2 : 0)).toBeGreaterThanOrEqual(before.files.filter((f) => f.role === 'down').length + 2);

      // Linting the directory: the concurrent build runs outside a transaction, the attach is linted too.
      const lint = await runCli(['lint', c.dir, '-f', 'json', '--engine', 'postgres'], { cwd: root });
      const results = JSON.parse(lint.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string }> }>;
      const of = (p: string) => results.find((r) => path.resolve(root, r.filePath) === p);
      expect(of(build.path), `${build.path} linted`).toBeDefined();
      const ids = of(build.path)!.messages.map((m) => m.ruleId);
      expect(ids).not.toContain('concurrently-in-transaction');
      expect(ids).not.toContain('add-unique-constraint');
      expect(ids).not.toContain(null);
      expect(of(attach.path)!.messages.map((m) => m.ruleId)).not.toContain('add-unique-constraint');
    }, 60_000);
  }

  it('pop: writes transactional plans as PostgreSQL migrations, refuses a step that cannot run in a transaction', async () => {
    const root = copyProject('pop');
    const setOf = () => findMigrationSet(path.join(root, 'migrations', '0_x.postgres.up.sql'));
    const before = setOf().files.filter((f) => f.role === 'up').length;
    const refused = await runCli(['plan', 'add-unique', 'identities.created_at', '--dir', 'migrations', '--write', '--engine', 'postgres'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pop runs every migration in a transaction, and step 2 \(Build the unique index concurrently/);
    expect(setOf().files.filter((f) => f.role === 'up').length).toBe(before);

    const w = await runCli(['plan', 'add-not-null', 'identities.created_at', '--dir', 'migrations', '--write', '--engine', 'postgres'], { cwd: root });
    expect(w.code).toBe(0);
    const ups = setOf().files.filter((f) => f.role === 'up');
    expect(ups.length).toBe(before + 3);
    expect(ups.slice(-3).map((f) => path.basename(f.path).replace(/^\d+_/, ''))).toEqual(['created_at_not_null_check.postgres.up.sql', 'validate_created_at_not_null.postgres.up.sql', 'created_at_set_not_null.postgres.up.sql']);
    expect(setOf().files.filter((f) => f.role === 'down').slice(-3).every((f) => readFileSync(f.path, 'utf8').includes('undo step'))).toBe(true);
    const lint = await runCli(['lint', 'migrations', '-f', 'json', '--engine', 'postgres'], { cwd: root });
    const written = new Set(ups.slice(-3).map((f) => f.path));
    const findings = (JSON.parse(lint.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null }> }>).filter((r) => written.has(path.resolve(root, r.filePath))).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(findings).not.toContain('set-not-null');
    expect(findings).not.toContain(null);
  });

  it('never overwrites: writing the same sqitch plan again is refused and sqitch.plan is left as it was', async () => {
    const root = copyProject('sqitch');
    expect((await runCli(['plan', 'add-unique', 'flipr.users.password', '--dir', '.', '--write', '--engine', 'postgres'], { cwd: root })).code).toBe(0);
    const plan = readFileSync(path.join(root, 'sqitch.plan'), 'utf8');
    expect(plan).toMatch(/\nunique_index_password \S+ migrasafe <migrasafe@localhost> # unique-index-password\nunique_password \S+ migrasafe <migrasafe@localhost> # unique-password\n$/);
    const again = await runCli(['plan', 'add-unique', 'flipr.users.password', '--dir', '.', '--write', '--engine', 'postgres'], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/Refusing to overwrite .*deploy\/unique_index_password\.sql/);
    expect(readFileSync(path.join(root, 'sqitch.plan'), 'utf8')).toBe(plan);
  });

  it('says which tools it cannot write for, without writing anything', async () => {
    const root = copyProject('knex-pg');
    const r = await runCli(['plan', 'add-index', 'users.email', '--dir', 'db/migrations', '--write', '--engine', 'postgres'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write knex migrations/);
  });
});
