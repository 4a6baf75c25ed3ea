// `migrasafe/eslint-plugin`: migrasafe's rules inside ESLint, for `.sql` migrations (the
// `migrasafe/sql` language) and for SQL strings in JS/TS migrations (Knex, TypeORM, Sequelize,
// node-pg-migrate, `sql` tagged templates).
import { packageVersion } from '../core/package-info.js';
import { initParser } from '../parsers/index.js';
import { allRules } from '../rules/index.js';
import { MigrationLanguage } from './language.js';
import { eslintRules } from './rules.js';

// ESLint's parse and rule hooks are synchronous: load the parsers (WASM) once, when the config loads.
await initParser('postgres');
await Promise.allSettled([initParser('mysql'), initParser('mariadb')]);

type Severity = 'error' | 'warn';
const recommendedRules: Record<string, Severity> = {
  'migrasafe/parse-error': 'error',
  ...Object.fromEntries(
    allRules.filter((r) => r.meta.presets.includes('recommended')).map((r) => [`migrasafe/${r.meta.id}`, r.meta.defaultLevel === 'error' ? 'error' : 'warn'] as const),
  ),
};

const plugin = {
  meta: { name: 'migrasafe', version: packageVersion, namespace: 'migrasafe' },
  languages: { sql: new MigrationLanguage() },
  rules: eslintRules,
  configs: {} as Record<string, unknown>,
};

plugin.configs = {
  /** `.sql` files under `migrations/` linted with the recommended rules. */
  recommended: {
    name: 'migrasafe/recommended',
    files: ['**/migrations/**/*.sql'],
    plugins: { migrasafe: plugin },
    language: 'migrasafe/sql',
    rules: recommendedRules,
  },
  /** SQL strings in JS/TS migrations (add your own `files`). */
  'recommended-js': {
    name: 'migrasafe/recommended-js',
    plugins: { migrasafe: plugin },
    rules: recommendedRules,
  },
};

export default plugin;
export { MigrationLanguage, eslintRules as rules };
