import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { lintSql } from '../helpers/lint-sql.js';

RuleTester.describe = describe;
RuleTester.it = it;

type AnyRule = Parameters<RuleTester['run']>[1];
const rule = (id: string) => plugin.rules[id] as unknown as AnyRule;

/** migrasafe's own message for the first finding of `id` in `sql` (what ESLint must report). */
async function messageOf(sql: string, id: string, toolTransaction = false): Promise<string> {
  const d = (await lintSql(sql, { only: [id], toolTransaction }))[0];
  return d.why ? `${d.message} ${d.why}` : d.message;
}

const sqlTester = new RuleTester({ plugins: { migrasafe: plugin }, language: 'migrasafe/sql' } as never);

const plainIndex = 'CREATE INDEX users_email_idx ON users (email);\n';
const inTx = `BEGIN;\n${plainIndex}COMMIT;\n`;
const notNull = "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n";
const broken = 'SELECT 1;\nCREAT TABLE t (id int);\n';
const concurrentRewrite = 'Insert the safe rewrite: Build the index concurrently in its own migration that runs outside a transaction';

describe('SQL files (migrasafe/sql language)', async () => {
  const notNullFinding = (await lintSql(notNull, { only: ['set-not-null'] }))[0];
  sqlTester.run('require-concurrent-index', rule('require-concurrent-index'), {
    valid: [
      { code: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n', filename: 'migrations/002.sql' },
      // The table is new in this file: nobody is blocked.
      { code: 'CREATE TABLE users (id bigint, email text);\nCREATE INDEX users_email_idx ON users (email);\n', filename: 'migrations/001.sql' },
    ],
    invalid: [
      {
        code: plainIndex,
        filename: 'migrations/002.sql',
        // Outside a transaction the fix is safe, so `eslint --fix` applies it.
        output: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n',
        errors: [{ message: await messageOf(plainIndex, 'require-concurrent-index'), line: 1, column: 1, endLine: 1, endColumn: 46 }],
      },
      {
        code: inTx,
        filename: 'migrations/002.sql',
        // Inside BEGIN/COMMIT, CONCURRENTLY would fail: the fix becomes a suggestion.
        output: null,
        errors: [
          {
            message: await messageOf(inTx, 'require-concurrent-index'),
            line: 2,
            column: 1,
            suggestions: [
              { desc: 'Add CONCURRENTLY', output: 'BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;\n' },
              { desc: concurrentRewrite, output: 'BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;\n' },
            ],
          },
        ],
      },
    ],
  });

  sqlTester.run('set-not-null', rule('set-not-null'), {
    valid: [{ code: "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\n", filename: 'm.sql' }],
    invalid: [
      {
        code: notNull,
        filename: 'm.sql',
        errors: [
          {
            message: await messageOf(notNull, 'set-not-null'),
            line: 2,
            column: 1,
            // The safe rewrite replaces the statement, its semicolon included.
            // The plan's first migration first, then the rule's own rewrite.
            suggestions: notNullFinding.suggestions!.map((sg) => ({ desc: `Insert the safe rewrite: ${sg.title}`, output: `SET lock_timeout = '5s';\n${sg.sql}\n` })),
          },
        ],
      },
    ],
  });

  sqlTester.run('parse-error', rule('parse-error'), {
    valid: [{ code: 'SELECT 1;\n', filename: 'm.sql' }],
    invalid: [{ code: broken, filename: 'm.sql', errors: [{ message: (await lintSql(broken, { only: [] })).find((d) => d.ruleId === null)!.message, line: 2, column: 1 }] }],
  });
});

const jsTester = new RuleTester({ languageOptions: { parser: tseslint.parser } } as never);

describe('SQL strings in JS/TS migrations', async () => {
  const idx = 'CREATE INDEX orders_customer_idx ON orders (customer_id)';
  const txMsg = await messageOf(idx, 'require-concurrent-index', true);
  const plainMsg = await messageOf(idx, 'require-concurrent-index', false);

  const cases = {
    knex: `exports.up = async (knex) => {\n  await knex.raw('${idx}');\n};`,
    knexSchema: `export async function up(knex) {\n  await knex.schema.raw(\`${idx}\`);\n}`,
    typeorm: `export class AddIdx {\n  async up(queryRunner) {\n    await queryRunner.query(\`${idx}\`);\n  }\n}`,
    sequelize: `module.exports = {\n  up: async (queryInterface) => {\n    await queryInterface.sequelize.query('${idx}');\n  },\n};`,
    pgm: `exports.up = (pgm) => {\n  pgm.sql("${idx}");\n};`,
    tag: `export const up = async (db) => {\n  await db.execute(sql\`${idx}\`);\n};`,
  };
  /** Where the SQL sits in the source: the literal's content, not the quotes or the call. */
  const at = (code: string) => {
    const lines = code.split('\n');
    const k = lines.findIndex((l) => l.includes('CREATE'));
    const column = lines[k].indexOf('CREATE') + 1;
    return { line: k + 1, column, endLine: k + 1, endColumn: column + idx.length };
  };
  const escaped = "exports.up = async (knex) => {\n  await knex.raw('SELECT \\'x\\';\\n   CREATE INDEX orders_idx ON orders (a)');\n};";
  const escapedLine = escaped.split('\n')[1];
  const templated = 'exports.up = async (knex) => {\n  await knex.raw(`SET lock_timeout = 5000;\n  CREATE INDEX ${name} ON ${table} (a)`);\n};';

  jsTester.run('require-concurrent-index', rule('require-concurrent-index'), {
    valid: [
      // The down migration is not linted.
      { code: `exports.down = async (knex) => {\n  await knex.raw('${idx}');\n};` },
      // Not query calls.
      { code: `const s = String.raw\`${idx}\`; foo.bar.raw('${idx}'); db.query('${idx}');` },
      { code: `exports.up = async (knex) => {\n  await knex.raw('CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)');\n};` },
    ],
    invalid: [
      // Knex, TypeORM and node-pg-migrate wrap migrations in a transaction: the fix is only a suggestion.
      ...(['knex', 'knexSchema', 'typeorm', 'pgm'] as const).map((k) => ({
        code: cases[k],
        output: null,
        errors: [
          {
            message: txMsg,
            ...at(cases[k]),
            suggestions: [
              { desc: 'Add CONCURRENTLY', output: cases[k].replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY') },
              { desc: concurrentRewrite, output: cases[k].replace(idx, `${idx.replace('INDEX', 'INDEX CONCURRENTLY')};`) },
            ],
          },
        ],
      })),
      // Sequelize and plain `sql` templates run statements one by one: the fix is safe.
      ...(['sequelize', 'tag'] as const).map((k) => ({
        code: cases[k],
        output: cases[k].replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY'),
        errors: [{ message: plainMsg, ...at(cases[k]) }],
      })),
      {
        // Knex with `config.transaction = false`: CONCURRENTLY works, the fix is applied.
        code: `exports.config = { transaction: false };\nexports.up = async (knex) => {\n  await knex.raw('${idx}');\n};`,
        output: `exports.config = { transaction: false };\nexports.up = async (knex) => {\n  await knex.raw('${idx.replace('INDEX', 'INDEX CONCURRENTLY')}');\n};`,
        errors: [{ message: plainMsg, line: 3, column: 19 }],
      },
      {
        // Escapes: the finding still lands on the exact span in the source, after `\'` and `\n`.
        code: escaped,
        output: null,
        errors: [
          {
            message: await messageOf("SELECT 'x';\n   CREATE INDEX orders_idx ON orders (a);\n", 'require-concurrent-index', true),
            line: 2,
            column: escapedLine.indexOf('CREATE') + 1,
            endLine: 2,
            endColumn: escapedLine.indexOf('(a)') + 4,
            suggestions: [
              { desc: 'Add CONCURRENTLY', output: escaped.replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY') },
              { desc: concurrentRewrite, output: escaped.replace('(a)', '(a);').replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY') },
            ],
          },
        ],
      },
      {
        // `${...}` substitutions become quoted placeholders; the whole statement is reported.
        code: templated,
        output: null,
        errors: [
          {
            message: await messageOf('SET lock_timeout = 5000;\n  CREATE INDEX "${name}" ON "${table}" (a);\n', 'require-concurrent-index', true),
            line: 3,
            column: 3,
            endLine: 3,
            endColumn: templated.split('\n')[2].indexOf('(a)') + 4,
            // "Add CONCURRENTLY" does not touch a substitution, so it can be written back; the rewrite cannot.
            suggestions: [{ desc: 'Add CONCURRENTLY', output: templated.replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY') }],
          },
        ],
      },
    ],
  });
});
