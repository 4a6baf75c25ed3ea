import ignore from 'ignore';
import type { Rule } from '../types.js';
import { contractSteps, describeStep } from '../helpers/release-ops.js';

const DEFAULT_NOT_CODE = ['*.md', '*.txt', '*.lock', 'package-lock.json', 'pnpm-lock.yaml', 'docs/', '.github/', 'CHANGELOG*', 'LICENSE*'];

export const contractWithCodeChange: Rule<{ notCode: string[] }> = {
  meta: {
    id: 'contract-with-code-change',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'release',
    defaultLevel: 'error',
    description: 'The release drops or renames a table or column and also changes application code: the old code still running during the deploy breaks.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
    options: {
      notCode: { type: 'string[]', default: DEFAULT_NOT_CODE, description: 'gitignore-style patterns of changed files that are not application code (docs, lock files)' },
    },
  },
  checkRelease(ctx) {
    if (!ctx.git) return;
    const notCode = ignore().add(ctx.options.notCode ?? DEFAULT_NOT_CODE);
    const code = ctx.git.codeChanges.filter((p) => !notCode.ignores(p));
    if (code.length === 0) return;
    const shown = code.slice(0, 5).map((p) => `\`${p}\``).join(', ') + (code.length > 5 ? ` and ${code.length - 5} more` : '');
    for (const step of contractSteps(ctx.files)) {
      ctx.report({
        file: step.file.path,
        statement: step.statement,
        message: `This release ${describeStep(step)} and also changes application code (${shown}). During the deploy the previous application version keeps running and still uses \`${step.oldName}\`: its queries fail from the moment the migration runs until the last old instance is gone. Ship the code change first; drop or rename in a later release.`,
        why: 'Migrations and code do not switch over at the same instant: old code runs against the new schema during every rolling deploy.',
        suggestions: [
          {
            title: 'Split into two releases (expand-migrate-contract)',
            sql: `-- Release 1 (this branch): the code change only; keep ${step.oldName} in the schema.\n-- Release 2 (after release 1 is fully deployed): move this statement into a new migration:\n${step.statement.text.trim()};`,
          },
        ],
      });
    }
  },
};
