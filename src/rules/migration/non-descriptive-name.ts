import type { Rule } from '../types.js';
import { migrationParts, reportRange } from '../helpers/migration-parts.js';

/** Names that say nothing about the change: `update`, `fix`, `migration_47`, a bare version or timestamp. */
const VAGUE = /^(?:migration|migrations|update|updates|fix|fixes|change|changes|misc|temp|tmp|test|wip|new|auto|patch|schema|db|sql|changeset|todo|stuff|various)?[\s_-]*\d*$/i;

export const nonDescriptiveName: Rule = {
  meta: {
    id: 'non-descriptive-name',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'style',
    defaultLevel: 'warn',
    description: 'Migration names like `update`, `fix`, `migration_47` or a bare timestamp say nothing about the change.',
    fixable: false,
    hasSuggestions: false,
    presets: ['strict'],
  },
  checkFile(ctx) {
    const m = ctx.migration;
    if (!m || (m.role !== 'up' && m.role !== 'repeatable') || m.description === undefined) return;
    const name = m.description.trim();
    if (!VAGUE.test(name)) return;
    ctx.report({
      range: reportRange(migrationParts(ctx)),
      message: `The migration name ${name ? `"${name}"` : `(only the version ${m.version ?? ''})`.replace(' )', ')')} says nothing about the change. Name it for what it does (add_orders_status_column, index_users_email) so the history and \`git log\` read as a changelog.`,
      why: 'During an incident the migration list is read under pressure; names are the index to it.',
    });
  },
};
