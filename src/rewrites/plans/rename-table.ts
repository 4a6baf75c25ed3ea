import type { Plan, PlanInput } from './types.js';
import { required } from './args.js';
import { deploy, migration, verify } from './phase.js';
import { literal, tableName, bareTable } from './sql.js';

const USAGE = 'migrasafe plan rename-table <old> <new>';

/**
 * Rename a table under a running application: rename it and leave a view with the old name.
 * A single-table `SELECT *` view is updatable (PostgreSQL 9.3+, MySQL MERGE views), so code still
 * using the old name keeps reading and writing. Drop the view once no code uses the old name.
 */
export function renameTablePlan(input: PlanInput): Plan {
  const old = required(input.args[0], 'the current table name', USAGE);
  const neu = required(input.args[1], 'the new table name', USAGE);
  const { engine, version } = input;
  const o = tableName(engine, old);
  const n = tableName(engine, neu);
  const renameSql = engine === 'postgres' ? `ALTER TABLE ${o} RENAME TO ${tableName(engine, bareTable(neu))};` : `RENAME TABLE ${o} TO ${n};`;
  const backSql = engine === 'postgres' ? `ALTER TABLE ${n} RENAME TO ${tableName(engine, bareTable(old))};` : `RENAME TABLE ${n} TO ${o};`;
  const view = engine === 'postgres' ? `CREATE VIEW ${o} AS SELECT * FROM ${n};` : `CREATE ALGORITHM=MERGE VIEW ${o} AS SELECT * FROM ${n};`;
  const usage =
    engine === 'postgres'
      ? `SELECT COUNT(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query ~* ${literal(`\\m${bareTable(old)}\\M`)};`
      : `SELECT COUNT(*) FROM performance_schema.events_statements_summary_by_digest WHERE DIGEST_TEXT LIKE ${literal(`%\`${bareTable(old)}\`%`)} AND LAST_SEEN > NOW() - INTERVAL 1 DAY;`;
  const phases = [
    migration(engine, version, {
      slug: `rename-${bareTable(old)}-to-${bareTable(neu)}`,
      title: `Rename ${old} to ${neu} and keep a compatibility view named ${old} (updatable: old code keeps working)`,
      up: `${renameSql}\n${view}`,
      down: `DROP VIEW ${o};\n${backSql}`,
      next: `Deploy code that uses ${neu}.`,
    }),
    deploy('use-new-name', `Deploy code that uses only ${neu}`, `Wait until no instance of the old release runs.`),
    verify('verify-old-name-unused', `Verify nothing queries ${old} any more (repeat over a full traffic cycle: jobs, cron, reports)`, usage, 'Expect 0.'),
    migration(engine, version, {
      slug: `drop-view-${bareTable(old)}`,
      title: `Contract: drop the compatibility view ${old}`,
      up: `DROP VIEW ${o};`,
      down: view,
      verify: usage,
      next: 'Done.',
    }),
  ];
  const notes = [
    `The view's column list is fixed when it is created: columns added to ${neu} later are not visible through ${old}.`,
    engine === 'postgres'
      ? `Inserts through the view use ${neu}'s column defaults (PostgreSQL applies the base table's defaults to an auto-updatable view). Sequences, indexes and constraints keep their old names; rename them separately if you care.`
      : `MySQL runs RENAME TABLE and CREATE VIEW as two statements: for a moment the old name does not exist. Deploy during low traffic, or keep the old name and move code first with a view named ${neu} (CREATE VIEW ${n} AS SELECT * FROM ${o}).`,
  ];
  return { kind: 'rename-table', engine, version, title: `rename table ${old} to ${neu}`, phases, notes, scripts: [] };
}
