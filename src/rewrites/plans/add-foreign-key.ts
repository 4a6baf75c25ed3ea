import type { Plan, PlanInput } from './types.js';
import { tableColumn } from './args.js';
import { migration, verify } from './phase.js';
import { bareTable, ident, objectName, tableName } from './sql.js';

const USAGE = 'migrasafe plan add-foreign-key <table>.<column> <referenced_table>.<column> [--name <constraint>]';

/**
 * PostgreSQL: add the foreign key NOT VALID (new rows checked, no scan) and validate it in a
 * later migration (SHARE UPDATE EXCLUSIVE while it scans). MySQL: check orphans, then add it
 * INPLACE with foreign_key_checks off (otherwise MySQL copies the table).
 */
export function addForeignKeyPlan(input: PlanInput): Plan {
  const from = tableColumn(input.args[0], USAGE);
  const to = tableColumn(input.args[1], USAGE);
  const { engine, version } = input;
  const t = tableName(engine, from.table);
  const r = tableName(engine, to.table);
  const c = ident(engine, from.column);
  const rc = ident(engine, to.column);
  const name = ident(engine, input.name ?? objectName(bareTable(from.table), from.column, 'fkey'));
  const orphans = `SELECT COUNT(*) FROM ${t} AS child WHERE child.${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r} AS parent WHERE parent.${rc} = child.${c});`;
  const gate = verify('verify-no-orphans', `Verify every ${from.table}.${from.column} has a matching ${to.table}.${to.column}`, orphans, 'Expect 0: delete or fix orphan rows first.');
  const phases =
    engine === 'postgres'
      ? [
          migration(engine, version, {
            slug: `fk-${from.column}-not-valid`,
            title: 'Add the foreign key NOT VALID (checks new rows only, no scan)',
            up: `ALTER TABLE ${t} ADD CONSTRAINT ${name} FOREIGN KEY (${c}) REFERENCES ${r} (${rc}) NOT VALID;`,
            down: `ALTER TABLE ${t} DROP CONSTRAINT ${name};`,
            next: 'Check for orphans, then validate in a separate migration.',
          }),
          gate,
          migration(engine, version, {
            slug: `validate-fk-${from.column}`,
            title: 'Validate the foreign key (scans without blocking writes on either table)',
            up: `ALTER TABLE ${t} VALIDATE CONSTRAINT ${name};`,
            down: `ALTER TABLE ${t} DROP CONSTRAINT ${name};\nALTER TABLE ${t} ADD CONSTRAINT ${name} FOREIGN KEY (${c}) REFERENCES ${r} (${rc}) NOT VALID;`,
            next: 'Done.',
          }),
        ]
      : [
          gate,
          migration(engine, version, {
            slug: `fk-${from.column}`,
            title: 'Add the foreign key in place (foreign_key_checks off for this session: no table copy; orphans checked above)',
            up: `SET foreign_key_checks = 0;\nALTER TABLE ${t} ADD CONSTRAINT ${name} FOREIGN KEY (${c}) REFERENCES ${r} (${rc}), ALGORITHM=INPLACE, LOCK=NONE;\nSET foreign_key_checks = 1;`,
            down: `ALTER TABLE ${t} DROP FOREIGN KEY ${name}, ALGORITHM=INPLACE, LOCK=NONE;`,
            next: 'Done.',
          }),
        ];
  const notes = [`Index ${from.table}.${from.column} (migrasafe plan add-index ${from.table}.${from.column}) so deletes on ${to.table} do not scan ${from.table}.`];
  return { kind: 'add-foreign-key', engine, version, title: `add foreign key ${from.table}.${from.column} -> ${to.table}.${to.column}`, phases, notes, scripts: [] };
}
