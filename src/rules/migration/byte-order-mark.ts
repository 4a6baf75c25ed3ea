import type { ToolName } from '../../sources/types.js';
import type { Rule } from '../types.js';

/**
 * Tools that drop a leading UTF-8 byte order mark before the server sees the SQL: Flyway
 * (BomStrippingReader), Liquibase (BomAwareInputStream), sqitch (runs psql, which skips it;
 * checked with psql 15).
 */
const STRIPS_BOM = new Set<ToolName>(['flyway', 'liquibase', 'sqitch']);
/** Tools known to send the file's text as it is (golang-migrate: io.ReadAll, then one Exec). */
const SENDS_AS_IS = new Set<ToolName>(['golang-migrate']);

export const byteOrderMark: Rule = {
  meta: {
    id: 'byte-order-mark',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'correctness',
    defaultLevel: 'warn',
    description: 'A file that starts with a UTF-8 byte order mark: a tool that sends the file as it is makes the server reject the first statement.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkFile(ctx) {
    const { text } = ctx.file;
    if (text.charCodeAt(0) !== 0xfeff) return;
    const tool = ctx.migration?.tool;
    if (tool && STRIPS_BOM.has(tool)) return;
    const first = ctx.file.parsed.statements.find((st) => st.kind !== 'meta');
    const word = first ? first.text.trimStart().split(/\s/)[0] : '';
    ctx.report({
      // The statement the server rejects; the fix removes the mark itself.
      range: first?.range ?? { start: 0, end: 1 },
      message: `This file starts with a UTF-8 byte order mark (U+FEFF, the bytes EF BB BF). ${tool && SENDS_AS_IS.has(tool) ? `${tool} sends the file to the server as it is, so` : 'Unless the tool that runs it drops the mark (psql, Flyway and Liquibase do; golang-migrate does not),'} ${ctx.engine === 'postgres' ? 'PostgreSQL' : 'the server'} rejects the first statement (syntax error at or near "\uFEFF${word}"): the mark is not SQL. Save the file as UTF-8 without BOM (run with --fix).`,
      why: 'Editors that add the mark (Visual Studio, older Notepad, Windows PowerShell 5) hide it, so the error points at a statement that looks correct.',
      fix: { title: 'Remove the byte order mark', edits: [{ range: { start: 0, end: 1 }, text: '' }], safe: true },
    });
  },
};
