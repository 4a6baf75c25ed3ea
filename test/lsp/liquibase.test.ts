import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with scripts/bench-lsp.mjs
import { fileUri, startLspClient } from '../../scripts/lsp-client.mjs';

interface Published {
  uri: string;
  diagnostics: Array<{ code?: string; range: { start: { line: number; character: number } } }>;
}

let dir: string;
let client: Awaited<ReturnType<typeof startLspClient>>;
const changelog = () => path.join(dir, 'src/main/resources/db/changelog');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'migrasafe-lsp-lq-'));
  cpSync(path.join(import.meta.dirname, '../../fixtures/projects/liquibase-xml'), dir, { recursive: true });
  client = await startLspClient({ workspace: dir, initializationOptions: { debounceMs: 20 } });
});

afterAll(() => {
  client?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrasafe lsp: Liquibase XML changelogs', () => {
  it('publishes findings on the change elements of an open changelog, with the master\'s history as context', async () => {
    const file = path.join(changelog(), 'changes/002-order-status.xml');
    const uri = fileUri(file);
    const published = client.diagnostics(uri);
    await client.open(uri, readFileSync(file, 'utf8'));
    const p: Published = await published;
    const idx = p.diagnostics.find((d) => d.code === 'require-concurrent-index');
    // Line 9, column 9 of the file (0-based in LSP): the <createIndex> element.
    expect(idx?.range.start).toEqual({ line: 8, character: 8 });
    expect(p.diagnostics.some((d) => d.code === 'set-not-null')).toBe(true);
  });

  it('leaves other XML/YAML/JSON the editor sends alone (its changelog globs are broad)', async () => {
    // Under db/changelog/, so the VS Code extension sends it; not a changelog, so no findings.
    const file = path.join(changelog(), 'notes.yaml');
    writeFileSync(file, 'owner: data-platform\nreview: CREATE INDEX needs CONCURRENTLY\n');
    const uri = fileUri(file);
    const published = client.diagnostics(uri);
    await client.open(uri, readFileSync(file, 'utf8'));
    expect(((await published) as Published).diagnostics).toEqual([]);
  });
});
