import { readFileSync } from 'node:fs';
import { LineIndex } from '../../core/line-index.js';
import type { Diagnostic, Location } from '../../core/types.js';
import type { Segment } from '../../lint/lint-source.js';
import type { LoadedMigration } from '../types.js';
import { codeDirectives, type CodeDirective } from './ignore-comments.js';
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

/** A piece of the generated SQL text: a recorded query, or a copy of an ignore comment of the file. */
interface Placed {
  start: number;
  end: number;
  site?: Site;
  /** The query's SQL (absent for ignore comments). */
  sql?: string;
  /** The ignore comment this piece copies. */
  directive?: number;
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
 * in the file) and suggestions keep their SQL without edits. The file's `// migrasafe-ignore`
 * comments are copied in front of the queries they cover, so SQL suppressions apply unchanged.
 */
export function buildLoadedMigration(rec: Recording): LoadedMigration {
  let source = '';
  try {
    source = readFileSync(rec.file, 'utf8');
  } catch {
    // the file vanished since it was loaded: positions stay on line 1
  }
  const directives = codeDirectives(source);
  let text = '';
  const placed: Placed[] = [];
  const copies = new Map<number, number>();
  const copy = (d: CodeDirective) => {
    const start = text.length;
    text += `-- ${d.body}\n`;
    placed.push({ start, end: text.length, site: d.site, directive: d.id });
    copies.set(d.id, (copies.get(d.id) ?? 0) + 1);
  };
  directives.filter((d) => d.file).forEach(copy);
  const place = (q: RecordedQuery) => {
    const line = q.site?.line;
    if (line !== undefined) directives.filter((d) => !d.file && line >= d.from && line <= d.to).forEach(copy);
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
    code: 'migration-tool',
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
      code: 'migration-tool',
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
    const q = placed.find((p) => p.sql !== undefined && at >= p.start && at <= p.end);
    return q?.site ? `line ${q.site.line}` : `line ${line} of the generated SQL`;
  };
  const queries = placed.filter((p) => p.sql !== undefined);
  const toSource = (diagnostics: Diagnostic[]): Diagnostic[] => {
    // An ignore comment copied in front of several queries is unused only when every copy is.
    const unusedCopies = new Map<string, number>();
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
      const at = d.location.range.start;
      let piece = placed.find((p) => at >= p.start && at < p.end) ?? placed.find((p) => p.sql !== undefined && at >= p.end && at < p.end + 2);
      // A statement's range may start at the ignore comment copied in front of it.
      if (piece?.directive !== undefined && d.ruleId !== 'unused-ignore') piece = queries.find((p) => p.start >= piece!.end) ?? piece;
      if (piece?.directive !== undefined) {
        const key = `${piece.directive}\0${d.message}`;
        const seen = (unusedCopies.get(key) ?? 0) + 1;
        unusedCopies.set(key, seen);
        if (d.ruleId === 'unused-ignore' && seen < copies.get(piece.directive)!) continue;
        const { fix: _fix, ...rest } = d;
        out.push({ ...rest, location: locate(piece.site, 'up') });
        continue;
      }
      const q = piece ?? (at >= upEnd ? queries.find((p) => p.start >= upEnd) : queries[0]);
      const direction = q && q.start >= upEnd ? 'down' : 'up';
      const { fix: _fix, ...rest } = d;
      out.push({
        ...rest,
        message: q?.sql ? `${d.message.replace(/\bline (\d+)\b/g, (_m, n: string) => sourceLine(n))} [SQL generated by Knex${direction === 'down' ? ' (down)' : ''}: ${oneLine(q.sql)}]` : d.message,
        location: locate(q?.site, direction),
        suggestions: d.suggestions?.map(({ edits: _edits, ...sg }) => sg),
      });
    }
    return out;
  };

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
