import type { Diagnostic, PendingPlan, Suggestion } from '../core/types.js';
import { parseVersion } from '../engines/version.js';
import { splitPostgres } from '../parsers/postgres/split.js';
import type { PlanBuilder } from '../rewrites/plans/lazy-builders.js';
import type { PlanKind } from '../rewrites/plans/types.js';

type FirstPhaseModule = typeof import('../rewrites/plans/first-phase.js');

// Plan code is loaded only for runs with a finding that has a plan, and then only that plan's builder.
let firstPhaseModule: FirstPhaseModule | undefined;
const builders = new Map<string, PlanBuilder>();

/** Loads the plan builders the kinds need (every kind when none is given: the language server and the ESLint plugin, up front). */
export async function loadPlanBuilders(kinds?: Iterable<string>): Promise<void> {
  const { loadBuilder } = await import('../rewrites/plans/lazy-builders.js');
  const wanted = [...(kinds ?? Object.keys(loadBuilder))].filter((k): k is PlanKind => k in loadBuilder && !builders.has(k));
  const [mod, ...loaded] = await Promise.all([firstPhaseModule ?? import('../rewrites/plans/first-phase.js'), ...wanted.map((k) => loadBuilder[k]())]);
  firstPhaseModule = mod;
  wanted.forEach((k, i) => builders.set(k, loaded[i]));
}

/** The first-phase suggestion of one pending plan. */
function planSuggestion(mod: FirstPhaseModule, build: PlanBuilder, p: PendingPlan): Suggestion | undefined {
  const version = parseVersion(p.version);
  if (!version) return undefined;
  const first = mod.firstPhase({ kind: p.kind as PlanKind, args: p.args, flags: p.flags, engine: p.engine, version, facts: p.facts }, build);
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
  const sql = wrap ? `${first.header}\nBEGIN;\n${first.phase.up}\nCOMMIT;` : first.sql;
  return { title, sql, edits: [{ range: p.replace, text: sql }] };
}

/** Turns the findings' pending plans into first-phase suggestions, for the plans whose builders are loaded. */
export function attachPlanSuggestions(diagnostics: Diagnostic[]): void {
  const mod = firstPhaseModule;
  if (!mod) return;
  for (const d of diagnostics) {
    const p = d.pendingPlan;
    const build = p && builders.get(p.kind);
    if (!p || !build) continue;
    delete d.pendingPlan;
    let suggestion: Suggestion | undefined;
    try {
      suggestion = planSuggestion(mod, build, p);
    } catch {
      suggestion = undefined; // a plan that cannot be built leaves the finding with its command only
    }
    if (suggestion) d.suggestions = [suggestion, ...(d.suggestions ?? [])];
  }
}

/** `attachPlanSuggestions`, loading the builders the findings need first. */
export async function resolvePlanSuggestions(diagnostics: Diagnostic[]): Promise<void> {
  const kinds = new Set(diagnostics.flatMap((d) => (d.pendingPlan ? [d.pendingPlan.kind] : [])));
  if (kinds.size === 0) return;
  await loadPlanBuilders(kinds);
  attachPlanSuggestions(diagnostics);
}
