import type { Statement } from '../core/statement.js';
import type { Engine, PendingPlan } from '../core/types.js';
import type { Version } from '../engines/version.js';
import { planCommandLine, type PlanRef } from '../rewrites/plans/command-line.js';
import { tableFacts } from '../rewrites/plans/table-facts.js';
import type { TransactionState } from '../rules/types.js';
import type { SchemaView } from '../schema/catalog.js';

/** `users.email` names table `users` (or table `users.email` for a schema-qualified table argument). */
function tablesNamedBy(args: readonly string[]): string[] {
  const names = new Set<string>();
  for (const a of args) {
    names.add(a);
    if (a.includes('.')) names.add(a.slice(0, a.lastIndexOf('.')));
  }
  return [...names];
}

/**
 * What a finding's plan needs from the schema, copied now: the catalog keeps changing as the file
 * replays, and the plan builders are loaded (lazily) only after the lint.
 */
export function pendingPlan(
  ref: PlanRef & { firstPhase?: false },
  at: { engine: Engine; version: Version; schema: SchemaView; statement: Statement; transaction: TransactionState },
): { planCommand: string; pendingPlan?: PendingPlan } {
  if (ref.firstPhase === false) return { planCommand: planCommandLine(ref) };
  const facts: PendingPlan['facts'] = {};
  for (const name of tablesNamedBy(ref.args)) {
    const parts = name.split('.');
    const known = at.schema.table(parts.length > 1 ? { schema: parts[0], name: parts[1] } : { name });
    if (known) facts[name] = tableFacts(at.schema, at.engine, name);
  }
  return {
    planCommand: planCommandLine(ref),
    pendingPlan: {
      kind: ref.kind,
      args: ref.args,
      flags: ref.flags,
      engine: at.engine,
      version: at.version.text,
      facts,
      replace: { start: at.statement.range.start, end: at.statement.terminatorEnd },
      inTransaction: at.transaction.inTransaction,
      otherOps: at.statement.ops.length > 1,
    },
  };
}
