'use strict';
// Loads the command-line bundle (dist/cli-bundle/main.cjs) through V8's code cache.
//
// Why: compiling the ~0.9 MB bundle was the largest share of a one-file run after Node's own
// start-up (~45 ms of ~240 ms on the reference machine). Node 20 has no compile cache of its own
// (module.enableCompileCache arrived in Node 22.1), so this does what `v8-compile-cache` did for
// ESLint and yarn: compile the CommonJS bundle with vm.Script, hand V8 the code it produced last
// time, and after the first run save what V8 compiled (including the functions the run called).
//
// The cache lives in the OS temporary directory (as Node 22's NODE_COMPILE_CACHE does), never in
// the user's project. V8 rejects data from another V8 version or other flags; the file name also
// carries the Node options and the bundle's size, modification time and inode, because V8 itself
// only compares the source length. Writes are atomic (temporary file, then rename): concurrent runs never read half
// a file. The directory must belong to the user and be writable by no one else (isPrivateDir).
// Writing a new file prunes the bundle's old ones (pruneStale).
// MIGRASAFE_COMPILE_CACHE=off disables it; MIGRASAFE_COMPILE_CACHE=<dir> moves it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');

/**
 * Runs a CommonJS bundle and returns its exports, plus `saveCache()` to call when the process has
 * done its work (so the cache holds the functions the run compiled). `mode` names the V8 flags
 * the process runs with: data compiled under other flags is rejected anyway, so each gets a file.
 * `status` says what happened to the cache: 'off', 'created' (none or unusable before), 'used'.
 */
function loadBundle(file, mode, env = process.env) {
  // Code compiled by vm.Script has no import() in Node 20 (without --experimental-vm-modules):
  // the bundle loads ES modules (yargs, ES module migrations) through this one (src/core/host-import.ts).
  globalThis[Symbol.for('migrasafe.hostImport')] ??= (specifier) => import(specifier);
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cachePath(file, mode, env);
  const cached = cacheFile ? readIfExists(cacheFile) : undefined;
  const script = new vm.Script(wrap(source), {
    filename: file,
    cachedData: cached,
  });
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const status = !cacheFile ? 'off' : cached && !script.cachedDataRejected ? 'used' : 'created';
  let saved = status !== 'created';
  return {
    exports: module.exports,
    status,
    saveCache() {
      if (saved) return;
      saved = true;
      writeAtomically(cacheFile, script.createCachedData());
      pruneStale(cacheFile);
    },
  };
}

/** The cache file for this bundle, Node and flags; undefined when caching is off. */
function cachePath(file, mode, env) {
  const setting = env.MIGRASAFE_COMPILE_CACHE;
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  // One directory per user: another user's files in a shared /tmp cannot be replaced.
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  const dir = setting || path.join(os.tmpdir(), `migrasafe-compile-cache-${uid}`);
  if (!isPrivateDir(dir)) return undefined;
  // Node options change V8's flags, and V8 rejects data compiled under other flags: one file per
  // set of options, so runs with and without (say) NODE_OPTIONS=--max-old-space-size do not
  // keep replacing each other's cache.
  const options = [...process.execArgv, env.NODE_OPTIONS ?? ''].join(' ').trim();
  const key = [process.version, process.arch, mode, options ? fnv1a(options) : 'default', stat.size, Math.floor(stat.mtimeMs), stat.ino].join('-');
  return path.join(dir, `${path.basename(file)}-${key}.v8cache`);
}

/**
 * Cached code is code: use a directory only when this user owns it and no one else can write to
 * it. In a shared /tmp another user could create the directory first and plant compiled code.
 * (On Windows the temporary directory is the user's own.) A missing one is created private.
 */
function isPrivateDir(dir) {
  if (typeof process.getuid !== 'function') return true;
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch (error) {
    return error.code === 'ENOENT';
  }
}

/** A short fingerprint of a string (FNV-1a, 32 bits, hex). */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// Every rebuild, upgrade or second install of the bundle gets a new file (its size, mtime and
// inode are in the name): without pruning the directory only grows (~0.7 MB a file). Pruned only
// when a file is written, so a run that uses its cache never lists the directory.
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_FILES = 8;

/**
 * Removes this bundle's other cache files that are more than a week old, then all but the
 * newest MAX_FILES (two projects with their own install each keep their file), and temporary
 * files a killed run left behind. Another bundle's files and unknown files are never touched.
 */
function pruneStale(current, now = Date.now()) {
  const dir = path.dirname(current);
  const prefix = path.basename(current).slice(0, path.basename(current).indexOf('-') + 1);
  try {
    const ours = [];
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(prefix) || path.join(dir, name) === current) continue;
      const isTemp = name.endsWith('.tmp');
      if (!isTemp && !name.endsWith('.v8cache')) continue;
      const file = path.join(dir, name);
      const age = now - fs.statSync(file).mtimeMs;
      // A temporary file older than a minute belongs to a run that died before its rename.
      if (age > (isTemp ? 60_000 : MAX_AGE_MS)) fs.rmSync(file, { force: true });
      else if (!isTemp) ours.push({ file, age });
    }
    ours.sort((a, b) => a.age - b.age);
    // MAX_FILES in all, counting the one just written.
    for (const { file } of ours.slice(MAX_FILES - 1)) fs.rmSync(file, { force: true });
  } catch {
    // ignored: pruning is housekeeping
  }
}

/** Best effort: a read-only or full disk only costs the next run its cache. */
function writeAtomically(file, data) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    // ignored: the cache is an optimisation
  }
}

module.exports = { loadBundle };
