import path from 'node:path';
import { isDir, isFile, listDir, readIfExists } from './fs-helpers.js';

/** Files where projects keep the `migrate -database <url>` command or the URL itself. */
const COMMAND_FILES = /^(GNUmakefile|[Mm]akefile|.*\.mk|(docker-)?compose(\.[\w-]+)?\.ya?ml|\.env(\.[\w-]+)?|Taskfile\.ya?ml|[Jj]ustfile|\.gitlab-ci\.yml|Procfile)$/;
/** golang-migrate reads the option with Go's strconv.ParseBool. */
const MULTI_STATEMENT_ON = /[?&]x-multi-statement=(1|t|T|true|TRUE|True)\b/;
const POSTGRES_URL = /\b(postgres|postgresql|pgx|pgx5):\/\//;
/** `-path db/migrations`, `-source file://db/migrations`, `--path=...` */
const PATH_ARG = /(?:^|\s)--?(?:path|source)[=\s]+["']?(?:file:\/\/)?([^\s"']+)/;
const MAX_BYTES = 256 * 1024;
const MAX_LEVELS = 6;

/**
 * Looks for `x-multi-statement=true` in a PostgreSQL database URL given to golang-migrate in the
 * project around `dir` (Makefile, compose files, `.env`, CI workflows), from `dir` up to the
 * repository root. A command that names another migrations directory (`-path`/`-source`) does not
 * count. Returns the evidence (`Makefile:12: migrate -path ...`), or undefined.
 */
export function findMultiStatementUrl(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const candidates = listDir(current).filter((n) => COMMAND_FILES.test(n)).map((n) => path.join(current, n));
    const workflows = path.join(current, '.github', 'workflows');
    if (isDir(workflows)) candidates.push(...listDir(workflows).filter((n) => /\.ya?ml$/.test(n)).map((n) => path.join(workflows, n)));
    for (const file of candidates) {
      const hit = scanFile(file, dir, current);
      if (hit) return hit;
    }
    const parent = path.dirname(current);
    if (parent === current || isDir(path.join(current, '.git')) || isFile(path.join(current, '.git'))) break;
    current = parent;
  }
  return undefined;
}

/** `base`: the directory relative `-path` values are read from (where the command runs). */
function scanFile(file: string, migrationsDir: string, base: string): string | undefined {
  const text = readIfExists(file);
  if (!text || text.length > MAX_BYTES || !text.includes('x-multi-statement')) return undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!MULTI_STATEMENT_ON.test(line)) continue;
    // The option belongs to golang-migrate's PostgreSQL URL: on a `migrate` command line or in the URL itself.
    if (!/\bmigrate\b/.test(line) && !POSTGRES_URL.test(line)) continue;
    if (/\b(mysql|clickhouse|sqlserver|spanner|snowflake):\/\//.test(line)) continue;
    const named = PATH_ARG.exec(line)?.[1];
    if (named && !named.includes('$') && path.resolve(base, named) !== path.resolve(migrationsDir)) continue;
    return `${file}:${i + 1}: ${line.trim().slice(0, 160)}`;
  }
  return undefined;
}
