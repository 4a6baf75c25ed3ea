import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { phaseHeader } from './render.js';
import type { Plan } from './types.js';

export interface PlannedFile {
  path: string;
  text: string;
}

/** How a directory names its migrations: golang-migrate pairs (`N_x.up.sql`/`N_x.down.sql`) or plain files. */
function layoutOf(names: string[]): { tool: 'golang-migrate' | 'plain'; width: number; timestamp: boolean; last: bigint } {
  const versions = names.map((n) => /^(\d+)_/.exec(n)?.[1]).filter((v): v is string => !!v);
  const last = versions.reduce((m, v) => (BigInt(v) > m ? BigInt(v) : m), 0n);
  const width = versions.length ? Math.max(...versions.map((v) => v.length)) : 4;
  return { tool: names.some((n) => /\.up\.sql$/.test(n)) ? 'golang-migrate' : 'plain', width, timestamp: width >= 12, last };
}

function stamp(d: Date): bigint {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return BigInt(`${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`);
}

/**
 * The files `--write` creates: one migration per migration phase, numbered after the directory's
 * last version (timestamps when the directory uses them), an up and a down each, plus scripts.
 * Local stand-in for the tool adapters' naming (sources/naming.ts) for plain and golang-migrate.
 */
export function planFiles(plan: Plan, dir: string, now = new Date()): PlannedFile[] {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const layout = layoutOf(names);
  let next = layout.timestamp ? (stamp(now) > layout.last ? stamp(now) : layout.last + 1n) : layout.last + 1n;
  const files: PlannedFile[] = [];
  plan.phases.forEach((p, i) => {
    if (p.kind !== 'migration') return;
    const version = String(next).padStart(layout.width, '0');
    next++;
    const base = `${version}_${p.slug.replace(/[^a-zA-Z0-9_-]+/g, '_')}`;
    const header = phaseHeader(plan, i);
    if (layout.tool === 'golang-migrate') {
      files.push({ path: path.join(dir, `${base}.up.sql`), text: `${header}${p.up}\n` });
      files.push({ path: path.join(dir, `${base}.down.sql`), text: `-- migrasafe plan: undo step ${i + 1} of ${plan.title}\n${p.down}\n` });
    } else {
      files.push({ path: path.join(dir, `${base}.sql`), text: `${header}${p.up}\n` });
      files.push({ path: path.join(dir, `${base}.down.sql`), text: `-- migrasafe plan: undo step ${i + 1} of ${plan.title}\n${p.down}\n` });
    }
  });
  for (const s of plan.scripts) files.push({ path: path.join(dir, '..', 'scripts', s.name), text: `${s.text}\n` });
  return files;
}

/** Writes the files, refusing to overwrite any existing one. */
export function writePlanFiles(files: PlannedFile[]): void {
  for (const f of files) if (existsSync(f.path)) throw new UsageError(`Refusing to overwrite ${f.path}.`);
  for (const f of files) {
    mkdirSync(path.dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text, f.path.endsWith('.sh') ? { mode: 0o755 } : undefined);
  }
}
