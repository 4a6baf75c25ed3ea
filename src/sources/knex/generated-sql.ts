import { readFileSync } from 'node:fs';
import { LineIndex } from '../../core/line-index.js';
import type { Diagnostic, Location } from '../../core/types.js';
import type { Segment } from '../../lint/lint-source.js';
import type { LoadedMigration } from '../types.js';
import type { Site } from './load-module.js';

/** One query Knex would have sent, and the line of the migration that made it. */
export interface RecordedQuery {
  sql: string;
  site?: Site;
}

/** What recording one migration file produced. */
export interface Recording {
  file: string;
  up: RecordedQuery[];
  down: RecordedQuery[];
  /** Knex runs this migration in a transaction (`config.transaction`, else not `disableTransactions`). */
  transaction: boolean;
  problems: Array<{ direction?: 'up' | 'down'; message: string; site?: Site }>;
  hasUp: boolean;
  hasDown: boolean;
}

/** A recorded query's place in the generated SQL text. */
interface Placed extends RecordedQuery {
  start: number;
  end: number;
}

/** The statement as SQL text on its own: a terminator added when Knex's SQL has none. */
function terminated(sql: string): string {
  const body = sql.trimEnd();
  if (body.endsWith(';')) return body;
  // A trailing line comment would swallow the `;`.
  const lastLine = body.slice(body.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${body}\n;` : `${body};`;
}

const oneLine = (sql: string, max = 240) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * The linter's view of a recorded Knex migration: the up queries then the down queries as one SQL
 * text (two segments, each in Knex's transaction mode for the file), and a position map from
 * every query's text back to the line of the migration that made it. Findings move there with
 * the generated SQL quoted in their message; fixes are dropped (they would edit SQL that is not
 * in the file) and suggestions keep their SQL without edits.
 */
export function buildLoadedMigration(rec: Recording): LoadedMigration {
  let text = '';
  const placed: Placed[] = [];
  const place = (q: RecordedQuery) => {
    const start = text.length;
    text += terminated(q.sql);
    placed.push({ ...q, start, end: text.length });
    text += '\n\n';
  };
  rec.up.forEach(place);
  const upEnd = text.length;
  rec.down.forEach(place);
  const segments: Segment[] = [
    { range: { start: 0, end: upEnd }, direction: 'up', toolTransaction: rec.transaction },
    { range: { start: upEnd, end: Math.max(text.length, upEnd + 1) }, direction: 'down', toolTransaction: rec.transaction },
  ];

  let source = '';
  try {
    source = readFileSync(rec.file, 'utf8');
  } catch {
    // the file vanished since it was loaded: positions stay on line 1
  }
  const lines = new LineIndex(source);
  /** The whole source line of a site, from its column (editors underline the Knex call). */
  const locate = (site: Site | undefined, direction: 'up' | 'down'): Location => {
    const at = site ?? functionSite(source, direction);
    const start = lines.offset(at);
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    return lines.location({ start, end: Math.max(end, start) });
  };

  const problems: Diagnostic[] = rec.problems.map((p) => ({
    ruleId: null,
    level: 'error',
    fatal: true,
    message: p.direction
      ? `Knex migration failed while recording exports.${p.direction}: ${p.message}. The SQL recorded before the failure is still linted.`
      : `Knex migration could not be loaded: ${p.message}`,
    location: locate(p.site, p.direction ?? 'up'),
  }));
  if (rec.problems.length === 0 && !(rec.hasUp && rec.hasDown)) {
    problems.push({
      ruleId: null,
      level: 'error',
      fatal: true,
      message: `Knex refuses this migration: it must export both an up and a down function (Knex's "Invalid migration: ... must have both an up and down function"); it exports ${[rec.hasUp && 'up', rec.hasDown && 'down'].filter(Boolean).join(' and ') || 'neither'}.`,
      location: locate(undefined, 'up'),
    });
  }

  // Messages that name a line of the generated SQL ("the lock taken on line 3") name the migration's line instead.
  const generatedLines = new LineIndex(text);
  const sourceLine = (line: string) => {
    const at = generatedLines.offset({ line: Number(line), column: 1 });
    const q = placed.find((p) => at >= p.start && at <= p.end);
    return q?.site ? `line ${q.site.line}` : `line ${line} of the generated SQL`;
  };
  const toSource = (diagnostics: Diagnostic[]): Diagnostic[] =>
    diagnostics.map((d) => {
      const at = d.location.range.start;
      const q = placed.find((p) => at >= p.start && at < p.end + 2) ?? (at >= upEnd ? placed.find((p) => p.start >= upEnd) : placed[0]);
      const direction = q && q.start >= upEnd ? 'down' : 'up';
      const { fix: _fix, ...rest } = d;
      return {
        ...rest,
        message: q ? `${d.message.replace(/\bline (\d+)\b/g, (_m, n: string) => sourceLine(n))} [SQL generated by Knex${direction === 'down' ? ' (down)' : ''}: ${oneLine(q.sql)}]` : d.message,
        location: locate(q?.site, direction),
        suggestions: d.suggestions?.map(({ edits: _edits, ...sg }) => sg),
      };
    });

  return { text, segments, toSource, problems };
}

/** Where `exports.up`/`export async function up`/`up:` is defined, for findings without a call site. */
function functionSite(source: string, direction: 'up' | 'down'): Site {
  const m = new RegExp(`\\b(?:exports\\.${direction}\\b|function\\s+${direction}\\b|(?:const|let|var)\\s+${direction}\\b|${direction}\\s*[:(])`).exec(source);
  if (!m) return { line: 1, column: 1 };
  const before = source.slice(0, m.index);
  const line = before.split('\n').length;
  return { line, column: m.index - before.lastIndexOf('\n') };
}
