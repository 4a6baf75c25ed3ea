import type { Rule } from '../types.js';
import { contractSteps, describeStep } from '../helpers/release-ops.js';

interface Options {
  include: string[];
  exclude: string[];
  maxHits: number;
}

/** Names too generic to search for: every file would match. */
const TOO_GENERIC = new Set(['id', 'name', 'type', 'data', 'value', 'key', 'status', 'created_at', 'updated_at']);

export const droppedObjectStillReferenced: Rule<Options> = {
  meta: {
    id: 'dropped-object-still-referenced',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'release',
    defaultLevel: 'error',
    description: 'A dropped or renamed table or column name still appears in application source (outside comments and migrations).',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
    options: {
      include: { type: 'string[]', default: [], description: 'gitignore-style patterns of the files to search (default: every tracked text file outside the migration directories)' },
      exclude: { type: 'string[]', default: ['*.md', 'docs/', 'CHANGELOG*', '*.lock', 'package-lock.json'], description: 'gitignore-style patterns never searched' },
      maxHits: { type: 'number', default: 5, description: 'How many file:line hits to list per name' },
    },
  },
  checkRelease(ctx) {
    if (!ctx.git) return;
    const git = ctx.git;
    const steps = contractSteps(ctx.files).filter((s) => !TOO_GENERIC.has(s.oldName));
    if (steps.length === 0) return;
    // Where to look: the source globs of every service that uses this database (monorepo
    // config), else the rule's own include patterns (default: every tracked file).
    const services = ctx.database?.services.length ? ctx.database.services : [{ name: '', include: ctx.options.include }];
    const shared = services.length > 1;
    const max = ctx.options.maxHits ?? 5;
    const names = [...new Set(steps.map((s) => s.oldName))];
    const searches = services.map((svc) => {
      const search = { include: svc.include, exclude: ctx.options.exclude };
      const tableNames = [...new Set(steps.filter((s) => s.column).map((s) => s.table.name))];
      return { svc, refs: git.findReferences(names, search), tableRefs: git.findReferences(tableNames, search) };
    });
    for (const step of steps) {
      const users: Array<{ service: string; list: string }> = [];
      for (const { svc, refs, tableRefs } of searches) {
        let hits = refs.get(step.oldName) ?? [];
        // A column name only counts in files that also mention its table (a `status` elsewhere is another column).
        if (step.column) {
          const files = new Set((tableRefs.get(step.table.name) ?? []).map((r) => r.path));
          hits = hits.filter((h) => files.has(h.path));
        }
        if (hits.length === 0) continue;
        users.push({ service: svc.name, list: hits.slice(0, max).map((h) => `${h.displayPath}:${h.line}`).join(', ') + (hits.length > max ? ` and ${hits.length - max} more` : '') });
      }
      if (users.length === 0) continue;
      const where = users.map((u) => (u.service ? `service \`${u.service}\` (${u.list})` : u.list)).join('; ');
      ctx.report({
        file: step.file.path,
        statement: step.statement,
        message: `This release ${describeStep(step)}, but \`${step.oldName}\` still appears in ${users[0].service ? 'the source of ' : 'the application source: '}${where}. Code that still reads or writes it fails after the migration. Remove those uses (and deploy that) before ${step.kind.startsWith('drop') ? 'dropping' : 'renaming'} it.${shared ? ` \`${ctx.database!.name}\` is shared by ${services.length} services: every one of them must have stopped using it.` : ''}`,
        why: 'A dropped or renamed object breaks every query that still names it; the search matched whole identifiers outside comments and migration files.',
        // In a database several services share, another team's running code breaks: always an error.
        level: shared ? 'error' : undefined,
      });
    }
  },
};
