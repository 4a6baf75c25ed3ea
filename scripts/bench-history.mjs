#!/usr/bin/env node
// Large-project speed: wall time of `migrasafe <dir>` over a synthetic directory of many
// migrations spread over many tables (scripts/synthetic-history.mjs), one thread, Node start-up
// included. Work that grows with the schema for every file shows here first.
// --one-file writes the same statements as one baseline file (a pg_dump turned into V1__baseline.sql):
// work that grows with the statements of a file shows there.
// Usage: node scripts/bench-history.mjs [--files 4000] [--tables 1000] [--runs 5] [--one-file]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBaseline, writeHistory } from './synthetic-history.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const files = arg('files', 4000);
const tables = arg('tables', 1000);
const runs = arg('runs', 5);
const bin = path.join(import.meta.dirname, '..', 'bin', 'migrasafe.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-bench-history-'));
try {
  const oneFile = process.argv.includes('--one-file');
  (oneFile ? writeBaseline : writeHistory)(dir, files, tables);
  const times = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, MIGRASAFE_THREADS: '1' } });
    if (r.status !== 0 && r.status !== 1) throw new Error(`migrasafe exited ${r.status}: ${r.stderr}`);
    if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first run warms the OS file cache
  }
  times.sort((a, b) => a - b);
  console.log(`migrasafe over ${files} migrations${oneFile ? ' in one file' : ''}, ${tables} tables, one thread: median ${Math.round(times[Math.floor(times.length / 2)])} ms, min ${Math.round(times[0])} ms over ${runs} runs (load average ${os.loadavg()[0].toFixed(1)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
