import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultThreads, splitBySet, PARALLEL_MIN_FILES } from '../../src/lint/parallel.js';
import { runCli, spawnCli, tempProject } from '../helpers/cli.js';

/** Two migration directories whose later files depend on the history of earlier ones. */
function bigProject(): string {
  const files: Record<string, string> = {};
  for (const set of ['app', 'billing']) {
    files[`${set}/0000_create.sql`] = `CREATE TABLE ${set}_t (id int primary key);\n`;
    for (let i = 1; i <= PARALLEL_MIN_FILES / 2 + 5; i++) {
      const n = String(i).padStart(4, '0');
      // Columns added earlier in the directory make the later index statements valid history.
      files[`${set}/${n}_step.sql`] = i % 3 === 0 ? `CREATE INDEX ${set}_c${i - 1}_idx ON ${set}_t (c${i - 1});\n` : `ALTER TABLE ${set}_t ADD COLUMN c${i} int;\n`;
    }
  }
  return tempProject(files);
}

describe('worker threads for large runs', () => {
  it('splits whole migration sets between threads', () => {
    const dir = bigProject();
    const all = ['app', 'billing'].flatMap((s) => Array.from({ length: 10 }, (_, i) => path.join(dir, s, `${String(i + 1).padStart(4, '0')}_step.sql`)));
    const bins = splitBySet(all, 2);
    expect(bins).toHaveLength(2);
    for (const bin of bins) expect(new Set(bin.map((f) => path.basename(path.dirname(f)))).size).toBe(1);
  });

  it('the binary (threads) reports exactly what one thread reports', async () => {
    const dir = bigProject();
    // Threads forced: by default a busy machine (load average) would lint in one thread.
    const threaded = spawnCli(['.', '--format', 'json'], { cwd: dir, env: { MIGRASAFE_THREADS: '2', MIGRASAFE_DEBUG_STARTUP: '1' } });
    const single = await runCli(['.', '--format', 'json'], { cwd: dir });
    // One worker thread ran (beside the main thread), from the same bundle and code cache.
    expect(threaded.stderr).toMatch(/^migrasafe: compile cache (used|created)\nmigrasafe: worker thread, compile cache (used|created)\n$/);
    expect(threaded.code).toBe(single.code);
    const parsed = JSON.parse(threaded.stdout) as Array<{ messages: unknown[] }>;
    expect(parsed.length).toBeGreaterThanOrEqual(PARALLEL_MIN_FILES);
    expect(parsed.some((r) => r.messages.length > 0)).toBe(true);
    expect(parsed).toEqual(JSON.parse(single.stdout));
  });

  it('uses the cores the load average leaves idle, unless MIGRASAFE_THREADS says', () => {
    expect(defaultThreads({ MIGRASAFE_THREADS: '3' })).toBe(3);
    const expected = () => Math.max(1, Math.min(os.availableParallelism() - Math.round(os.loadavg()[0]), 4));
    // (the load average may move between the calls: either reading is right)
    const before = expected();
    const got = [defaultThreads({}), defaultThreads({ MIGRASAFE_THREADS: 'many' })];
    const after = expected();
    for (const n of got) expect([before, after]).toContain(n);
  });
});
