import type { Engine, Range } from '../../core/types.js';
import type { Segment } from '../../lint/lint-source.js';
import type { TranslatedSource, TranslationNote } from '../types.js';
import { generateChange, splitSql, type GenerateContext } from './generate.js';
import { inverseOf } from './inverse.js';
import type { ChangeNode, ChangeSetNode, ChangelogDoc, Chunk, MappedText } from './model.js';
import { textWithProperties, withProperties } from './properties.js';

/** Liquibase's `dbms` short names for migrasafe's engines. */
const DBMS: Record<Engine, string> = { postgres: 'postgresql', mysql: 'mysql', mariadb: 'mariadb' };

/** Whether a changeSet's `dbms="..."` lets it run on `engine` (`all`, `none`, `!name` exclusions). */
export function dbmsMatches(dbms: string | undefined, engine: Engine): boolean {
  if (!dbms || !dbms.trim()) return true;
  const names = dbms.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const me = DBMS[engine];
  if (names.includes('none')) return false;
  if (names.includes(`!${me}`)) return false;
  const positive = names.filter((n) => !n.startsWith('!'));
  return positive.length === 0 || positive.includes('all') || positive.includes(me);
}

interface Piece {
  sqlStart: number;
  sqlEnd: number;
  at: number;
  end: number;
  verbatim: boolean;
}

interface ChangeSpan {
  sqlStart: number;
  sqlEnd: number;
  type: string;
}

/** The SQL text being built, with the document origin of every piece. */
class SqlBuilder {
  sql = '';
  pieces: Piece[] = [];
  push(chunk: Chunk): void {
    if (chunk.text === '') return;
    const sqlStart = this.sql.length;
    this.sql += chunk.text;
    this.pieces.push({ sqlStart, sqlEnd: this.sql.length, at: chunk.at, end: chunk.end, verbatim: chunk.verbatim });
  }
  statement(text: MappedText): void {
    for (const c of text) this.push(c);
    const last = text[text.length - 1];
    if (last) this.push({ text: '\n', at: last.end, end: last.end, verbatim: false });
  }
  toDocument(range: Range): Range {
    const start = this.map(range.start, false);
    if (range.end <= range.start) return { start, end: start };
    return { start, end: Math.max(start, this.map(range.end, true)) };
  }
  private map(offset: number, isEnd: boolean): number {
    const target = isEnd ? offset - 1 : offset;
    let lo = 0;
    let hi = this.pieces.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid].sqlStart <= target) lo = mid;
      else hi = mid - 1;
    }
    const p = this.pieces[lo];
    if (p.verbatim) return Math.min(p.at + (offset - p.sqlStart), p.end);
    return isEnd ? p.end : p.at;
  }
}

export interface TranslateOptions {
  engine: Engine;
  /** The document text (for ignore comments). */
  text: string;
  readSqlFile?: GenerateContext['readSqlFile'];
  /** Changelog parameters defined elsewhere in the changelog tree (`<property>` in the master). */
  properties?: Readonly<Record<string, string>>;
  /** Reports an `<include>` / `<includeAll>` whose target does not exist (Liquibase stops there). */
  missingInclude?: (attrs: Record<string, string>, kind: 'include' | 'includeAll') => string | undefined;
  /** `id::author` of changeSets already deployed (present on the base branch). */
  applied?: ReadonlySet<string>;
}

/** How Liquibase identifies a changeSet within its file. */
export function changeSetKey(cs: ChangeSetNode): string {
  return `${cs.attrs.id ?? ''}::${cs.attrs.author ?? ''}`;
}

export function changeSetKeys(doc: ChangelogDoc): Set<string> {
  return new Set(doc.items.flatMap((i) => (i.kind === 'changeSet' ? [changeSetKey(i.node)] : [])));
}

/**
 * The SQL a changelog runs on the engine: each changeSet (skipping those whose `dbms` excludes the
 * engine) as an `up` segment in its own transaction unless `runInTransaction="false"`, followed by
 * its rollback (explicit, or the one Liquibase generates) as a `down` segment.
 */
