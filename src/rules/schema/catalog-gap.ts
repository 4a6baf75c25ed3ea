import type { Rule } from '../types.js';

/**
 * The note that the schema replay could not follow a statement. Reported once per file, on the
 * first such statement, at info level: it never fails a run, it explains why later checks are
 * less sure (an `unknown-object` that is not raised, a table not known to be new).
 */
export const catalogGap: Rule = {
  meta: {
    id: 'catalog-gap',
    engines: ['postgres'],
    category: 'correctness',
    defaultLevel: 'info',
    description: 'A statement the schema replay cannot follow (DO block or function doing DDL, dynamic SQL); noted once per file.',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    // A statement that does not parse is already reported as a parse error: no second note.
    if (ctx.schema.gapsInFile > 0 || ctx.statement.kind === 'unparsed') return;
    const gap = ctx.schema.gapOf(ctx.statement);
    if (!gap) return;
    ctx.report({
      message: `migrasafe cannot follow ${gap.reason}: the schema checks after it do not see what it creates or changes, and names it mentions are treated as unknown. Plain DDL statements (or the same DDL outside the DO block) are checked in full. Noted once per file.`,
      why: 'Code that runs DDL at migration time (PL/pgSQL, EXECUTE) is only known when it runs; a static linter sees its text, not its effect.',
    });
  },
};
