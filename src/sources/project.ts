import path from 'node:path';
import { findMigrationSetFor, layoutRootTool } from './detect.js';
import { isDir, listDir } from './fs-helpers.js';
import { KNEXFILE_NAMES, readKnexfileStatically } from './knex/knexfile.js';
import { CHANGELOG_DOCUMENT, isChangelogDocument } from './liquibase/sniff.js';
import type { MigrationSet, ToolName } from './types.js';

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'target', 'vendor', 'coverage', '.venv', 'venv', '__pycache__', '.next', '.turbo', 'out', 'tmp']);
/** A plain directory counts as migrations only when its name says so (not every `.sql` file is one). */
const MIGRATION_DIR_NAME = /migrat|schema|changelog|ddl|^db$|^sql$|^database$/i;

/**
 * The migration sets of the project under `root`: every directory a tool adapter recognises
 * (and plain `.sql` directories named like migrations), found by walking at most `depth` levels.
 */
export function findProjectMigrationSets(root: string, tool?: ToolName, depth = 8): MigrationSet[] {
  const cache = new Map<string, MigrationSet>();
  const sets = new Map<string, MigrationSet>();
  const walk = (dir: string, level: number) => {
    const names = listDir(dir);
    const sql = names.filter((n) => n.endsWith('.sql')).sort();
    const layout = layoutRootTool(dir);
    // A knexfile names its migration directories (JavaScript/TypeScript, not seen by the `.sql` probe).
    const knexfile = tool === undefined || tool === 'knex' ? names.find((n) => KNEXFILE_NAMES.includes(n)) : undefined;
    if (knexfile) {
      for (const d of readKnexfileStatically(path.join(dir, knexfile)).directories) {
        const first = listDir(d).find((n) => /\.[cm]?[jt]s$/.test(n));
        const set = first ? findMigrationSetFor(path.join(d, first), cache, tool) : undefined;
        if (set?.tool === 'knex' && set.files.length > 0) sets.set(`knex:${set.root}`, set);
      }
    }
    let probe: string | undefined;
    if (layout === 'prisma' || layout === 'diesel') {
      const sub = names.find((n) => isDir(path.join(dir, n)) && listDir(path.join(dir, n)).some((f) => f === 'migration.sql' || f === 'up.sql'));
      if (sub) probe = path.join(dir, sub, listDir(path.join(dir, sub)).includes('migration.sql') ? 'migration.sql' : 'up.sql');
    } else if (layout === 'sqitch') {
      probe = path.join(dir, 'deploy', 'x.sql');
    } else {
      // A Liquibase master changelog (XML/YAML/JSON) decides over the .sql files next to it.
      const doc = names.filter((n) => CHANGELOG_DOCUMENT.test(n)).sort().find((n) => isChangelogDocument(path.join(dir, n)));
      if (doc) probe = path.join(dir, doc);
      else if (sql.length > 0) probe = path.join(dir, sql[0]);
    }
    if (probe) {
      const set = findMigrationSetFor(probe, cache, tool);
      const keep = set.tool !== 'plain' || MIGRATION_DIR_NAME.test(path.basename(dir));
      if (keep && set.files.length > 0) sets.set(`${set.tool}:${set.root}`, set);
      if (layout) return;
    }
    if (level >= depth) return;
    for (const n of names) {
      if (SKIP.has(n) || n.startsWith('.')) continue;
      const child = path.join(dir, n);
      if (isDir(child)) walk(child, level + 1);
    }
  };
  walk(path.resolve(root), 0);
  // A set found from inside another one (sqitch deploy/ under its plan) is not listed twice.
  return [...sets.values()].sort((a, b) => a.root.localeCompare(b.root));
}

/** One line per set for `--verbose`: which tool and engine were assumed, and how transactions are treated. */
/** Where an engine came from, in the words `--verbose` prints. */
const ENGINE_FROM: Record<string, string> = {
  cli: '--engine',
  config: 'config',
  version: 'config targetVersion',
  tool: 'the tool configuration',
  sql: 'MySQL syntax in the SQL',
  default: 'default',
};

/** `engine`: the engine the set is linted with and where it came from (`ResolvedConfig.engineFrom`). */
export function describeSet(set: MigrationSet, cwd: string, resolved: string | { engine: string; engineFrom?: string }): string {
  const rel = path.relative(cwd, set.root) || '.';
  const { engine: chosen, engineFrom } = typeof resolved === 'string' ? { engine: resolved, engineFrom: set.engine ? 'tool' : undefined } : resolved;
  const toolSays = set.engine && set.engine !== chosen ? `; the tool configuration says ${set.engine}` : '';
  const engineSource = `engine from ${engineFrom ? ENGINE_FROM[engineFrom] ?? engineFrom : 'config/default'}${toolSays}`;
  const evidence = (set.evidence ?? 'detected').split(cwd + path.sep).join('');
  const transactions = set.multiStatement
    ? `${set.multiStatement.enabled ? 'x-multi-statement: each statement runs on its own, no transaction' : TRANSACTIONS[set.tool]} [${set.multiStatement.evidence.split(cwd + path.sep).join('')}]`
    : chosen === 'postgres'
      ? TRANSACTIONS[set.tool]
      : MYSQL_TRANSACTIONS;
  return `${rel}: ${set.tool}, engine ${chosen}, ${set.files.filter((f) => f.role === 'up').length} migrations — ${transactions} [${evidence}; ${engineSource}]`;
}

/**
 * On MySQL/MariaDB the tool's transaction does not cover DDL: each DDL statement commits
 * implicitly (MySQL 8.4 §15.3.3 "Statements That Cause an Implicit Commit"), whatever the tool does.
 */
const MYSQL_TRANSACTIONS = 'each DDL statement commits implicitly on MySQL/MariaDB, so no transaction covers the schema changes (the tool\'s transaction only covers data changes)';

const TRANSACTIONS: Record<ToolName, string> = {
  plain: 'no tool transaction (each statement autocommits unless the file says BEGIN)',
  flyway: 'one transaction per migration unless executeInTransaction=false or a non-transactional statement (CONCURRENTLY)',
  'golang-migrate': 'file sent as one query: implicit transaction when it has several statements',
  dbmate: 'one transaction per section unless transaction:false',
  prisma: 'script sent as one query: implicit transaction when it has several statements',
  liquibase: 'one transaction per changeset unless runInTransaction:false',
  sqitch: 'no tool transaction (scripts carry their own BEGIN/COMMIT)',
  knex: 'one transaction per migration unless config.transaction is false',
  alembic: 'transactions as written in the offline script (BEGIN/COMMIT)',
  pop: 'one transaction per migration',
  diesel: 'one transaction per migration unless run_in_transaction = false',
};
