import path from 'node:path';
import { compareDigits, compareDotted } from './fs-helpers.js';
import type { MigrationSet } from './types.js';

/** A file to create for a new migration (the plan command writes these). */
export interface NewMigrationFile {
  path: string;
  content: string;
  role: 'up' | 'down' | 'config' | 'plan' | 'verify';
  /** Append `content` to the existing file instead of creating it (the sqitch.plan line). */
  append?: boolean;
}

export interface NewMigrationOptions {
  /** The up SQL (statements with their semicolons). */
  up: string;
  /** The rollback SQL, when the tool keeps rollbacks. */
  down?: string;
  /** Whether the migration may run inside a transaction (false: `CONCURRENTLY`, batched backfills). */
  transactional?: boolean;
  /** Clock for timestamp versions (tests). */
  now?: Date;
  /** For multi-phase plans: 0 for the next migration, 1 for the one after it, and so on. */
  offset?: number;
}

/** `Add orders status!` -> `add_orders_status`. */
export function slugify(description: string): string {
  return description.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'migration';
}

function timestamp(now: Date, offsetSeconds: number, style: 'compact' | 'diesel' = 'compact'): string {
  const d = new Date(now.getTime() + offsetSeconds * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const [y, mo, da, h, mi, s] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  return style === 'diesel' ? `${y}-${p(mo)}-${p(da)}-${p(h)}${p(mi)}${p(s)}` : `${y}${p(mo)}${p(da)}${p(h)}${p(mi)}${p(s)}`;
}

/**
 * The next version in the set's own style: timestamps when it uses timestamps (14+ digits, padded to
 * the width it uses, never before its last version), else the highest number plus one, zero-padded like
 * the existing ones.
 */
function nextNumber(versions: string[], now: Date, offset: number): string {
  const digits = versions.filter((v) => /^\d+$/.test(v)).sort(compareDigits);
  const last = digits[digits.length - 1];
  if (!last || last.length >= 14) {
    const width = last?.length ?? 14;
    let v = timestamp(now, offset).padEnd(width, '0');
    if (last && compareDigits(v, last) <= 0) v = (BigInt(last) + BigInt(offset + 1)).toString().padStart(width, '0');
    return v;
  }
  return (BigInt(last) + BigInt(offset + 1)).toString().padStart(last.length, '0');
}

/** Flyway: bump the last part of the highest version, keeping its separator (`1.2` -> `1.3`, `07_00_01` -> `07_00_02`). */
function nextFlywayVersion(set: MigrationSet, offset: number): string {
  const raw = set.files.filter((f) => f.role === 'up' && f.version).map((f) => /^V([\d._]+?)(?:__|\.sql$)/.exec(path.basename(f.path))?.[1] ?? f.version!);
  raw.sort((a, b) => compareDotted(a.replace(/_/g, '.'), b.replace(/_/g, '.')));
  const last = raw[raw.length - 1];
  if (!last) return String(1 + offset);
  const parts = last.split(/([._])/);
  const end = parts[parts.length - 1];
  parts[parts.length - 1] = (BigInt(end) + BigInt(offset + 1)).toString().padStart(end.length, '0');
  return parts.join('');
}

const withNewline = (sql: string) => (sql.endsWith('\n') ? sql : `${sql}\n`);

/**
 * The files of a new migration in the set's tool naming, with the next version number, and the tool's
 * way of running it outside a transaction when `transactional` is false. Alembic (Python) and Knex
 * (JavaScript) migrations are not written: they throw.
 */
export function nextMigrationFiles(set: MigrationSet, description: string, opts: NewMigrationOptions): NewMigrationFile[] {
  const now = opts.now ?? new Date();
  const offset = opts.offset ?? 0;
  const slug = slugify(description);
  const up = withNewline(opts.up);
  const down = opts.down !== undefined ? withNewline(opts.down) : undefined;
  const tx = opts.transactional ?? true;
  const versions = set.files.map((f) => f.version).filter((v): v is string => !!v);
  const root = set.root;
  switch (set.tool) {
    case 'golang-migrate': {
      const v = nextNumber(versions, now, offset);
      const files: NewMigrationFile[] = [{ path: path.join(root, `${v}_${slug}.up.sql`), content: up, role: 'up' }];
      if (down !== undefined) files.push({ path: path.join(root, `${v}_${slug}.down.sql`), content: down, role: 'down' });
      return files;
    }
    case 'pop': {
      const v = nextNumber(versions, now, offset);
      const dialect = set.files.map((f) => /\.([a-z0-9]+)\.(?:up|down)\.sql$/.exec(path.basename(f.path))?.[1]).find((d) => d && d !== 'up' && d !== 'down');
      const base = `${v}_${slug}${dialect ? `.${dialect}` : ''}`;
      const files: NewMigrationFile[] = [{ path: path.join(root, `${base}.up.sql`), content: up, role: 'up' }];
      files.push({ path: path.join(root, `${base}.down.sql`), content: down ?? '', role: 'down' });
      return files;
    }
    case 'dbmate': {
      const v = nextNumber(versions, now, offset);
      const opt = tx ? '' : ' transaction:false';
      return [{ path: path.join(root, `${v}_${slug}.sql`), content: `-- migrate:up${opt}\n${up}\n-- migrate:down${opt}\n${down ?? ''}`, role: 'up' }];
    }
    case 'flyway': {
      const v = nextFlywayVersion(set, offset);
      const name = `V${v}__${slug}.sql`;
      const files: NewMigrationFile[] = [{ path: path.join(root, name), content: up, role: 'up' }];
      if (!tx) files.push({ path: path.join(root, `${name}.conf`), content: 'executeInTransaction=false\n', role: 'config' });
      if (down !== undefined && set.downs === 'files') files.push({ path: path.join(root, `U${v}__${slug}.sql`), content: down, role: 'down' });
      return files;
    }
    case 'prisma':
      return [{ path: path.join(root, `${nextNumber(versions, now, offset)}_${slug}`, 'migration.sql'), content: up, role: 'up' }];
    case 'diesel': {
      const dir = path.join(root, `${timestamp(now, offset, 'diesel')}_${slug}`);
      const files: NewMigrationFile[] = [
        { path: path.join(dir, 'up.sql'), content: up, role: 'up' },
        { path: path.join(dir, 'down.sql'), content: down ?? '', role: 'down' },
      ];
      if (!tx) files.push({ path: path.join(dir, 'metadata.toml'), content: 'run_in_transaction = false\n', role: 'config' });
      return files;
    }
    case 'liquibase': {
      const numbers = set.files.map((f) => /^(\d+)/.exec(path.basename(f.path))?.[1]).filter((n): n is string => !!n);
      const v = nextNumber(numbers, now, offset);
      const rollback = down === undefined ? '' : down.trimEnd().split('\n').map((l) => `--rollback ${l}`).join('\n') + '\n';
      return [{ path: path.join(root, `${v}_${slug}.sql`), content: `--liquibase formatted sql\n\n--changeset migrasafe:${slug}${tx ? '' : ' runInTransaction:false'}\n${up}${rollback}`, role: 'up' }];
    }
    case 'sqitch': {
      const wrap = (sql: string, verb: string) => `-- ${verb} ${slug}\n\n${tx ? `BEGIN;\n\n${sql}\nCOMMIT;\n` : sql}`;
      const date = new Date(now.getTime() + offset * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      return [
        { path: path.join(root, 'deploy', `${slug}.sql`), content: wrap(up, 'Deploy'), role: 'up' },
        { path: path.join(root, 'revert', `${slug}.sql`), content: wrap(down ?? '', 'Revert'), role: 'down' },
        { path: path.join(root, 'sqitch.plan'), content: `${slug} ${date} migrasafe <migrasafe@localhost> # ${description.replace(/\n/g, ' ')}\n`, role: 'plan', append: true },
      ];
    }
    case 'plain': {
      const numbers = set.files.map((f) => /^(\d+)/.exec(path.basename(f.path))?.[1]).filter((n): n is string => !!n);
      const v = nextNumber(numbers, now, offset);
      const sep = set.files.some((f) => /^\d+-/.test(path.basename(f.path))) ? '-' : '_';
      return [{ path: path.join(root, `${v}${sep}${slug.replace(/_/g, sep)}.sql`), content: up, role: 'up' }];
    }
    default:
      throw new Error(`cannot write ${set.tool} migrations (they are not SQL files); write the SQL by hand`);
  }
}
