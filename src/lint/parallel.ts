import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostImport } from '../core/host-import.js';
import type { FileResult } from '../core/types.js';
import { findMigrationSet } from '../sources/find-set.js';
import type { MigrationSet } from '../sources/types.js';
import { lintFiles, type LintOptions } from './lint-files.js';

/**
 * Below this many files one thread is faster: a worker pays for its own Node isolate, module
 * loading and WASM parser start-up (about 100-150 ms of CPU).
 */
export const PARALLEL_MIN_FILES = 150;

export interface ParallelOptions {
  /** Threads to use in total, this one included (default: `defaultThreads()`). */
  threads?: number;
}

/**
 * Cores not already busy, at most 4; `MIGRASAFE_THREADS` overrides. A worker costs about 0.3 s
 * of CPU for its own start-up: on a 2-core machine with one core busy (a build, other tests)
 * one thread was faster (docs/speed.md), so threads are used only for cores the 1-minute load
 * average leaves idle. (Windows reports a load of 0: all cores count as idle there.)
 */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.MIGRASAFE_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return forced;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.min(cores - Math.round(os.loadavg()[0]), 4));
}

/**
 * Lints files like `lintFiles`, spread over worker threads for large runs. Work is split by
 * migration set (a set's history must be replayed in order, in one thread), balancing the bytes
 * each thread reads; this thread lints one share itself. Results come back in input order.
 */
export async function lintFilesParallel(files: readonly string[], opts: LintOptions, popts: ParallelOptions = {}): Promise<FileResult[]> {
  const threads = Math.min(popts.threads ?? defaultThreads(opts.env), files.length);
  // From the command-line bundle (dist/cli-bundle/main.cjs) the worker is bin/lint-worker.js.
  const workerFile = fileURLToPath(new URL(import.meta.url.endsWith('.cjs') ? '../../bin/lint-worker.js' : './lint-worker.js', import.meta.url));
  // Tests run the TypeScript sources, where no compiled worker exists: lint in this thread.
  if (threads < 2 || files.length < PARALLEL_MIN_FILES || !existsSync(workerFile)) return lintFiles(files, opts);

  const bins = splitBySet(files, threads);
  // Loaded on demand: most runs never start a worker (hostImport: see core/host-import.ts).
  const { Worker } = await hostImport<typeof import('node:worker_threads')>('node:worker_threads');
  const workerRuns = bins.slice(1).map(
    (share) =>
      new Promise<FileResult[]>((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: { files: share, opts } });
        worker.once('message', (msg: { results?: FileResult[]; error?: string }) => (msg.error !== undefined ? reject(new Error(msg.error)) : resolve(msg.results!)));
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`lint worker exited with code ${code}`)));
      }),
  );
  const mine = await lintFiles(bins[0], opts);
  const byPath = new Map<string, FileResult>();
  for (const [share, results] of [[bins[0], mine] as const, ...(await Promise.all(workerRuns)).map((r, k) => [bins[k + 1], r] as const)]) {
    share.forEach((f, k) => byPath.set(f, results[k]));
  }
  return files.map((f) => byPath.get(f)!);
}

/** Greedy split of the files into `n` shares of whole migration sets, by bytes to read. */
export function splitBySet(files: readonly string[], n: number): string[][] {
  const cache = new Map<string, MigrationSet>();
  const groups = new Map<string, { files: string[]; weight: number }>();
  for (const f of files) {
    const set = findMigrationSet(path.resolve(f), cache);
    let g = groups.get(set.root);
    if (!g) {
      g = { files: [], weight: set.files.reduce((w, mf) => w + sizeOf(mf.path), 0) };
      groups.set(set.root, g);
    }
    g.files.push(f);
    g.weight += sizeOf(f) + 2048; // a fixed cost per linted file
  }
  const bins = Array.from({ length: n }, () => ({ files: [] as string[], weight: 0 }));
  for (const g of [...groups.values()].sort((a, b) => b.weight - a.weight)) {
    const lightest = bins.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.files.push(...g.files);
    lightest.weight += g.weight;
  }
  return bins.map((b) => b.files).filter((b, k) => k === 0 || b.length > 0);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
