import type { Rule } from '../types.js';

export const downMigrationInvalid: Rule = {
  meta: {
    id: 'down-migration-invalid',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'correctness',
    defaultLevel: 'error',
    description: 'The down/undo/revert/rollback SQL does not parse, so the rollback fails exactly when it is needed.',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkFile(ctx) {
    const kind = ctx.migration?.role === 'verify' ? 'verify script' : 'rollback';
    for (const st of ctx.file.parsed.statements) {
      if (ctx.file.direction(st) !== 'down' || st.kind !== 'unparsed' || !st.error) continue;
      ctx.report({
        range: st.error.range,
        message: `This ${kind} SQL does not parse: ${st.error.message}. The ${kind} would fail exactly when it is needed, mid-incident. Fix the statement and run the down migration once against a scratch database.`,
        why: 'Rollbacks are rarely run until an incident; a syntax error there turns a quick revert into an outage.',
      });
    }
  },
};
