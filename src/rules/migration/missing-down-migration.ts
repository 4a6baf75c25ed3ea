import type { Rule } from '../types.js';
import { migrationParts, reportRange } from '../helpers/migration-parts.js';

const WHERE: Record<string, string> = {
  'golang-migrate': 'a `.down.sql` file next to it',
  pop: 'a `.down.sql` file next to it',
  diesel: 'a `down.sql` in the migration folder',
  sqitch: 'a `revert/` script',
  flyway: 'a `U<version>__` undo script',
  dbmate: 'a `-- migrate:down` section',
  liquibase: 'a rollback in the changeset (`--rollback` lines in formatted SQL, `<rollback>` / `rollback:` in XML/YAML)',
  knex: 'an `exports.down` that runs SQL',
};

export const missingDownMigration: Rule = {
  meta: {
    id: 'missing-down-migration',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'tooling',
    defaultLevel: 'warn',
    description: 'The migration tool supports rollback and this migration has no down/undo/revert/rollback, or an empty one.',
    fixable: false,
    hasSuggestions: false,
    presets: ['strict'],
  },
  checkFile(ctx) {
    const m = ctx.migration;
    if (!m || m.role !== 'up' || m.downs === 'none') return;
    const parts = migrationParts(ctx);
    if (parts.up.length === 0 || parts.down.length > 0) return;
    const where = WHERE[m.tool] ?? 'a down migration';
    const empty = m.pair ? `its rollback file ${m.pair.path.split(/[\\/]/).pop()} is empty` : `it has no rollback (${where})`;
    ctx.report({
      range: reportRange(parts),
      message: `This ${m.tool} migration cannot be rolled back: ${empty}. If the deploy goes wrong, the way back is a hand-written fix under pressure. Write ${where} that undoes exactly this change, or state that it is irreversible with a comment and an ignore.`,
      why: 'A rollback written and reviewed with the change is the fastest safe way back when the release misbehaves.',
    });
  },
};
