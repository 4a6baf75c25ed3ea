import type { Statement } from '../../core/statement.js';
import type { FileInfo, StatementContext } from '../types.js';

/**
 * Per-file state built from the statements before the one being checked, each added once: rules
 * see a file's statements in order, so the state moves forward with them. Rescanning every earlier
 * statement for every statement was quadratic (a 12,000-statement baseline file did not finish).
 * An earlier statement is added with the context of the first statement that asks (its schema).
 */
export function statementsSoFar<S>(start: () => S, add: (state: S, ctx: StatementContext, earlier: Statement) => void): (ctx: StatementContext) => S {
  const progress = new WeakMap<FileInfo, { next: number; state: S }>();
  return (ctx) => {
    const before = ctx.statement.index;
    let p = progress.get(ctx.file);
    // A file object is one lint of one text; asked out of order, start again.
    if (!p || (p.next > 0 && ctx.statements[p.next - 1].index >= before)) progress.set(ctx.file, (p = { next: 0, state: start() }));
    for (; p.next < ctx.statements.length && ctx.statements[p.next].index < before; p.next++) add(p.state, ctx, ctx.statements[p.next]);
    return p.state;
  };
}

/**
 * "Does a statement before this one match?", for rules that report once per file (the first
 * statement that needs a timeout); `test` runs once per earlier statement, until one matches.
 */
export function earlierStatementMatcher(test: (ctx: StatementContext, earlier: Statement) => unknown): (ctx: StatementContext) => boolean {
  const soFar = statementsSoFar(
    () => ({ found: false }),
    (state, ctx, earlier) => {
      if (!state.found && test(ctx, earlier)) state.found = true;
    },
  );
  return (ctx) => soFar(ctx).found;
}
