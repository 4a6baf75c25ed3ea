import path from 'node:path';
import type { Engine } from '../core/types.js';
import { isFile, readIfExists } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';

interface PlanEntry {
  change: string;
  /** Tags between this change and the next rework of it (Sqitch names the older script after one). */
  reworkTags: string[];
  reworked: boolean;
}

/** Parses sqitch.plan: change lines and `@tag` lines, in order; pragmas and comments skipped. */
export function parseSqitchPlan(text: string): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('%')) continue;
    if (line.startsWith('@')) {
      const tag = line.split(/\s+/)[0];
      for (const e of entries) if (e.reworked === false && e.reworkTags !== undefined) e.reworkTags.push(tag);
      continue;
    }
    const name = /^[+-]?([^\s[]+)/.exec(line)?.[1];
    if (!name) continue;
    // A later line with the same name reworks the change: close the earlier entry's tag list.
    for (const e of entries) if (e.change === name && !e.reworked) e.reworked = true;
    entries.push({ change: name, reworkTags: [], reworked: false });
  }
  return entries;
}

/** The script file of a plan entry in a deploy/revert/verify folder (`name@tag.sql` when reworked later). */
function scriptPath(dir: string, entry: PlanEntry): string {
  if (!entry.reworked) return path.join(dir, `${entry.change}.sql`);
  const candidates = entry.reworkTags.map((t) => path.join(dir, `${entry.change}${t}.sql`));
  return candidates.find((c) => isFile(c)) ?? candidates[0] ?? path.join(dir, `${entry.change}.sql`);
}

/** The directory holding `sqitch.plan` for a script in its deploy/revert/verify folders. */
export function findSqitchRoot(fileDir: string, depth = 4): string | undefined {
  let current = fileDir;
  for (let i = 0; i <= depth; i++) {
    if (isFile(path.join(current, 'sqitch.plan'))) return current;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return undefined;
}

const SQITCH_ENGINES: Record<string, Engine | undefined> = { pg: 'postgres', mysql: 'mysql', cockroach: 'postgres' };

/**
 * sqitch: changes in `sqitch.plan` order; `deploy/<change>.sql` with `revert/` and `verify/`
 * counterparts; a reworked change's older scripts are `<change>@<tag>.sql`. Sqitch runs each
 * script through the database's CLI client (psql) without wrapping it: its script templates
 * carry their own `BEGIN;` / `COMMIT;`, which migrasafe reads like any explicit transaction.
 */
export function loadSqitchSet(root: string): MigrationSet {
  const plan = parseSqitchPlan(readIfExists(path.join(root, 'sqitch.plan')) ?? '');
  const conf = readIfExists(path.join(root, 'sqitch.conf')) ?? '';
  const engine = SQITCH_ENGINES[/^\s*engine\s*=\s*(\w+)/m.exec(conf)?.[1] ?? ''];
  const files: MigrationFile[] = [];
  for (const entry of plan) {
    const deploy = scriptPath(path.join(root, 'deploy'), entry);
    const revert = scriptPath(path.join(root, 'revert'), entry);
    const verify = scriptPath(path.join(root, 'verify'), entry);
    const up: MigrationFile = { path: deploy, role: 'up', description: entry.change, toolTransaction: false };
    files.push(up);
    if (isFile(revert)) {
      up.pairPath = revert;
      files.push({ path: revert, role: 'down', description: entry.change, pairPath: deploy, toolTransaction: false, segments: (t) => [{ range: { start: 0, end: t.length }, direction: 'down', toolTransaction: false }] });
    }
    if (isFile(verify)) files.push({ path: verify, role: 'verify', description: entry.change, toolTransaction: false, segments: (t) => [{ range: { start: 0, end: t.length }, direction: 'down', toolTransaction: false }] });
  }
  return { root, tool: 'sqitch', engine, files, downs: 'files', evidence: `${path.join(root, 'sqitch.plan')}` };
}
