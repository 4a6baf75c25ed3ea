import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with scripts/bench-lsp.mjs
import { applyLspEdits, fileUri, startLspClient } from '../../scripts/lsp-client.mjs';

interface LspDiag {
  code?: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiag[];
}
const codes = (p: Published) => p.diagnostics.map((d) => d.code);

let dir: string;
let client: Awaited<ReturnType<typeof startLspClient>>;
const migrations = () => path.join(dir, 'db', 'migrations');
const file = (name: string) => path.join(migrations(), name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'migrasafe-lsp-'));
  mkdirSync(migrations(), { recursive: true });
  mkdirSync(path.join(dir, 'scripts'));
  writeFileSync(path.join(dir, 'migrasafe.config.json'), JSON.stringify({ paths: ['db/migrations'], targetVersion: 16 }));
  writeFileSync(file('001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
  writeFileSync(file('002_not_null.sql'), "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
  writeFileSync(file('003_index.sql'), "SET lock_timeout = '5s';\nCREATE INDEX users_email_idx ON users (email);\n");
  writeFileSync(path.join(dir, 'scripts', 'adhoc.sql'), 'CREATE INDEX adhoc_idx ON users (email);\n');
  client = await startLspClient({ workspace: dir, initializationOptions: { debounceMs: 20 } });
});

afterAll(() => {
  client?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrasafe lsp --stdio', () => {
  it('announces quick fixes, hover and the plan command', () => {
    const caps = client.init.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider.codeActionKinds).toContain('quickfix');
    expect(caps.executeCommandProvider.commands).toContain('migrasafe.plan');
    expect(client.init.serverInfo.name).toBe('migrasafe');
  });

  it('publishes diagnostics on open, with the history of earlier migrations as context', async () => {
    const uri = fileUri(file('003_index.sql'));
    const published = client.diagnostics(uri);
    await client.open(uri, readFileSync(file('003_index.sql'), 'utf8'));
    const p: Published = await published;
    // `users` comes from 001: an existing table, so the plain index build is reported.
    expect(codes(p)).toEqual(['require-concurrent-index']);
    expect(p.diagnostics[0].range.start).toEqual({ line: 1, character: 0 });
    expect(p.diagnostics[0].message).toMatch(/users/);
  });

  it('re-lints on incremental changes (debounced) and keeps ranges exact', async () => {
    const uri = fileUri(file('003_index.sql'));
    // Type a blank line at the top: the finding moves down one line.
    const published = client.diagnostics(uri, (p: Published) => p.version === 2);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const p: Published = await published;
    expect(codes(p)).toEqual(['require-concurrent-index']);
    expect(p.diagnostics[0].range.start.line).toBe(2);
  });

  it('offers the fix as a code action; applying it makes the diagnostic go away', async () => {
    const uri = fileUri(file('003_index.sql'));
    const text = "\nSET lock_timeout = '5s';\nCREATE INDEX users_email_idx ON users (email);\n";
    const diag = client.latest(uri).diagnostics[0] as LspDiag;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    const fix = actions.find((a: { title: string }) => /CONCURRENTLY/.test(a.title));
    expect(fix).toBeDefined();
    expect(fix.kind).toBe('quickfix');
    const fixed = applyLspEdits(text, fix.edit.changes[uri]);
    expect(fixed).toContain('CREATE INDEX CONCURRENTLY users_email_idx');
    const published = client.diagnostics(uri, (p: Published) => p.version === 3);
    await client.change(uri, 3, [{ text: fixed }]);
    expect(codes(await published)).toEqual([]);
  });

  it('shows the rule docs on hover over a finding, nothing elsewhere', async () => {
    const uri = fileUri(file('002_not_null.sql'));
    const published = client.diagnostics(uri);
    await client.open(uri, readFileSync(file('002_not_null.sql'), 'utf8'));
    expect(codes(await published)).toEqual(['set-not-null']);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } });
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain('`set-not-null`');
    expect(hover.contents.value).toContain('migrasafe plan add-not-null users.email');
    const none = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    expect(none).toBeNull();
    const docs = await client.request('textDocument/hover', { textDocument: { uri: fileUri(file('003_index.sql')) }, position: { line: 2, character: 3 } });
    expect(docs).toBeNull(); // fixed above: no finding left there
  });

  it('offers "insert the safe rewrite" for suggestions and a plan command', async () => {
    const uri = fileUri(file('002_not_null.sql'));
    const text = readFileSync(file('002_not_null.sql'), 'utf8');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [] },
    });
    const rewrite = actions.find((a: { title: string }) => a.title.startsWith('Insert the safe rewrite'));
    expect(rewrite).toBeDefined();
    // The first one is the plan's first migration, replacing the statement in place.
    expect(rewrite.title).toMatch(/^Insert the safe rewrite: First migration of the safe sequence \(step 2 of 4\): Add CHECK \(email IS NOT NULL\) NOT VALID/);
    const rewritten = applyLspEdits(text, rewrite.edit.changes[uri]);
    expect(rewritten).toContain('ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;');
    expect(rewritten).toContain('-- The rest: migrasafe plan add-not-null users.email');
    expect(rewritten).not.toMatch(/^ALTER TABLE users ALTER COLUMN email SET NOT NULL;$/m);
    const plan = actions.find((a: { command?: { command: string } }) => a.command?.command === 'migrasafe.plan');
    expect(plan.command.arguments[0]).toBe('migrasafe plan add-not-null users.email');

    const help = execFileSync(process.execPath, [path.resolve('bin/migrasafe.js'), '--help'], { encoding: 'utf8' });
    const result = await client.request('workspace/executeCommand', { command: 'migrasafe.plan', arguments: plan.command.arguments });
    if (/^\s*migrasafe plan\b/m.test(help)) {
      expect(result.message).not.toMatch(/not available/);
    } else {
      // Before `migrasafe plan` exists the command degrades with a clear message.
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/`migrasafe plan` is not available/);
      expect(client.messages.some((m: { message: string }) => /not available/.test(m.message))).toBe(true);
    }
  });

  it('uses unsaved buffers of earlier migrations as history', async () => {
    const later = fileUri(file('002_not_null.sql'));
    const earlier = fileUri(file('001_users.sql'));
    await client.open(earlier, readFileSync(file('001_users.sql'), 'utf8'));
    // Unsaved: a validated CHECK (email IS NOT NULL) lets PostgreSQL 12+ skip the SET NOT NULL scan.
    const relinted = client.diagnostics(later, (p: Published) => !codes(p).includes('set-not-null'));
    await client.change(earlier, 2, [
      { text: 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\nALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);\n' },
    ]);
    expect(codes(await relinted)).toEqual([]);
  });

  it('ignores .sql files outside the configured migration paths', async () => {
    const uri = fileUri(path.join(dir, 'scripts', 'adhoc.sql'));
    const published = client.diagnostics(uri);
    await client.open(uri, readFileSync(path.join(dir, 'scripts', 'adhoc.sql'), 'utf8'));
    expect((await published).diagnostics).toEqual([]);
  });

  it('shuts down and exits cleanly', async () => {
    expect(await client.shutdown()).toEqual({ code: 0, signal: null });
  });
});
