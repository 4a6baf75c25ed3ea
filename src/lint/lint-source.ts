import { LineIndex } from '../core/line-index.js';
import { compareRuleIds } from '../core/diagnostic-order.js';
import type { Operation } from '../core/operations.js';
import type { ParsedSource, Statement } from '../core/statement.js';
import type { Diagnostic, Engine, Level, Range } from '../core/types.js';
import type { Version } from '../engines/version.js';
import type { Origin } from '../schema/catalog.js';
import { Catalog } from '../schema/replay.js';
import type { AnyRule, FileInfo, MigrationInfo, ReportInput, TransactionState } from '../rules/types.js';
import { computeSessionStates } from './session-state.js';
import { pendingPlan } from './plan-snapshot.js';
import { isSuppressed, parseDirectives } from './suppressions.js';

export interface ResolvedRule {
  rule: AnyRule;
  level: Exclude<Level, 'off'>;
  options: Record<string, unknown>;
}

/** A part of a file with its own direction and transaction handling (dbmate sections, changesets). */
export interface Segment {
  range: Range;
  direction: 'up' | 'down';
  /** The migration tool runs this segment inside one transaction. */
  toolTransaction: boolean;
  /**
   * The tool sends the segment to the server as one multi-statement query string (golang-migrate,
   * Prisma, dbmate with `transaction:false`). PostgreSQL runs such a string as one implicit
   * transaction when it holds more than one statement and no transaction control of its own; a
   * lone statement runs on its own (so `CREATE INDEX CONCURRENTLY` alone in a file is fine).
   */
  implicitTransaction?: boolean;
  /**
   * Transaction and settings carry over from the previous segment (one session over several
   * migrations, as in Alembic's offline `--sql` output) instead of starting afresh.
   */
  continuesSession?: boolean;
  /**
   * Already deployed: a Liquibase changeSet the base branch has (its file only gained new
   * changeSets). Replayed into the schema as existing objects; its statements are not checked.
   */
  applied?: boolean;
}

/** Whether a segment's statements run in a transaction the tool (or the server, implicitly) opens. */
export function segmentRunsInTransaction(seg: Segment, statements: readonly Statement[], engine: Engine): boolean {
  if (seg.toolTransaction) return true;
  if (!seg.implicitTransaction || engine !== 'postgres') return false;
  const real = statements.filter((st) => st.kind !== 'meta');
  return real.length > 1 && !real.some((st) => st.ops.some((op) => op.kind === 'transaction'));
}

export interface LintSourceInput {
  filePath: string;
  text: string;
  parsed: ParsedSource;
  engine: Engine;
  version: Version;
  rules: readonly ResolvedRule[];
  /** Defaults to one `up` segment over the whole file, not wrapped by a tool. */
  segments?: Segment[];
  /**
   * The schema before this file; replayed forward statement by statement (the caller keeps the
   * object, which holds the schema after the file when this returns). Defaults to empty.
   */
  catalog?: Catalog;
  /** Origin recorded for objects this file creates. */
  origin?: Origin;
  /** Every rule id that exists (ignore comments naming others are reported). Defaults to `rules`. */
  knownRuleIds?: ReadonlySet<string>;
  /** The migration tool's view of the file (role, rollback pair), for file-level migration rules. */
  migration?: MigrationInfo;
}

/** Runs every rule over one parsed file. Never throws for bad SQL: parse errors become fatal messages. */
/**
 * What is checked inside a DO block: what a statement does to a table (locks, rewrites, data,
 * breaking changes). Not existence (`unknown-object`: blocks guard their DDL with IF EXISTS
 * checks the catalog cannot evaluate), transactions (the block is one statement) or style
 * (`prefer-robust-statements` would ask for IF NOT EXISTS where the block's guard does that).
 */
const DO_BLOCK_CATEGORIES = new Set(['locking', 'rewrite', 'data-loss', 'breaking', 'data']);

