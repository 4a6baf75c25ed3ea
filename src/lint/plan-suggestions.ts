import type { Diagnostic, PendingPlan, Suggestion } from '../core/types.js';
import { parseVersion } from '../engines/version.js';
import { splitPostgres } from '../parsers/postgres/split.js';
import { firstPhase } from '../rewrites/plans/first-phase.js';
import { planBuilders } from '../rewrites/plans/index.js';
import type { PlanKind } from '../rewrites/plans/types.js';

/*
 * The plan builders are imported statically: in the command-line bundle they add ~75 KB that V8
 * only pre-parses until a finding needs a plan (measured: no difference on a run without one), while
 * loading them as separate chunks cost a run with a plan finding ~5 ms more.
 */

/** The first-phase suggestion of one pending plan. */
function planSuggestion(p: PendingPlan): Suggestion | undefined {
  const version = parseVersion(p.version);
  const build = planBuilders[p.kind as PlanKind];
  if (!version || !build) return undefined;
  const first = firstPhase({ kind: p.kind as PlanKind, args: p.args, flags: p.flags, engine: p.engine, version, facts: p.facts }, build);
  if (!first) return undefined;
  const title = `First migration of the safe sequence (step ${first.step + 1} of ${first.steps}): ${first.phase.title}`;
  const outside = !first.phase.transaction && p.engine === 'postgres';
  if (outside && p.inTransaction) {
    // Offering it in place would give SQL that fails here: say where it goes instead.
    return { title: `${title}. It must run outside a transaction and this file runs in one: put it in its own non-transactional migration (\`${first.planCommand} --write\`)`, sql: first.sql, edits: [] };
  }
  if (!p.replace) return { title, sql: first.sql, edits: [] };
  if (p.otherOps) {
    return { title: `${title}. The statement does more than this change: keep its other parts`, sql: first.sql, edits: [] };
  }
  // Several statements that must commit together, in a file that runs them one by one: one transaction.
  const wrap = p.engine === 'postgres' && first.phase.transaction && !p.inTransaction && splitPostgres(first.phase.up).chunks.filter((c) => !c.psqlMeta).length > 1;
  const sql = wrap ? `${first.header}\nBEGIN;\n${first.phase.up}\nCOMMIT;` : first.sql; // (wrap: PostgreSQL only)
  return { title, sql, edits: [{ range: p.replace, text: sql }] };
}

/** Turns the findings' pending plans into first-phase suggestions (the first of their suggestions). */
export function attachPlanSuggestions(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const p = d.pendingPlan;
    if (!p) continue;
    delete d.pendingPlan;
    let suggestion: Suggestion | undefined;
    try {
      suggestion = planSuggestion(p);
    } catch {
      suggestion = undefined; // a plan that cannot be built leaves the finding with its command only
    }
    if (suggestion) d.suggestions = [suggestion, ...(d.suggestions ?? [])];
  }
}
