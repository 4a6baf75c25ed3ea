import { LineIndex } from '../../core/line-index.js';
import type { Statement } from '../../core/statement.js';
import { checkRevert, statementTouches, type RevertDifference } from '../helpers/revert-check.js';
import { bySegment, migrationParts, reportRange, type MigrationParts } from '../helpers/migration-parts.js';
import type { FileContext, Rule } from '../types.js';

const SHOWN = 5;


/**
 * The rollback's statements in the order the tool runs them: a down file as written; in-file
 * rollbacks (Liquibase changesets, dbmate sections) last changeset first, each as written.
 */
function downGroups(ctx: FileContext, parts: MigrationParts): Statement[][] {
  if (parts.downSource !== 'sections') return [parts.down];
  const groups = bySegment(ctx.file, parts.down);
  return [...groups.keys()].sort((a, b) => b - a).map((k) => groups.get(k)!);
}

/**
 * In a file of several changeSets (Liquibase), each has its own rollback, written inside it. Only
 * the changeSets that have one are judged: rolling back one without a rollback fails outright,
 * which is `missing-down-migration`'s finding, not a schema that drifts.
 */
function upsWithRollback(ctx: FileContext, parts: MigrationParts): Statement[] {
  if (parts.downSource !== 'sections') return parts.up;
  const owners = new Set<number>();
  let u = 0;
  for (const d of parts.down) {
    // The changeSet a rollback statement belongs to: the one of the last up statement before it.
    while (u + 1 < parts.up.length && parts.up[u + 1].range.start < d.range.start) u++;
    if (parts.up[u] && parts.up[u].range.start < d.range.start) owners.add(ctx.file.segmentIndex(parts.up[u]));
  }
  return parts.up.filter((st) => owners.has(ctx.file.segmentIndex(st)));
}

const real = (parsed: { statements: Statement[] }) => parsed.statements.filter((st) => st.kind !== 'meta');

/**
 * Parts of one generated change (Ory's pop files): each part's down file reverts some other part,
 * so the parts are judged together, from the first one: every up in order, then every down, last
 * part first, as `migrate down` rolls them back.
 */
function checkGroup(ctx: FileContext): boolean {
  const group = ctx.migration!.group!;
  // A part without any down file is `missing-down-migration`'s; the others are paired one by one.
  if (!group.everyPartHasDown) return false;
  if (group.position !== 0 || !ctx.schemaBefore) return true;
  const members = group.load();
  if (members.length !== group.size) return true;
  const up = members.flatMap((m) => real(m.up));
  const downs = [...members].reverse().map((m) => (m.down ? real(m.down.parsed) : []));
  const verdict = checkRevert(ctx.schemaBefore, up, downs, ctx.engine);
  if (verdict.kind !== 'differs') return true;
  const name = (p: string) => p.split(/[\\/]/).pop()!;
  const shown = verdict.differences.slice(0, SHOWN).map((d) => d.message).join('; ') + (verdict.differences.length > SHOWN ? `; and ${verdict.differences.length - SHOWN} more` : '');
  const first = real(ctx.file.parsed)[0];
  ctx.report({
    range: first ? { start: first.range.start, end: first.range.end } : { start: 0, end: 0 },
    message: `Rolling back the ${members.length} parts of this change (${name(members[0].path)} to ${name(members[members.length - 1].path)}) with their down files, last part first, does not return the schema to where it was: ${shown}. Make the downs the exact inverse of the ups.`,
    why: 'After a rollback the database must match the previous release, or the next deploy meets a schema nobody tested.',
  });
  return true;
}

export const downDoesNotRevert: Rule = {
  meta: {
    id: 'down-does-not-revert',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'correctness',
    defaultLevel: 'warn',
    description: 'Replaying the up and then its down does not bring the schema back to where it was (tables, columns with type, nullability and default, indexes, constraints, enums, views, renames).',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
    usesSchemaBefore: true,
  },
  checkFile(ctx) {
    if (!ctx.migration || ctx.migration.role !== 'up' || !ctx.schemaBefore) return;
    if (ctx.migration.group && checkGroup(ctx)) return;
    const all = migrationParts(ctx);
    const parts = { ...all, up: upsWithRollback(ctx, all) };
    if (parts.down.length === 0 || parts.up.length === 0) return;
    const verdict = checkRevert(ctx.schemaBefore, parts.up, downGroups(ctx, parts), ctx.engine);
    if (verdict.kind === 'reverts' || verdict.kind === 'skipped') return;
    // Line numbers in the rollback: of the down file, or of this file for in-file sections.
    const downLines = new LineIndex(parts.downSource === 'file' ? ctx.migration.pair!.text : ctx.file.text);
    const downName = parts.downSource === 'file' ? parts.downPath!.split(/[\\/]/).pop()! : 'the down section';
    const upLines = new LineIndex(ctx.file.text);
    const describe = (d: RevertDifference) => {
      const last = [...parts.down].reverse().find((st) => statementTouches(st, d));
      return last ? `${d.message} (${downName} line ${downLines.position(last.range.start).line})` : d.message;
    };
    const list = (ds: RevertDifference[]) => ds.slice(0, SHOWN).map(describe).join('; ') + (ds.length > SHOWN ? `; and ${ds.length - SHOWN} more` : '');
    const where = parts.downSource === 'file' ? `its down file ${downName}` : 'its down section';
    if (verdict.kind === 'unknown') {
      // The replay could not follow a statement: say what may be wrong, never claim it.
      if (verdict.differences.length === 0) return;
      const line = (parts.down.includes(verdict.statement) ? downLines : upLines).position(verdict.statement.range.start).line;
      const file = parts.down.includes(verdict.statement) && parts.downSource === 'file' ? downName : 'this file';
      ctx.report({
        range: reportRange(parts),
        level: 'info',
        message: `Cannot tell whether ${where} reverts this migration: ${verdict.reason} (${file} line ${line}) changes the schema in a way the replay cannot follow. Without it, the down would leave: ${list(verdict.differences)}.`,
        why: 'The check replays the up and the down; code that builds or hides its DDL cannot be replayed, so this is a question, not a finding.',
      });
      return;
    }
    const first = verdict.differences[0];
    const at = parts.up.find((st) => statementTouches(st, first)) ?? parts.up[0];
    ctx.report({
      range: { start: at.range.start, end: at.range.end },
      message: `Rolling this migration back with ${where} does not return the schema to where it was: ${list(verdict.differences)}. Make the down the exact inverse of the up, or a later re-run of the up fails and the schema drifts from the one the previous release was tested on.`,
      why: 'After a rollback the database must match the previous release, or the next deploy meets a schema nobody tested.',
    });
  },
};
