import type { Statement } from '../../core/statement.js';
import type { FileInfo, StatementContext } from '../types.js';

/**
 * "Does a statement before this one match?", for rules that report once per file (the first
 * statement that needs a timeout). Rules see a file's statements in order, so each earlier
 * statement is tested once per file, when the first later statement asks; rescanning them for every
 * statement was quadratic (a 12,000-statement baseline file did not finish). Like the scan it
 * replaces, an earlier statement is judged with the asking statement's context (its schema).
 */
export function earlierStatementMatcher(test: (ctx: StatementContext, earlier: Statement) => unknown): (ctx: StatementContext) => boolean {
  const progress = new WeakMap<FileInfo, { next: number; found: boolean }>();
  return (ctx) => {
    const before = ctx.statement.index;
    let p = progress.get(ctx.file);
    // A file object is one lint of one text; asked out of order, start again.
    if (!p || (p.next > 0 && ctx.statements[p.next - 1].index >= before)) progress.set(ctx.file, (p = { next: 0, found: false }));
    while (!p.found && p.next < ctx.statements.length && ctx.statements[p.next].index < before) {
      if (test(ctx, ctx.statements[p.next])) p.found = true;
      p.next++;
    }
    return p.found;
  };
}
