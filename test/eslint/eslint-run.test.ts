import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// A real `eslint` run (the binary, the project's flat config) over a fixture project with
// `.sql` migrations and a TypeScript Knex migration. Needs `dist/` (npm test builds first).
const project = path.resolve('test/fixtures/eslint-project');
const eslintBin = path.resolve('node_modules/eslint/bin/eslint.js');

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
  suggestions?: Array<{ desc: string }>;
}
interface Result {
  filePath: string;
  messages: Message[];
  output?: string;
}

async function eslint(...args: string[]): Promise<{ code: number; results: Result[]; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [eslintBin, '--format', 'json', ...args], { cwd: project });
    return { code: 0, results: JSON.parse(stdout), stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    if (!e.stdout) throw new Error(`eslint failed (${e.code}): ${e.stderr}`, { cause: error });
    return { code: e.code, results: JSON.parse(e.stdout), stderr: e.stderr };
  }
}

const byFile = (results: Result[]) => new Map(results.map((r) => [path.relative(project, r.filePath), r]));

describe('eslint with migrasafe/eslint-plugin on a fixture project', () => {
  it('lints .sql migrations with their history and the SQL of a Knex migration, exits 1', async () => {
    const { code, results } = await eslint('.');
    expect(code).toBe(1);
    const files = byFile(results);
    // 001 creates users and indexes it in the same file: nothing to report.
    expect(files.get('db/migrations/001_create_users.sql')!.messages).toEqual([]);
    // 002 indexes users, which 001 created: the history makes it an existing table.
    const idx = files.get('db/migrations/002_index_email.sql')!.messages;
    expect(idx.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toEqual([['migrasafe/require-concurrent-index', 4, 1, 4, 46]]);
    expect(idx[0].severity).toBe(2);
    expect(idx[0].message).toContain('`users`');
    expect(idx[0].fix).toEqual({ range: expect.any(Array), text: ' CONCURRENTLY' });
    expect(files.get('db/migrations/003_safe_index.sql')!.messages).toEqual([]);

    const knexFile = 'knex/migrations/20240301120000_orders.ts';
    const source = readFileSync(path.join(project, knexFile), 'utf8').split('\n');
    const knex = files.get(knexFile)!.messages;
    expect(knex.map((m) => m.ruleId)).toEqual(['migrasafe/require-concurrent-index', 'migrasafe/set-not-null']);
    // Exactly on the SQL inside the string literal.
    const [index, notNull] = knex;
    const indexSql = 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
    expect(source[index.line - 1].slice(index.column - 1, index.endColumn - 1)).toBe(indexSql);
    expect(source[notNull.line - 1].slice(notNull.column - 1, notNull.endColumn - 1)).toBe('ALTER TABLE orders ALTER COLUMN ${column} SET NOT NULL');
    // Knex runs migrations in a transaction: CONCURRENTLY is offered, not applied.
    expect(index.fix).toBeUndefined();
    expect(index.suggestions!.map((s) => s.desc)).toContain('Add CONCURRENTLY');
    // The down migration's DROP INDEX is not reported.
    expect(knex.every((m) => m.line < source.findIndex((l) => l.includes('async function down')) + 1)).toBe(true);
  });

  it('offers the first migration of the expand-migrate-contract plan as a suggestion', async () => {
    const { results } = await eslint('db/migrations');
    const messages = byFile(results).get('db/migrations/004_rename_email.sql')!.messages as Array<Message & { suggestions: Array<{ desc: string; fix: { range: [number, number]; text: string } }> }>;
    const rename = messages.find((m) => m.ruleId === 'migrasafe/rename-column')!;
    const first = rename.suggestions[0];
    expect(first.desc).toMatch(/^Insert the safe rewrite: First migration of the safe sequence \(step 1 of \d+\): Add users.email_address/);
    // The column type comes from 001's history; the rename itself is gone from the replacement.
    expect(first.fix.text).toContain('ALTER TABLE users ADD COLUMN email_address text;');
    expect(first.fix.text).toContain('migrasafe plan rename-column users.email email_address');
    expect(first.fix.text).not.toContain('RENAME COLUMN');
  });

  it('applies the safe fix with --fix-dry-run, leaving the files alone', async () => {
    const before = readFileSync(path.join(project, 'db/migrations/002_index_email.sql'), 'utf8');
    const { results } = await eslint('--fix-dry-run', 'db/migrations');
    const fixed = byFile(results).get('db/migrations/002_index_email.sql')!;
    expect(fixed.output).toBe(before.replace('CREATE INDEX users_email_idx', 'CREATE INDEX CONCURRENTLY users_email_idx'));
    expect(fixed.messages).toEqual([]);
    expect(readFileSync(path.join(project, 'db/migrations/002_index_email.sql'), 'utf8')).toBe(before);
  });
});
