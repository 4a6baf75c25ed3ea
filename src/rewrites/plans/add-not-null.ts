import type { Phase, Plan, PlanInput } from './types.js';
import { columnType, tableColumn } from './args.js';
import { migration, verify } from './phase.js';
import { backfillLockSql, backfillDown, backfillMigration, bareTable, ident, objectName, tableName, updateStatement, type BackfillSpec } from './sql.js';

const USAGE = 'migrasafe plan add-not-null <table>.<column> [--default <expr>] [--type <type>] [--add-column]';

export function notNullConstraintName(table: string, column: string): string {
  return objectName(bareTable(table), column, 'not_null');
}

/**
 * The phases that make an existing nullable column NOT NULL without holding a long lock: verify
 * no NULLs remain, then (PostgreSQL) prove it with a constraint added NOT VALID and validated in
 * its own transaction (only SHARE UPDATE EXCLUSIVE during the scan), and on 12+ turn it into a
 * real NOT NULL without a second scan; on 18 a NOT NULL constraint can itself be NOT VALID.
 * MySQL: an online (INPLACE, LOCK=NONE) MODIFY once no NULL remains.
 */
export function notNullPhases(input: PlanInput, table: string, column: string, type: string, defaultExpr: string | undefined): Phase[] {
  const { engine, version } = input;
  const t = tableName(engine, table);
  const c = ident(engine, column);
  const nulls = `SELECT COUNT(*) FROM ${t} WHERE ${c} IS NULL;`;
  const gate = verify(`verify-no-nulls-${column}`, `Verify no NULL is left in ${table}.${column}`, nulls, 'Expect 0. Every running application version must write a value (or rely on the default) before the next phase.');
  if (engine !== 'postgres') {
    const def = defaultExpr ? ` DEFAULT ${defaultExpr}` : '';
    return [
      gate,
      migration(engine, version, {
        slug: `${column}-not-null`,
        title: `Make ${table}.${column} NOT NULL online (table rebuilt in place, reads and writes continue)`,
        up: `ALTER TABLE ${t} MODIFY ${c} ${type} NOT NULL${def}, ALGORITHM=INPLACE, LOCK=NONE;`,
        down: `ALTER TABLE ${t} MODIFY ${c} ${type} NULL${def}, ALGORITHM=INPLACE, LOCK=NONE;`,
        next: 'Done. On very large tables run this statement with gh-ost or pt-online-schema-change instead.',
      }),
    ];
  }
  const con = ident(engine, notNullConstraintName(table, column));
  if (version.major >= 18) {
    return [
      gate,
      migration(engine, version, {
        slug: `${column}-not-null-not-valid`,
        title: `Add NOT NULL to ${table}.${column} as NOT VALID (new rows checked, no scan)`,
        up: `ALTER TABLE ${t} ADD CONSTRAINT ${con} NOT NULL ${c} NOT VALID;`,
        down: `ALTER TABLE ${t} DROP CONSTRAINT ${con};`,
        next: 'Run the validation in its own migration (its own transaction).',
      }),
      migration(engine, version, {
        slug: `validate-${column}-not-null`,
        title: `Validate the NOT NULL constraint (scans without blocking reads or writes); the column becomes NOT NULL`,
        up: `ALTER TABLE ${t} VALIDATE CONSTRAINT ${con};`,
        down: `ALTER TABLE ${t} DROP CONSTRAINT ${con};\nALTER TABLE ${t} ADD CONSTRAINT ${con} NOT NULL ${c} NOT VALID;`,
        next: 'Done.',
      }),
    ];
  }
  const check = `ALTER TABLE ${t} ADD CONSTRAINT ${con} CHECK (${c} IS NOT NULL) NOT VALID;`;
  const phases = [
    gate,
    migration(engine, version, {
      slug: `${column}-not-null-check`,
      title: `Add CHECK (${column} IS NOT NULL) NOT VALID (new rows checked, no scan)`,
      up: check,
      down: `ALTER TABLE ${t} DROP CONSTRAINT ${con};`,
      next: 'Run the validation in its own migration (its own transaction).',
    }),
    migration(engine, version, {
      slug: `validate-${column}-not-null`,
      title: `Validate the CHECK (scans without blocking reads or writes)`,
      up: `ALTER TABLE ${t} VALIDATE CONSTRAINT ${con};`,
      down: `ALTER TABLE ${t} DROP CONSTRAINT ${con};\n${check}`,
      next: version.major >= 12 ? 'Set NOT NULL in the next migration; the validated CHECK lets PostgreSQL skip the scan.' : 'Done: before PostgreSQL 12 SET NOT NULL always scans under ACCESS EXCLUSIVE, so keep the CHECK as the guarantee.',
    }),
  ];
  if (version.major >= 12) {
    phases.push(
      migration(engine, version, {
        slug: `${column}-set-not-null`,
        title: `SET NOT NULL (no scan thanks to the validated CHECK), then drop the CHECK`,
        up: `ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;\nALTER TABLE ${t} DROP CONSTRAINT ${con};`,
        down: `${check}\nALTER TABLE ${t} VALIDATE CONSTRAINT ${con};\nALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL;`,
        extraLocks: ['SET NOT NULL skips its scan because the validated CHECK proves no NULL exists (PostgreSQL 12+)'],
        next: 'Done.',
      }),
    );
  }
  return phases;
}