/**
 * A finding on a statement inside a DO block: no suggested rewrite and no fix that edits the
 * block's body (it would change code that runs in one transaction, under the block's
 * conditions); a fix before the block (SET lock_timeout) is kept, and so is the plan's command.
 */
function inDoBlock(r: ReportInput, block: Statement): ReportInput {
  const fix = r.fix?.edits.every((e) => e.range.end <= block.range.start) ? r.fix : undefined;
  return { ...r, fix, suggestions: undefined, plan: r.plan ? { ...r.plan, firstPhase: false } : undefined, message: `${r.message} (Inside a DO block, which runs as one statement in one transaction${fix ? '' : ': no automatic fix'}.)` };
}

export function lintSource(input: LintSourceInput): Diagnostic[] {
  const lintInput = input;
  const { text, parsed, rules } = input;
  const lines = new LineIndex(text);
  const statements = parsed.statements;
  const segments = input.segments ?? [{ range: { start: 0, end: text.length }, direction: 'up', toolTransaction: false }];
  // Looked up once per statement: rules ask for every statement, and a Liquibase changelog has thousands of segments.
  const segmentIndexOf = new Map<Statement, number>();
  // Sorted, disjoint segments (every tool's) are binary-searched: a linear search per statement
  // grew with the square of a large changelog.
  const sorted = segments.every((s, k) => k === 0 || s.range.start >= segments[k - 1].range.end);
  const indexOf = (st: Statement): number => {
    let k = segmentIndexOf.get(st);
    if (k === undefined) {
      k = Math.max(0, sorted ? segmentAt(segments, st.range.start) : segments.findIndex((s) => st.range.start >= s.range.start && st.range.start < s.range.end));
      segmentIndexOf.set(st, k);
    }
    return k;
  };
  const segmentOf = (st: Statement) => segments[indexOf(st)];
  const catalog = input.catalog ?? new Catalog(false);
  catalog.beginFile(input.engine);
  const origin = input.origin ?? 'file';
  const file: FileInfo = {
    path: input.filePath,
    text,
    parsed,
    comments: parsed.comments,
    direction: (st) => segmentOf(st).direction,
    segmentIndex: indexOf,
  };

  // Transaction and settings state, computed per segment (each runs as its own migration).
  const txBefore: TransactionState[] = [];
  const settingsBefore: ReturnType<typeof computeSessionStates>['before'] = [];
  let finalTransaction: TransactionState = { inTransaction: false, source: 'none' };
  let carried: ReturnType<typeof computeSessionStates>['end'] | undefined;
  const bySegment = segments.map((): Statement[] => []);
  for (const st of statements) bySegment[indexOf(st)].push(st);
  for (const [si, seg] of segments.entries()) {
    const inSeg = bySegment[si];
    const { before, after, end } = computeSessionStates(inSeg, segmentRunsInTransaction(seg, inSeg, input.engine), seg.continuesSession ? carried : undefined);
    carried = end;
    inSeg.forEach((st, k) => {
      txBefore[st.index] = before[k].transaction;
      settingsBefore[st.index] = before[k];
    });
    if (seg.direction === 'up') finalTransaction = after.transaction;
  }
  const transactionAt = (index: number): TransactionState => txBefore[index] ?? { inTransaction: false, source: 'none' };

  const raw: Array<Diagnostic & { statementIndex?: number }> = [];
  const push = (rr: ResolvedRule, input: ReportInput & { op?: Operation }, statement?: Statement) => {
    const range = input.range ?? input.op?.range ?? statement?.range ?? { start: 0, end: 0 };
    // The plan's first phase is built after the lint, from what the schema says now.
    const plan = input.plan && statement ? pendingPlan(input.plan, { engine: lintInput.engine, version: lintInput.version, schema: catalog, statement, transaction: transactionAt(statement.index) }) : undefined;
    raw.push({
      ruleId: rr.rule.meta.id,
      level: input.level ?? rr.level,
      message: input.message,
      why: input.why,
      location: lines.location(range),
      fix: input.fix,
      // A suggestion without its own edits replaces the whole statement (the editor's "insert the safe rewrite").
      suggestions: input.suggestions?.map((sg) =>
        sg.edits || !statement ? sg : { ...sg, edits: [{ range: { start: statement.range.start, end: statement.terminatorEnd }, text: sg.sql }] },
      ),
      planCommand: input.planCommand ?? plan?.planCommand,
      ...(plan?.pendingPlan ? { pendingPlan: plan.pendingPlan } : {}),
      statementIndex: statement?.index,
    });
  };

  // A crashing rule is a bug in migrasafe: report it on the statement and keep going.
  const guard = (rr: ResolvedRule, st: Statement | undefined, run: () => void) => {
    try {
      run();
    } catch (error) {
      raw.push({
        ruleId: null,
        code: 'internal-error',
        level: 'error',
        fatal: true,
        message: `Internal error in rule ${rr.rule.meta.id} (please report it): ${error instanceof Error ? error.message : String(error)}`,
        location: lines.location(st?.range ?? { start: 0, end: 0 }),
      });
    }
  };

  const applicable = rules.filter((r) => r.rule.meta.engines.includes(input.engine));
  const insideDoBlock = applicable.filter((r) => DO_BLOCK_CATEGORIES.has(r.rule.meta.category));
  // Only an up migration with a rollback needs the schema before it kept (a copy costs a replay).
  const hasRollback = !!input.migration?.pair || !!input.migration?.group || segments.some((s) => s.direction === 'down');
  const schemaBefore = hasRollback && input.migration?.role === 'up' && applicable.some((r) => r.rule.meta.usesSchemaBefore && r.rule.checkFile) ? catalog.clone() : undefined;
  /** Runs the statement rules on a statement (or one of a DO block's, `block`) against `schema`. */
  const check = (rules: readonly ResolvedRule[], statement: Statement, schema: Catalog, report: (rr: ResolvedRule, r: ReportInput) => void, block?: Statement) => {
    for (const rr of rules) {
      if (!rr.rule.checkStatement) continue;
      guard(rr, statement, () => rr.rule.checkStatement!({
        engine: input.engine,
        version: input.version,
        options: rr.options,
        file,
        statement,
        ...(block ? { block } : {}),
        statements,
        transaction: transactionAt(statement.index),
        settings: settingsBefore[statement.index].settings,
        schema,
        transactionAt,
        report: (r) => report(rr, r),
      }));
    }
  };
  for (const st of statements) {
    if (st.kind === 'unparsed' && st.error?.recovered && segmentOf(st).direction === 'up') {
      raw.push({
        ruleId: null,
        code: 'parser-gap',
        level: 'info',
        message: `Parser gap: ${st.error.message} (statement ${st.index + 1}, ${st.statementType}); read by the token classifier instead, rules still checked it.`,
        location: lines.location(st.error.range),
      });
    } else if (st.kind === 'unparsed' && st.error && segmentOf(st).direction === 'up') {
      // Rollback SQL that does not parse is the `down-migration-invalid` rule's finding, not a fatal error.
      raw.push({
        ruleId: null,
        code: 'parse-error',
        level: 'error',
        fatal: true,
        message: `Parse error: ${st.error.message} (statement ${st.index + 1}, ${st.statementType || 'unknown'}); the rest of the file is still linted.`,
        location: lines.location(st.error.range),
      });
    }
    if (segmentOf(st).direction === 'up' && st.kind !== 'meta' && !segmentOf(st).applied) {
      check(applicable, st, catalog, (rr, r) => push(rr, r, st));
      if (st.inner) {
        // A DO block's statements, against a copy of the schema that they build on in turn (a
        // table the block creates is new to the index it creates next). The catalog itself
        // stays where it was: whether the block's conditions let them run is only known then.
        const blockSchema = catalog.clone();
        for (const inner of st.inner) {
          check(insideDoBlock, inner, blockSchema, (rr, r) => push(rr, inDoBlock(r, st), inner), st);
          blockSchema.applyStatement(inner, origin);
        }
      }
    }
    if (segmentOf(st).direction === 'up') catalog.applyStatement(st, segmentOf(st).applied ? 'before' : origin);
  }
  for (const rr of applicable) {
    if (!rr.rule.checkFile) continue;
    guard(rr, undefined, () => rr.rule.checkFile!({
      engine: input.engine,
      version: input.version,
      options: rr.options,
      file,
      migration: input.migration,
      schemaBefore: rr.rule.meta.usesSchemaBefore ? schemaBefore : undefined,
      finalTransaction,
      transactionAt,
      report: (r) => push(rr, r),
    }));
  }

  return applySuppressions(text, parsed, raw, lines, rules, input.knownRuleIds ?? new Set(rules.map((r) => r.rule.meta.id)));
}

