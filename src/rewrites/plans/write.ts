import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { nextMigrationFiles } from '../../sources/naming.js';
import type { MigrationSet } from '../../sources/types.js';
import { phaseHeader } from './render.js';
import type { Plan } from './types.js';

export interface PlannedFile {
  path: string;
  text: string;
  /** Added to the end of an existing file (the sqitch.plan line). */
  append?: boolean;
}

export interface PlannedWrite {
  files: PlannedFile[];
  /** What the tool cannot hold (rollbacks for Prisma and plain SQL directories). */
  notes: string[];
}

/**
 * The files `--write` creates: one migration per migration phase in the set's own tool naming and
 * next versions (sources/naming.ts), each run outside a transaction the tool's way when the phase
 * needs it (Flyway `.sql.conf`, dbmate `transaction:false`, Liquibase `runInTransaction:false`,
 * diesel `metadata.toml`, sqitch without BEGIN/COMMIT), with its rollback where the tool keeps one,
 * plus the standalone scripts in `../scripts/` (sqitch: `verify/` scripts as `sqitch add` makes them).
 */
export function planFiles(plan: Plan, set: MigrationSet, now = new Date()): PlannedWrite {
  const files: PlannedFile[] = [];
  let offset = 0;
  let downsDropped = false;
  plan.phases.forEach((p, i) => {
    if (p.kind !== 'migration') return;
    // pop runs every migration inside a transaction, with no way out (ory/hydra#3523).
    if (set.tool === 'pop' && plan.engine === 'postgres' && !p.transaction) {
      throw new UsageError(`pop runs every migration in a transaction, and step ${i + 1} (${p.title}) cannot run in one: run that step outside pop (psql), between the migrations before and after it. Nothing was written.`);
    }
    const written = nextMigrationFiles(set, p.slug, {
      up: `${phaseHeader(plan, i)}${p.up}`,
      down: `-- migrasafe plan: undo step ${i + 1} of ${plan.title}\n${p.down}`,
      transactional: p.transaction,
      now,
      offset: offset++,
    });
    // Where the tool keeps rollbacks (a down file, a dbmate section, Liquibase --rollback lines) the undo is written.
    if (!written.some((f) => f.content.includes('migrasafe plan: undo step'))) downsDropped = true;
    for (const f of written) files.push({ path: f.path, text: f.content, ...(f.append ? { append: true } : {}) });
    if (set.tool === 'sqitch') {
      const deploy = written.find((f) => f.role === 'up')!;
      const name = path.basename(deploy.path, '.sql');
      files.push({ path: path.join(set.root, 'verify', `${name}.sql`), text: `-- Verify ${name}\n\nBEGIN;\n\n-- ${p.title}\n${p.verify ? `-- Must return 0 before the next step:\n-- ${p.verify.replace(/\n/g, '\n-- ')}\n` : ''}\nROLLBACK;\n` });
    }
  });
  for (const s of plan.scripts) files.push({ path: path.join(set.root, '..', 'scripts', s.name), text: `${s.text}\n` });
  const notes = downsDropped ? [`${set.tool === 'prisma' ? 'Prisma' : `This ${set.tool} directory`} keeps no down migrations: the undo SQL of each step is in \`migrasafe plan\` without --write.`] : [];
  return { files, notes };
}

/** Writes the files, refusing to overwrite any existing one (a file appended to must exist). */
export function writePlanFiles(files: PlannedFile[]): void {
  for (const f of files) {
    if (f.append && !existsSync(f.path)) throw new UsageError(`Cannot add to ${f.path}: it does not exist.`);
    if (!f.append && existsSync(f.path)) throw new UsageError(`Refusing to overwrite ${f.path}.`);
  }
  for (const f of files) {
    mkdirSync(path.dirname(f.path), { recursive: true });
    if (f.append) appendFileSync(f.path, readFileSync(f.path, 'utf8').endsWith('\n') ? f.text : `\n${f.text}`);
    else writeFileSync(f.path, f.text, f.path.endsWith('.sh') ? { mode: 0o755 } : undefined);
  }
}