/**
 * `--add-column`: the column does not exist yet (the unsafe form was `ADD COLUMN ... NOT NULL` or a
 * volatile default). Added nullable, with the default only for new rows: catalog changes, no rewrite.
 */
export function addColumnPhase(input: PlanInput, table: string, column: string, type: string, defaultExpr: string | undefined): Phase {
  const { engine, version } = input;
  const t = tableName(engine, table);
  const c = ident(engine, column);
  const pg = engine === 'postgres';
  const up = pg
    ? [`ALTER TABLE ${t} ADD COLUMN ${c} ${type};`, ...(defaultExpr ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${defaultExpr};`] : [])]
    : [`ALTER TABLE ${t} ADD COLUMN ${c} ${type} NULL, ALGORITHM=INSTANT;`, ...(defaultExpr ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${defaultExpr}, ALGORITHM=INSTANT;`] : [])];
  return migration(engine, version, {
    slug: `add-${column}`,
    title: `Add ${table}.${column} ${type} nullable${defaultExpr ? ', with the default for new rows only' : ''} (catalog only, no rewrite)`,
    up: up.join('\n'),
    down: pg ? `ALTER TABLE ${t} DROP COLUMN ${c};` : `ALTER TABLE ${t} DROP COLUMN ${c}, ALGORITHM=INSTANT;`,
    next: defaultExpr ? 'Inserts that omit the column now get the default; existing rows are filled next.' : 'Deploy code that writes the column on every insert and update.',
  });
}

export function addNotNullPlan(input: PlanInput): Plan {
  const { table, column } = tableColumn(input.args[0], USAGE);
  const { engine, version } = input;
  const facts = input.table(table);
  const t = tableName(engine, table);
  const c = ident(engine, column);
  // MySQL's MODIFY restates the type; PostgreSQL only needs it for nothing, so do not demand it there.
  const type = engine === 'postgres' ? (input.type ?? facts.columns.get(column)?.type ?? '') : columnType(input, table, column);
  const phases: Phase[] = [];
  const notes: string[] = [];
  if (input.addColumn) phases.push(addColumnPhase(input, table, column, columnType(input, table, column), input.default));
  if (input.default) {
    const setDefault = engine === 'postgres' ? `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${input.default};` : `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${input.default}, ALGORITHM=INSTANT;`;
    const dropDefault = engine === 'postgres' ? `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT;` : `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT, ALGORITHM=INSTANT;`;
    if (!input.addColumn) phases.push(
      migration(engine, version, {
        slug: `${column}-default`,
        title: `Give ${table}.${column} a default for new rows (catalog only, no rewrite)`,
        up: setDefault,
        down: dropDefault,
        next: 'Inserts that omit the column now get the default. Fix code that writes NULL explicitly.',
      }),
    );
    const spec: BackfillSpec = {
      engine,
      job: `${table}.${column}.not_null`,
      table,
      pk: facts.pk,
      pkType: facts.pkType,
      statement: updateStatement(engine, table, `${c} = ${input.default}`, `${c} IS NULL`),
      batch: input.batch,
    };
    phases.push(
      migration(engine, version, {
        slug: `backfill-${column}`,
        title: `Fill existing NULLs of ${table}.${column} with ${input.default}, in batches of ${input.batch.batchSize}`,
        up: backfillMigration(spec),
        down: backfillDown(spec),
        lockSql: engine === 'postgres' ? backfillLockSql(spec) : undefined,
        commits: true,
        next: 'Verify that no NULL is left.',
      }),
    );
  } else {
    notes.push(`No --default given: existing NULLs must be filled before the verification passes (migrasafe plan backfill ${table} --set "${column} = ..." --where "${column} IS NULL").`);
  }
  phases.push(...notNullPhases(input, table, column, type, input.default));
  if (engine === 'postgres' && version.major < 12) notes.push(`PostgreSQL ${version.major}: SET NOT NULL always scans under ACCESS EXCLUSIVE; the validated CHECK is the guarantee. After upgrading to 12+, SET NOT NULL reuses it.`);
  return { kind: 'add-not-null', engine, version, title: `make ${table}.${column} NOT NULL`, phases, notes, scripts: [] };
}
