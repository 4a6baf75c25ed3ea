import type { ParsedSource } from '../../core/statement.js';
import type { Rule } from '../types.js';

/** The file's SQL without comments, whitespace collapsed: equal when only comments or layout changed. */
function normalized(text: string, parsed: ParsedSource): string {
  let out = '';
  let at = 0;
  for (const c of [...parsed.comments].sort((a, b) => a.range.start - b.range.start)) {
    if (c.range.start < at) continue;
    out += text.slice(at, c.range.start) + ' ';
    at = c.range.end;
  }
  out += text.slice(at);
  return out.replace(/\s+/g, ' ').replace(/\s*([(),;])\s*/g, '$1').trim();
}

/** Offset of the first line that differs between the base and the current text. */
function firstChange(base: string, current: string): number {
  const a = base.split('\n');
  const b = current.split('\n');
  let offset = 0;
  for (let i = 0; i < b.length; i++) {
    if (a[i] !== b[i]) return offset;
    offset += b[i].length + 1;
  }
  return Math.max(0, current.length - 1);
}

export const modifiedAppliedMigration: Rule = {
  meta: {
    id: 'modified-applied-migration',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'release',
    defaultLevel: 'error',
    description: 'A migration file that exists on the base branch (already applied somewhere) was edited; write a new migration instead.',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkRelease(ctx) {
    if (!ctx.git) return;
    for (const file of ctx.files) {
      if (file.status !== 'modified' || file.baseText === undefined || file.baseText === file.text) continue;
      // Liquibase appends new changeSets to existing changelogs: only an edit of a deployed one is a change.
      if (ctx.tool === 'liquibase' && file.text.startsWith(file.baseText.trimEnd())) continue;
      const at = firstChange(file.baseText, file.text);
      const cosmetic = !!file.baseParsed && normalized(file.baseText, file.baseParsed) === normalized(file.text, file.parsed);
      if (cosmetic) {
        ctx.report({
          file: file.path,
          range: { start: at, end: at },
          level: 'warn',
          message: `${file.displayPath} exists on ${ctx.git.baseRef} and only its comments or whitespace changed. The SQL is the same, but tools that checksum applied migrations (Flyway, Liquibase, sqitch, Prisma) will refuse to run until the checksum is repaired; revert the edit unless you mean to repair every environment.`,
          why: 'Migration tools record a checksum of each applied file and stop when it changes.',
        });
        continue;
      }
      ctx.report({
        file: file.path,
        range: { start: at, end: at },
        message: `${file.displayPath} was already on ${ctx.git.baseRef} (so it has run on some databases) and its SQL changed. Databases that applied the old version will never run the new statements, and checksum-checking tools will stop. Revert this file and put the change in a new migration.`,
        why: 'An applied migration never runs again: editing it makes environments differ silently (or fails checksum validation).',
      });
    }
  },
};