export function translateChangelog(doc: ChangelogDoc, opts: TranslateOptions): TranslatedSource {
  const b = new SqlBuilder();
  const notes: TranslationNote[] = doc.problems.map((p) => ({ level: p.fatal ? 'error' : 'warn', fatal: p.fatal, message: p.message, range: p.range }));
  const segments: Segment[] = [];
  const spans: ChangeSpan[] = [];
  const ctx: GenerateContext = { engine: opts.engine, readSqlFile: opts.readSqlFile };
  const directives = ignoreComments(opts.text);
  let nextDirective = 0;
  const emitDirectivesBefore = (offset: number) => {
    while (nextDirective < directives.length && directives[nextDirective].range.start < offset) {
      const d = directives[nextDirective++];
      b.push({ text: `-- ${d.body}\n`, at: d.range.start, end: d.range.end, verbatim: false });
    }
  };
  const preconditions = doc.preConditions ?? doc.items.map((i) => (i.kind === 'changeSet' ? i.node.preConditions : undefined)).find(Boolean);
  if (preconditions) notes.push({ level: 'info', message: 'Liquibase preConditions are not evaluated: every changeSet is linted as if its preconditions pass.', range: preconditions });

  const props = { ...opts.properties, ...doc.properties };
  const emitChanges = (changes: ChangeNode[], into: ChangeSpan[]) => {
    for (const written of changes) {
      const change = withProperties(written, props);
      emitDirectivesBefore(change.range.start);
      const generated = generateChange(change, ctx);
      if (!generated) {
        const effect = DATA_ONLY.has(change.type) ? 'it loads data and is not checked' : 'its effect on the schema is unknown to the linter (a gap in the schema it tracks), and it is not checked';
        notes.push({ level: 'info', message: `Liquibase change <${change.type}> is not translated by migrasafe: ${effect}.`, range: change.range });
        continue;
      }
      if (generated.problem && !notes.some((n) => n.range.start === change.range.start && n.message.endsWith(generated.problem + '.'))) notes.push({ level: 'warn', message: `<${change.type}>: ${generated.problem}.`, range: change.range });
      const sqlStart = b.sql.length;
      for (const st of generated.statements) b.statement(st);
      if (b.sql.length > sqlStart) into.push({ sqlStart, sqlEnd: b.sql.length, type: change.type });
    }
  };

  for (const item of doc.items) {
    if (item.kind !== 'changeSet') {
      const missing = opts.missingInclude?.(item.node.attrs, item.node.kind);
      if (missing) notes.push({ level: 'error', message: missing, range: item.node.range });
      continue;
    }
    const cs = item.node;
    if (!dbmsMatches(cs.attrs.dbms, opts.engine)) continue;
    const inTransaction = !/^false$/i.test(cs.attrs.runInTransaction ?? 'true');
    const upStart = b.sql.length;
    emitChanges(cs.changes, spans);
    const upEnd = b.sql.length;
    if (upEnd > upStart) {
      const oneString = !inTransaction && cs.changes.some((c) => c.type === 'sql' && /^false$/i.test(c.attrs.splitStatements ?? ''));
      const applied = opts.applied?.has(changeSetKey(cs)) ?? false;
      segments.push({ range: { start: upStart, end: upEnd }, direction: 'up', toolTransaction: inTransaction, implicitTransaction: oneString, ...(applied ? { applied } : {}) });
    }
    emitRollback(cs, b, emitChanges, spans, props);
    if (b.sql.length > upEnd) segments.push({ range: { start: upEnd, end: b.sql.length }, direction: 'down', toolTransaction: inTransaction });
  }
  emitDirectivesBefore(Number.MAX_SAFE_INTEGER);
  return {
    sql: b.sql,
    segments,
    toDocument: (r) => b.toDocument(r),
    notes,
    advice: (ruleId, range) => {
      const span = spanAt(spans, range.start);
      return span ? ADVICE[`${ruleId}:${span.type}`] : undefined;
    },
  };
}

