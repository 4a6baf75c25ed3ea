import type { Operation } from '../../core/operations.js';
import type { Engine } from '../../core/types.js';
import { blocksFor, blocksInWords, NO_TRANSACTION_WORDS, pgLockFact } from '../../engines/postgres/lock-facts.js';
import type { Version } from '../../engines/version.js';
import { parseSource } from '../../parsers/index.js';
import { mysqlOnlineClauses } from './mysql-online.js';
import type { Phase } from './types.js';

function target(op: Operation): string | undefined {
  if ('table' in op && op.table && typeof op.table === 'object') return op.table.name;
  if (op.kind === 'drop-index') return op.indexes.map((i) => i.name).join(', ');
  if (op.kind === 'drop-table') return op.tables.map((t) => t.name).join(', ');
  if (op.kind === 'drop-view') return op.views.map((t) => t.name).join(', ');
  if (op.kind === 'create-view') return op.view.name;
  return undefined;
}

function opLabel(op: Operation): string {
  switch (op.kind) {
    case 'add-constraint':
      return `add ${op.constraint.type} constraint${op.constraint.notValid ? ' NOT VALID' : ''}`;
    case 'create-index':
      return `create ${op.unique ? 'unique ' : ''}index${op.concurrently ? ' concurrently' : ''}`;
    case 'drop-index':
      return `drop index${op.concurrently ? ' concurrently' : ''}`;
    default:
      return op.kind.replace(/-/g, ' ');
  }
}

/**
 * One line per operation of the SQL: the lock it takes (from the engine's lock facts, never
 * hard-coded here), what that blocks, and whether it rewrites or scans. PostgreSQL only: the
 * parser is initialised by the caller. Also says whether any statement refuses a transaction.
 */
export function pgLocks(sql: string, version: Version, batched = false): { lines: string[]; noTransaction: boolean } {
  const lines: string[] = [];
  let noTransaction = false;
  for (const st of parseSource('postgres', sql).statements) {
    for (const op of st.ops) {
      const fact = pgLockFact(op, version.major);
      if (!fact) continue;
      if (fact.noTransaction) noTransaction = true;
      const work = batched ? 'row locks on one batch at a time, each batch commits' : fact.rewrite ? 'rewrites the table' : fact.scan ? 'reads the whole table while holding it' : 'no scan, held briefly';
      const other = fact.otherLock ? `; ${fact.otherLock} on the referenced table` : '';
      const on = target(op);
      lines.push(`${opLabel(op)}${on ? ` ${on}` : ''}: ${fact.lock} (${blocksInWords(blocksFor(fact.lock))}), ${work}${other}`);
    }
  }
  return { lines, noTransaction };
}

/** MySQL: the ALGORITHM/LOCK clauses in the statements are what the server is told to honour (it refuses otherwise). */
export function mysqlLocks(sql: string): string[] {
  const out: string[] = [];
  for (const m of sql.matchAll(/ALTER TABLE\s+(\S+)[\s\S]*?ALGORITHM\s*=\s*(\w+)(?:,\s*LOCK\s*=\s*(\w+))?/gi)) {
    const lock = m[3]?.toUpperCase();
    const algo = m[2].toUpperCase();
    const effect =
      algo === 'INSTANT'
        ? 'metadata only, no rebuild; a brief metadata lock'
        : lock === 'NONE'
          ? 'online: reads and writes continue; brief metadata locks at start and end'
          : lock === 'SHARED'
            ? 'writes wait'
            : 'see the server documentation';
    out.push(`alter table ${m[1]}: ALGORITHM=${algo}${lock ? `, LOCK=${lock}` : ''} (${effect}; the server refuses the statement rather than take a stronger lock)`);
  }
  if (/CREATE TRIGGER/i.test(sql)) out.push('create trigger: a brief metadata lock on the table');
  if (/DROP TRIGGER/i.test(sql)) out.push('drop trigger: a brief metadata lock on the table');
  if (/\bUPDATE\b|\bINSERT INTO\b/i.test(sql) && /batch/i.test(sql)) out.push('batched writes: row locks on one batch at a time');
  if (/RENAME TABLE/i.test(sql)) out.push('rename table: a brief exclusive metadata lock, atomic');
  if (/CREATE (OR REPLACE )?VIEW|DROP VIEW/i.test(sql)) out.push('view: metadata only');
  return out;
}

export interface MigrationSpec {
  slug: string;
  title: string;
  up: string;
  down: string;
  next: string;
  /** SQL whose locks describe the phase when `up` hides them in a block (the backfill batch). */
  lockSql?: string;
  /** Statements that commit themselves (DO block with COMMIT): the file must run outside a transaction. */
  commits?: boolean;
  verify?: string;
  extraLocks?: string[];
}

/**
 * A migration phase with its locks and transaction mode worked out from its SQL. Worked out when
 * first asked: a finding's first-phase suggestion needs one phase's transaction mode, not every
 * phase parsed for its locks.
 */
export function migration(engine: Engine, version: Version, written: MigrationSpec): Phase {
  // MySQL: each ALTER asks for the algorithm the target version really supports.
  const spec = engine === 'postgres' ? written : { ...written, up: mysqlOnlineClauses(written.up, engine, version), down: mysqlOnlineClauses(written.down, engine, version) };
  let analysed: { locks: string[]; noTransaction: boolean } | undefined;
  const analyse = () => {
    if (analysed) return analysed;
    if (engine === 'postgres') {
      const l = pgLocks(spec.lockSql ?? spec.up, version, spec.commits);
      analysed = { locks: l.lines, noTransaction: !!spec.commits || l.noTransaction };
    } else {
      // MySQL DDL commits implicitly: a migration is never atomic, whatever the tool says.
      analysed = { locks: mysqlLocks(spec.lockSql ?? spec.up), noTransaction: true };
    }
    return analysed;
  };
  return {
    kind: 'migration',
    slug: spec.slug,
    title: spec.title,
    up: spec.up,
    down: spec.down,
    get transaction() {
      // Every finding's first-phase suggestion asks this: without a word that can refuse a
      // transaction, no parse of the phase's SQL (on the corpus: 313 parses, ~40 ms of 1.3 s).
      if (engine === 'postgres' && !spec.commits && !NO_TRANSACTION_WORDS.test(spec.lockSql ?? spec.up)) return true;
      return !analyse().noTransaction;
    },
    get locks() {
      return [...analyse().locks, ...(spec.extraLocks ?? [])];
    },
    next: spec.next,
    verify: spec.verify,
  };
}

export function deploy(slug: string, title: string, next: string): Phase {
  return { kind: 'deploy', slug, title, up: '', down: '', transaction: false, locks: [], next };
}

export function verify(slug: string, title: string, query: string, next: string): Phase {
  return { kind: 'verify', slug, title, up: query, down: '', transaction: false, locks: [], next, verify: query };
}
