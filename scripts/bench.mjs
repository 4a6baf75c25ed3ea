#!/usr/bin/env node
// npm run bench [-- --runs N]: migrasafe and squawk side by side, in the same run, on
//  1. every .sql file under ../shared/corpus/postgres (files/s, statements/s), and
//  2. one small file from the command line (wall time, Node start-up included).
// Wall time is the median and best of N runs; CPU time (user+sys, from /usr/bin/time) is shown
// too, because on a shared machine wall time mostly measures the neighbours.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globSync } from 'tinyglobby';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'postgres');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const smallFile = path.join(root, 'examples', 'postgres', '003_unsafe_changes.sql');
const bin = path.join(root, 'bin', 'migrasafe.js');
const squawkBin = path.join(root, 'node_modules', '.bin', 'squawk');
const floorScript = path.join(root, 'scripts', 'bench-floor.cjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}

/** Runs a command `runs` times; returns wall and CPU seconds (median and best) and the last exit code. */
function measure(cmd, args, n = runs, envFor = () => ({})) {
  const walls = [];
  const cpus = [];
  let status;
  for (let i = 0; i < n; i++) {
    const [file, argv] = timeBin ? [timeBin, ['-f', '__cpu %U %S', cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...envFor(i) } });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    status = r.status;
    const m = /__cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (m) cpus.push(Number(m[1]) + Number(m[2]));
  }
  const stat = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? { median: s[Math.floor(s.length / 2)], best: s[0] } : undefined;
  };
  return { wall: stat(walls), cpu: stat(cpus), status };
}

const fmt = (x, digits = 3) => (x === undefined ? 'n/a' : x.toFixed(digits));
const ms = (x) => (x === undefined ? 'n/a' : `${Math.round(x * 1000)} ms`);

console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${runs} runs each`);
console.log(`node ${process.version}; squawk ${spawnSync(squawkBin, ['--version'], { encoding: 'utf8' }).stdout.trim() || '(missing)'}`);

// 1. the corpus
if (!existsSync(corpus)) {
  console.log(`\ncorpus: ${corpus} is absent, skipped`);
} else {
  const files = globSync(['**/*.sql'], { cwd: corpus, absolute: true }).sort();
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  const { splitPostgres } = await import(path.join(root, 'dist', 'parsers', 'postgres', 'split.js'));
  const statements = files.reduce((n, f) => n + splitPostgres(readFileSync(f, 'utf8')).chunks.filter((c) => !c.psqlMeta).length, 0);
  console.log(`\ncorpus: ${files.length} files, ${statements} statements, ${(bytes / 1e6).toFixed(2)} MB (${corpus})`);
  const ours = measure(process.execPath, [bin, corpus, '--format', 'json']);
  const theirs = measure(squawkBin, ['--reporter', 'json', ...files]);
  const floor = measure(process.execPath, [floorScript, ...files]);
  const row = (name, m) => {
    const w = m.wall?.median;
    return `| ${name} | ${fmt(m.wall?.median)} s (best ${fmt(m.wall?.best)}) | ${fmt(m.cpu?.median)} s | ${w ? Math.round(files.length / w) : 'n/a'} | ${w ? Math.round(statements / w) : 'n/a'} |`;
  };
  console.log('| tool | wall, median | CPU user+sys, median | files/s | statements/s |');
  console.log('|---|---|---|---|---|');
  console.log(row('migrasafe', ours));
  console.log(row('squawk', theirs));
  console.log(row('floor: Node + libpg-query parsing each file once, nothing else', floor));
  if (ours.status !== 0 && ours.status !== 1) console.log(`migrasafe exited ${ours.status}`);
}

// 2. one small file from the command line
const small = measure(process.execPath, [bin, smallFile, '--format', 'json'], Math.max(runs, 10));
// The first run after an install or upgrade compiles the bundle without V8's code cache (and saves it).
const coldCache = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-bench-cache-'));
const smallCold = measure(process.execPath, [bin, smallFile, '--format', 'json'], Math.max(runs, 10), (i) => ({ MIGRASAFE_COMPILE_CACHE: path.join(coldCache, String(i)) }));
rmSync(coldCache, { recursive: true, force: true });
const smallSquawk = measure(squawkBin, ['--reporter', 'json', smallFile], Math.max(runs, 10));
const bare = measure(process.execPath, ['-e', '0'], Math.max(runs, 10));
// The small file and the history before it: what a run over it parses.
const history = readdirSync(path.dirname(smallFile)).filter((f) => f.endsWith('.sql') && f <= path.basename(smallFile)).map((f) => path.join(path.dirname(smallFile), f));
const smallFloor = measure(process.execPath, [floorScript, ...history], Math.max(runs, 10));
console.log(`\none small file (${path.relative(root, smallFile)}), wall time including start-up:`);
console.log('| tool | wall, median | wall, best | CPU, median |');
console.log('|---|---|---|---|');
console.log(`| migrasafe | ${ms(small.wall?.median)} | ${ms(small.wall?.best)} | ${ms(small.cpu?.median)} |`);
console.log(`| migrasafe, first run after install (empty compile cache) | ${ms(smallCold.wall?.median)} | ${ms(smallCold.wall?.best)} | ${ms(smallCold.cpu?.median)} |`);
console.log(`| squawk | ${ms(smallSquawk.wall?.median)} | ${ms(smallSquawk.wall?.best)} | ${ms(smallSquawk.cpu?.median)} |`);
console.log(`| node -e 0 (Node start-up alone) | ${ms(bare.wall?.median)} | ${ms(bare.wall?.best)} | ${ms(bare.cpu?.median)} |`);
console.log(`| floor: Node + libpg-query parsing the file and its history (${history.length} files), nothing else | ${ms(smallFloor.wall?.median)} | ${ms(smallFloor.wall?.best)} | ${ms(smallFloor.cpu?.median)} |`);