/**
 * The change whose SQL holds `offset`. Spans are appended as the SQL grows, so they are sorted and
 * disjoint: a binary search (asked for every finding of a changelog of thousands of changes).
 */
function spanAt(spans: readonly ChangeSpan[], offset: number): ChangeSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].sqlStart <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = spans[lo];
  return s && offset >= s.sqlStart && offset < s.sqlEnd ? s : undefined;
}

function emitRollback(cs: ChangeSetNode, b: SqlBuilder, emitChanges: (changes: ChangeNode[], into: ChangeSpan[]) => void, spans: ChangeSpan[], props: Readonly<Record<string, string>>): void {
  if (cs.rollback) {
    if (cs.rollback.text) for (const st of splitSql(textWithProperties(cs.rollback.text, props), {})) b.statement(st);
    emitChanges(cs.rollback.changes, spans);
    return;
  }
  // No <rollback>: Liquibase generates one only when every change can be inverted.
  const inverses: ChangeNode[] = [];
  for (const change of [...cs.changes].reverse()) {
    const inv = inverseOf(change);
    if (!inv) return;
    inverses.push(...inv);
  }
  emitChanges(inverses, spans);
}

/** Changes that only move data (no schema change): untranslated, but no gap in the schema. */
const DATA_ONLY = new Set(['loadData', 'loadUpdateData', 'insertOrUpdate', 'executeCommand']);

/** Liquibase's own way to write the safe form, by rule and change type. */
const ADVICE: Record<string, string> = {
  'require-concurrent-index:createIndex': 'Liquibase: <createIndex> cannot say CONCURRENTLY; write the index as a <sql> change (CREATE INDEX CONCURRENTLY ...) alone in a changeSet with runInTransaction="false".',
  'concurrently-in-transaction:sql': 'Liquibase: set runInTransaction="false" on this changeSet (and keep the statement alone in it).',
  'concurrently-in-transaction:createIndex': 'Liquibase: set runInTransaction="false" on this changeSet.',
  'set-not-null:addNotNullConstraint': 'Liquibase: instead of <addNotNullConstraint>, add CHECK (col IS NOT NULL) NOT VALID with a <sql> change, VALIDATE it in a later changeSet, then <addNotNullConstraint> (PostgreSQL 12+ skips the scan).',
  'constraint-not-valid:addForeignKeyConstraint': 'Liquibase: set validate="false" on <addForeignKeyConstraint> (it then adds NOT VALID on PostgreSQL) and run ALTER TABLE ... VALIDATE CONSTRAINT in a <sql> change of a later changeSet.',
  'add-foreign-key:addForeignKeyConstraint': 'Liquibase: set validate="false" on <addForeignKeyConstraint> (NOT VALID on PostgreSQL) and validate in a later changeSet.',
  'change-column-type:modifyDataType': 'Liquibase: <modifyDataType> has no online form; add a new column, backfill it and switch over in separate changeSets.',
  'mysql-table-copy:modifyDataType': 'Liquibase: <modifyDataType> generates ALTER TABLE ... MODIFY without ALGORITHM; use a <sql> change with ALGORITHM=INPLACE/INSTANT where MySQL allows it, or an online schema change tool.',
};

/** `migrasafe-ignore` comments of the document (`<!-- ... -->` or `# ...`), as SQL comments to replay. */
function ignoreComments(text: string): Array<{ body: string; range: Range }> {
  if (!text.includes('migrasafe-ignore')) return [];
  const out: Array<{ body: string; range: Range }> = [];
  for (const m of text.matchAll(/<!--\s*(migrasafe-ignore[\s\S]*?)\s*-->|(?:^|[ \t])#[ \t]*(migrasafe-ignore[^\n]*)/gm)) {
    // XML comments cannot hold `--`: there ` - ` separates the rules from the reason.
    const body = m[1] !== undefined ? m[1].replace(/\s+/g, ' ').replace(' - ', ' -- ') : m[2].trim();
    const start = m.index + m[0].indexOf('migrasafe-ignore');
    out.push({ body, range: { start, end: start + (m[1] ?? m[2]).length } });
  }
  return out;
}
