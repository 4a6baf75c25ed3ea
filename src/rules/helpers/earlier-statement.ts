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
  // A DO block's statements (`inner`) count where the block stands.
  const matches = (ctx: StatementContext, st: Statement) => test(ctx, st) || st.inner?.some((i) => test(ctx, i));
  const soFar = statementsSoFar(
    () => ({ found: false }),
    (state, ctx, earlier) => {
      if (!state.found && matches(ctx, earlier)) state.found = true;
    },
  );
  return (ctx) => {
    if (soFar(ctx).found) return true;
    // Asked about a statement inside a DO block: the block's statements before it came first.
    const block = ctx.statements[ctx.statement.index];
    if (block === ctx.statement || !block?.inner) return false;
    for (const i of block.inner) {
      if (i === ctx.statement) break;
      if (test(ctx, i)) return true;
    }
    return false;
  };
}
