import type { Phase, Plan } from './types.js';

const engineName = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB' } as const;

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
}

function txLabel(p: Phase): string {
  return p.transaction ? 'runs inside a transaction' : 'must run OUTSIDE a transaction (own file, only this statement)';
}

/** The plan as text for the terminal: every phase with its SQL, locks and gate. */
export function renderPlanText(plan: Plan): string {
  const out: string[] = [];
  const migrations = plan.phases.filter((p) => p.kind === 'migration').length;
  out.push(`Plan: ${plan.title} (${engineName[plan.engine]} ${plan.version.text})`);
  out.push(`${plan.phases.length} steps: ${migrations} migrations, each its own deploy; application deploys and checks in between.`, '');
  plan.phases.forEach((p, i) => {
    out.push(`${i + 1}. [${p.kind}] ${p.title}`);
    if (p.kind === 'migration') {
      out.push(`   transaction: ${plan.engine === 'postgres' ? txLabel(p) : 'MySQL DDL commits implicitly; each statement is its own step'}`);
      if (p.locks.length) out.push('   locks:', ...p.locks.map((l) => `     - ${l}`));
      out.push('   up:', indent(p.up, '     '), '   down:', indent(p.down, '     '));
      if (p.verify) out.push('   gate (must return 0 first):', indent(p.verify, '     '));
    } else if (p.kind === 'verify') {
      out.push('   query (expect 0):', indent(p.up, '     '));
    }
    out.push(`   next: ${p.next}`, '');
  });
  if (plan.notes.length) out.push('Notes:', ...plan.notes.map((n) => `  - ${n}`), '');
  for (const s of plan.scripts) out.push(`Standalone script ${s.name} (${s.description}):`, indent(s.text, '  '), '');
  return out.join('\n');
}

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify({ ...plan, version: plan.version.text }, null, 2) + '\n';
}

/** Header comment of a written migration file: where it sits in the plan and what must come before. */
export function phaseHeader(plan: Plan, index: number): string {
  const p = plan.phases[index];
  const before: string[] = [];
  for (let i = index - 1; i >= 0 && plan.phases[i].kind !== 'migration'; i--) {
    const q = plan.phases[i];
    before.unshift(q.kind === 'verify' ? `check: ${q.up.replace(/\n/g, ' ')}  -- expect 0` : `deploy: ${q.title}`);
  }
  const lines = [
    `-- migrasafe plan: ${plan.title} — step ${index + 1} of ${plan.phases.length}: ${p.title}`,
    ...before.map((b) => `-- Before running this migration, ${b}`),
    ...p.locks.map((l) => `-- Lock: ${l}`),
    `-- Transaction: ${plan.engine === 'postgres' ? txLabel(p) : 'MySQL DDL commits implicitly'}`,
    `-- Next: ${p.next}`,
  ];
  return lines.join('\n') + '\n';
}