/** The index of the segment holding `offset` in sorted, disjoint segments, or -1 (as `findIndex`). */
function segmentAt(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].range.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = segments[lo];
  return s && offset >= s.range.start && offset < s.range.end ? lo : -1;
}

function applySuppressions(
  text: string,
  parsed: ParsedSource,
  raw: Array<Diagnostic & { statementIndex?: number }>,
  lines: LineIndex,
  rules: readonly ResolvedRule[],
  knownRuleIds: ReadonlySet<string>,
): Diagnostic[] {
  const { directives, problems } = parseDirectives(text, parsed.comments, parsed.statements);
  const kept: Diagnostic[] = [];
  for (const d of raw) {
    const { statementIndex, ...diag } = d;
    if (diag.ruleId && isSuppressed(directives, diag.ruleId, statementIndex)) continue;
    kept.push(diag);
  }
  const unused = rules.find((r) => r.rule.meta.id === 'unused-ignore');
  if (unused) {
    for (const p of problems) {
      kept.push({ ruleId: 'unused-ignore', level: unused.level, message: p.message, location: lines.location(p.range) });
    }
    const enabled = new Set(rules.map((r) => r.rule.meta.id));
    for (const d of directives) {
      const unknown = d.rules.filter((r) => r !== 'all' && !knownRuleIds.has(r));
      if (unknown.length) {
        kept.push({ ruleId: 'unused-ignore', level: unused.level, message: `Unknown rule ${unknown.map((r) => `\`${r}\``).join(', ')} in an ignore comment; run \`migrasafe rules\` for the ids.`, location: lines.location(d.range) });
      }
      // An ignore for a rule this configuration turns off may matter under another one: not reported.
      const idle = d.rules.filter((r) => !d.used.has(r) && r !== 'all' && enabled.has(r));
      if (idle.length === 0 || (d.rules.includes('all') && d.used.size > 0)) continue;
      const removeAll = idle.length === d.rules.length;
      kept.push({
        ruleId: 'unused-ignore',
        level: unused.level,
        message: `Unused ignore for ${idle.map((r) => `\`${r}\``).join(', ')}: nothing ${d.scope === 'file' ? 'in this file' : 'on the next statement'} was reported by ${idle.length > 1 ? 'these rules' : 'this rule'}. Remove it so it cannot hide a future problem.`,
        location: lines.location(d.range),
        fix: removeAll ? { title: 'Remove the unused ignore comment', safe: true, edits: [{ range: lineRange(text, d.range), text: '' }] } : undefined,
      });
    }
  }
  return kept.sort((a, b) => a.location.range.start - b.location.range.start || compareRuleIds(a, b));
}

/** The comment's range, widened to its whole line when nothing else is on it. */
function lineRange(text: string, range: Range): Range {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', range.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, range.start);
  const after = text.slice(range.end, lineEnd);
  if (before.trim() === '' && after.trim() === '') return { start: lineStart, end: Math.min(lineEnd + 1, text.length) };
  return range;
}
