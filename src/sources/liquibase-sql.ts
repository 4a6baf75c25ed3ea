import path from 'node:path';
import type { Segment } from '../lint/lint-source.js';
import { listDir, readHead } from './fs-helpers.js';
import type { MigrationFile, MigrationSet } from './types.js';
import { engineNearChangelog } from './liquibase/engine-hint.js';

export const LIQUIBASE_HEADER = /^\s*--\s*liquibase\s+formatted\s+sql/i;
const CHANGESET = /^--\s*changeset\s+\S+/i;
// Markers the preprocessing leaves in place of rollback syntax (same length, so offsets hold).
const ROLLBACK_LINE = ';/*rbk*/  ';
const ROLLBACK_BLOCK = ';/*rbb*/';

/**
 * Makes a formatted-SQL changelog parseable without moving any offset:
 * - `--changeset` lines start with `;`, since Liquibase ends a statement at the next changeset
 *   even without a semicolon;
 * - `--rollback <sql>` lines become SQL (a `;` then spaces in place of the marker), and
 *   `/* liquibase rollback ... *\/` blocks lose their comment markers, so the rollback parses and
 *   the down rules can read it;
 * - a line holding only a changeset's `endDelimiter` becomes `;`.
 */
export function preprocessLiquibase(text: string): string {
  const lines = text.split(/(?<=\n)/);
  let delimiter: string | undefined;
  let inBlock = false;
  return lines
    .map((line) => {
      const body = line.replace(/\r?\n$/, '');
      const eol = line.slice(body.length);
      if (inBlock) {
        const close = body.indexOf('*/');
        if (close >= 0) {
          inBlock = false;
          return body.slice(0, close) + '; ' + body.slice(close + 2) + eol;
        }
        return line;
      }
      if (CHANGESET.test(body)) {
        delimiter = /\bendDelimiter:(\S+)/i.exec(body)?.[1];
        const m = /^--\s*changeset\s/i.exec(body)!;
        // Steal the whitespace after the keyword for the `;`.
        return ';' + body.slice(0, m[0].length - 1) + body.slice(m[0].length) + eol;
      }
      const rb = /^--\s*rollback\b/i.exec(body);
      if (rb) {
        const rest = body.slice(rb[0].length);
        const noOp = /^\s*(not required|empty)?\s*$/i.test(rest);
        const head = (ROLLBACK_LINE + ' '.repeat(rb[0].length)).slice(0, rb[0].length);
        return head + (noOp ? ' '.repeat(rest.length) : rest) + eol;
      }
      const block = /^\/\*\s*liquibase\s+rollback\b/i.exec(body);
      if (block) {
        inBlock = !body.includes('*/', block[0].length);
        const head = (ROLLBACK_BLOCK + ' '.repeat(block[0].length)).slice(0, block[0].length);
        const rest = body.slice(block[0].length);
        return head + (inBlock ? rest : rest.replace('*/', '; ')) + eol;
      }
      if (delimiter && body.trim() === delimiter) return ';' + ' '.repeat(Math.max(0, body.length - 1)) + eol;
      return line;
    })
    .join('');
}

/**
 * One `up` segment per changeset (in a transaction unless `runInTransaction:false`), and `down`
 * segments over the rollback lines and blocks. Down segments come first so they win where they
 * overlap their changeset. Works on the preprocessed text.
 */
export function liquibaseSegments(text: string): Segment[] {
  const ups: Segment[] = [];
  const downs: Segment[] = [];
  let offset = 0;
  let current: Segment | undefined;
  let blockDown: Segment | undefined;
  for (const line of text.split(/(?<=\n)/)) {
    const start = offset;
    offset += line.length;
    if (/^;--\s*changeset/i.test(line) || CHANGESET.test(line)) {
      if (current) current.range.end = start;
      if (blockDown) blockDown.range.end = start;
      blockDown = undefined;
      const runInTransaction = !/\brunInTransaction:false\b/i.test(line);
      const split = !/\bsplitStatements:false\b/i.test(line);
      current = { range: { start, end: text.length }, direction: 'up', toolTransaction: runInTransaction, implicitTransaction: !runInTransaction && !split };
      ups.push(current);
      continue;
    }
    if (!current && ups.length === 0) {
      current = { range: { start: 0, end: text.length }, direction: 'up', toolTransaction: false };
      ups.push(current);
    }
    if (line.startsWith(ROLLBACK_BLOCK)) {
      blockDown = { range: { start, end: text.length }, direction: 'down', toolTransaction: current?.toolTransaction ?? false };
      downs.push(blockDown);
    } else if (line.startsWith(ROLLBACK_LINE.trimEnd())) {
      const prev = downs[downs.length - 1];
      if (prev && prev !== blockDown && prev.range.end === start) prev.range.end = offset;
      else downs.push({ range: { start, end: offset }, direction: 'down', toolTransaction: current?.toolTransaction ?? false });
    }
  }
  return [...downs, ...ups];
}

export function isLiquibaseFormatted(filePath: string): boolean {
  return LIQUIBASE_HEADER.test(readHead(filePath, 200));
}

/**
 * Liquibase formatted SQL: files that start with `--liquibase formatted sql`, applied in name order
 * (as `includeAll` does). Each changeset runs in its own transaction unless
 * `runInTransaction:false`; rollbacks live in `--rollback` lines or blocks.
 */
export function loadLiquibaseSqlSet(dir: string): MigrationSet {
  // includeAll takes every file in alphabetical order; a .sql file without the header is raw SQL,
  // run as one changeset (in a transaction).
  const names = listDir(dir).filter((n) => n.toLowerCase().endsWith('.sql'));
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let anyRollback = false;
  const files: MigrationFile[] = names.map((n) => {
    const p = path.join(dir, n);
    const description = n.replace(/\.sql$/i, '').replace(/^\d+[_-]?/, '');
    if (!isLiquibaseFormatted(p)) return { path: p, role: 'up', description, toolTransaction: true };
    if (/^--\s*rollback\b|^\/\*\s*liquibase\s+rollback/im.test(readHead(p, 1 << 20))) anyRollback = true;
    return { path: p, role: 'up', description, toolTransaction: true, preprocess: preprocessLiquibase, segments: liquibaseSegments };
  });
  const engine = engineNearChangelog(path.join(dir, 'changelog.sql'));
  return { root: dir, tool: 'liquibase', ...(engine ? { engine } : {}), files, downs: anyRollback ? 'sections' : 'none', evidence: '--liquibase formatted sql headers' };
}
