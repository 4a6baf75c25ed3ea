import type { Plan, PlanInput } from './types.js';
import { tableColumn } from './args.js';
import { migration, verify } from './phase.js';
import { bareTable, ident, objectName, tableName } from './sql.js';

const IDX_USAGE = 'migrasafe plan add-index <table>.<column>[,<column>...] [--name <index>]';
const UQ_USAGE = 'migrasafe plan add-unique <table>.<column>[,<column>...] [--name <constraint>]';

function target(arg: string | undefined, usage: string) {
  const { table, column } = tableColumn(arg, usage);
  return { table, columns: column.split(',').map((c) => c.trim()).filter(Boolean) };
}

/** PostgreSQL: CREATE INDEX CONCURRENTLY in its own migration, outside a transaction. MySQL: online ADD INDEX. */
export function addIndexPlan(input: PlanInput): Plan {
  const { table, columns } = target(input.args[0], IDX_USAGE);
  const { engine, version } = input;
  const t = tableName(engine, table);
  const name = ident(engine, input.name ?? objectName(bareTable(table), ...columns, 'idx'));
  const cols = columns.map((c) => ident(engine, c)).join(', ');
  const phase =
    engine === 'postgres'
      ? migration(engine, version, {
          slug: `index-${columns.join('-')}`,
          title: `Build the index without blocking writes (CONCURRENTLY: must be the only statement, outside a transaction)`,
          up: `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${t} (${cols});`,
          down: `DROP INDEX CONCURRENTLY IF EXISTS ${name};`,
          next: `Check the index is valid: SELECT indisvalid FROM pg_index WHERE indexrelid = '${name}'::regclass; if a build failed, DROP INDEX CONCURRENTLY and run again.`,
        })
      : migration(engine, version, {
          slug: `index-${columns.join('-')}`,
          title: 'Build the index online',
          up: `ALTER TABLE ${t} ADD INDEX ${name} (${cols}), ALGORITHM=INPLACE, LOCK=NONE;`,
          down: `ALTER TABLE ${t} DROP INDEX ${name}, ALGORITHM=INPLACE, LOCK=NONE;`,
          next: 'Done.',
        });
  return { kind: 'add-index', engine, version, title: `add index on ${table} (${columns.join(', ')})`, phases: [phase], notes: [], scripts: [] };
}

/**
 * A unique constraint without a long lock: check for duplicates, build the unique index
 * concurrently (outside a transaction), then attach it as the constraint (instant).
 */
export function addUniquePlan(input: PlanInput): Plan {
  const { table, columns } = target(input.args[0], UQ_USAGE);
  const { engine, version } = input;
  const t = tableName(engine, table);
  const name = ident(engine, input.name ?? objectName(bareTable(table), ...columns, 'key'));
  const cols = columns.map((c) => ident(engine, c)).join(', ');
  const dupes = `SELECT COUNT(*) FROM (SELECT ${cols} FROM ${t} WHERE ${columns.map((c) => `${ident(engine, c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols} HAVING COUNT(*) > 1) AS duplicates;`;
  const gate = verify('verify-no-duplicates', `Verify no duplicate (${columns.join(', ')}) exists`, dupes, 'Expect 0. The application must stop writing duplicates (a unique index build fails on the first one).');
  const phases =
    engine === 'postgres'
      ? [
          gate,
          migration(engine, version, {
            slug: `unique-index-${columns.join('-')}`,
            title: 'Build the unique index concurrently (must be the only statement, outside a transaction)',
            up: `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${t} (${cols});`,
            down: `DROP INDEX CONCURRENTLY IF EXISTS ${name};`,
            next: `Check the index is valid (SELECT indisvalid FROM pg_index WHERE indexrelid = '${name}'::regclass), then attach it.`,
          }),
          migration(engine, version, {
            slug: `unique-${columns.join('-')}`,
            title: 'Attach the index as the UNIQUE constraint (no scan, brief lock)',
            up: `ALTER TABLE ${t} ADD CONSTRAINT ${name} UNIQUE USING INDEX ${name};`,
            down: `ALTER TABLE ${t} DROP CONSTRAINT ${name};\nCREATE UNIQUE INDEX ${name} ON ${t} (${cols});`,
            next: 'Done.',
          }),
        ]
      : [
          gate,
          migration(engine, version, {
            slug: `unique-${columns.join('-')}`,
            title: 'Add the unique index online',
            up: `ALTER TABLE ${t} ADD UNIQUE INDEX ${name} (${cols}), ALGORITHM=INPLACE, LOCK=NONE;`,
            down: `ALTER TABLE ${t} DROP INDEX ${name}, ALGORITHM=INPLACE, LOCK=NONE;`,
            next: 'Done.',
          }),
        ];
  return { kind: 'add-unique', engine, version, title: `add unique constraint on ${table} (${columns.join(', ')})`, phases, notes: [], scripts: [] };
}
