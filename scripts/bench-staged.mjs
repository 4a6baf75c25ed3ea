#!/usr/bin/env node
// Pre-commit speed: wall time of `migrasafe lint --staged` for one staged migration in a git
// repository whose migration directory already holds a 500-file history (Node start-up included).
// Usage: node scripts/bench-staged.mjs [--history 500] [--runs 10]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHistory } from './synthetic-history.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const historySize = arg('history', 500);
const runs = arg('runs', 10);
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'migrasafe.js');
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, stdio: 'pipe' });

const repo = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-bench-staged-'));
try {
  const dir = path.join(repo, 'db', 'migrations');
  writeHistory(dir, historySize);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'history');
  writeFileSync(path.join(dir, `${String(historySize + 1).padStart(4, '0')}_new.sql`), "SET lock_timeout = '5s';\nCREATE INDEX table_7_name_idx ON table_7 (name);\n");
  git(repo, 'add', '-A');

  const times = [];
  let last;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(process.execPath, [bin, 'lint', '--staged', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i > 0) times.push(ms); // the first run warms the OS file cache
  }
  const findings = JSON.parse(last.stdout).flatMap((f) => f.messages.map((m) => m.ruleId));
  if (!findings.includes('require-concurrent-index')) throw new Error(`expected the staged file's finding, got ${JSON.stringify(findings)} (${last.stderr})`);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`lint --staged, 1 staged file, ${historySize}-file history: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms over ${runs} runs`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
