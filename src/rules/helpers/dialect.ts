import type { QualifiedName } from '../../core/operations.js';
import type { Engine } from '../../core/types.js';
import { atLeast, type Version } from '../../engines/version.js';
import { quoteIdent as pgQuoteIdent, quoteName as pgQuoteName } from './sql-text.js';

/**
 * The engine-specific SQL text that engine-neutral rules put into their suggestions. Rules in
 * `rules/general/` ask this, never spell PostgreSQL or MySQL syntax themselves.
 */
export interface Dialect {
  engine: Engine;
  ident(name: string): string;
  name(q: QualifiedName): string;
  /** A BEFORE INSERT/UPDATE trigger that keeps `oldCol` and `newCol` equal while old and new code both run. */
  syncColumnsTrigger(table: QualifiedName, oldCol: string, newCol: string): string[];
  dropSyncTrigger(table: QualifiedName, oldCol: string): string[];
  /** A query showing whether anything still reads or writes a table (run it twice, a day apart). */
  tableUsageQuery(table: QualifiedName): string;
  /** Keeps the old table name working after a rename (old code keeps reading and writing). */
  renameTableWithCompat(table: QualifiedName, newName: string): string[];
  dropCompat(table: QualifiedName): string;
  /** `a IS DISTINCT FROM b`: true when they differ, NULLs compared as values. */
  isDistinct(a: string, b: string): string;
  /** The error the server gives a query naming a table that is gone. */
  missingTableError(table: string): string;
  /** The error the server gives a query naming a column that is gone. */
  missingColumnError(column: string): string;
  /** How to keep a copy of one table before dropping it. */
  backupTableCommand(table: QualifiedName): string;
}

function syncFunctionName(table: QualifiedName, oldCol: string): string {
  return `${table.name}_${oldCol}_sync`.slice(0, 63);
}

function postgres(version: Version): Dialect {
  const ident = pgQuoteIdent;
  const name = pgQuoteName;
  return {
    engine: 'postgres',
    ident,
    name,
    syncColumnsTrigger(table, oldCol, newCol) {
      const fn = ident(syncFunctionName(table, oldCol));
      const o = ident(oldCol);
      const n = ident(newCol);
      // EXECUTE FUNCTION is PostgreSQL 11+; 10 spells it EXECUTE PROCEDURE.
      const exec = atLeast(version, 11) ? 'EXECUTE FUNCTION' : 'EXECUTE PROCEDURE';
      return [
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$`,
        `BEGIN`,
        `  IF TG_OP = 'INSERT' THEN`,
        `    NEW.${n} := COALESCE(NEW.${n}, NEW.${o});`,
        `    NEW.${o} := COALESCE(NEW.${o}, NEW.${n});`,
        `  ELSIF NEW.${o} IS DISTINCT FROM OLD.${o} THEN`,
        `    NEW.${n} := NEW.${o};`,
        `  ELSIF NEW.${n} IS DISTINCT FROM OLD.${n} THEN`,
        `    NEW.${o} := NEW.${n};`,
        `  END IF;`,
        `  RETURN NEW;`,
        `END $$;`,
        `CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON ${name(table)} FOR EACH ROW ${exec} ${fn}();`,
      ];
    },
    dropSyncTrigger(table, oldCol) {
      const fn = ident(syncFunctionName(table, oldCol));
      return [`DROP TRIGGER ${fn} ON ${name(table)};`, `DROP FUNCTION ${fn}();`];
    },
    tableUsageQuery(table) {
      const schema = table.schema ?? 'public';
      return `SELECT seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE schemaname = '${schema}' AND relname = '${table.name}';`;
    },
    renameTableWithCompat(table, newName) {
      const renamed = name({ schema: table.schema, name: newName });
      return [
        `BEGIN;`,
        `ALTER TABLE ${name(table)} RENAME TO ${ident(newName)};`,
        `-- a simple view is updatable: old code keeps reading and writing through the old name`,
        `CREATE VIEW ${name(table)} AS SELECT * FROM ${renamed};`,
        `COMMIT;`,
      ];
    },
    dropCompat(table) {
      return `DROP VIEW ${name(table)};`;
    },
    isDistinct: (a, b) => `${a} IS DISTINCT FROM ${b}`,
    missingTableError: (table) => `ERROR: relation "${table}" does not exist`,
    missingColumnError: (column) => `ERROR: column "${column}" does not exist`,
    backupTableCommand: (table) => `pg_dump --table=${name(table)} --format=custom --file=${table.name}.dump <database>`,
  };
}

function mysql(engine: Engine): Dialect {
  const ident = (n: string) => (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(n) ? n : `\`${n.replace(/`/g, '``')}\``);
  const name = (q: QualifiedName) => (q.schema ? `${ident(q.schema)}.${ident(q.name)}` : ident(q.name));
  return {
    engine,
    ident,
    name,
    syncColumnsTrigger(table, oldCol, newCol) {
      const base = syncFunctionName(table, oldCol).slice(0, 60);
      const o = ident(oldCol);
      const n = ident(newCol);
      return [
        `CREATE TRIGGER ${ident(`${base}_ins`)} BEFORE INSERT ON ${name(table)} FOR EACH ROW`,
        `  SET NEW.${n} = COALESCE(NEW.${n}, NEW.${o}), NEW.${o} = COALESCE(NEW.${o}, NEW.${n});`,
        `CREATE TRIGGER ${ident(`${base}_upd`)} BEFORE UPDATE ON ${name(table)} FOR EACH ROW`,
        `  SET NEW.${n} = IF(NOT (NEW.${o} <=> OLD.${o}), NEW.${o}, NEW.${n}), NEW.${o} = IF(NOT (NEW.${n} <=> OLD.${n}) AND (NEW.${o} <=> OLD.${o}), NEW.${n}, NEW.${o});`,
      ];
    },
    dropSyncTrigger(table, oldCol) {
      const base = syncFunctionName(table, oldCol).slice(0, 60);
      return [`DROP TRIGGER ${ident(`${base}_ins`)};`, `DROP TRIGGER ${ident(`${base}_upd`)};`];
    },
    tableUsageQuery(table) {
      const schema = table.schema ? `'${table.schema}'` : 'DATABASE()';
      return `SELECT count_read, count_write FROM performance_schema.table_io_waits_summary_by_table WHERE object_schema = ${schema} AND object_name = '${table.name}';`;
    },
    renameTableWithCompat(table, newName) {
      return [
        `RENAME TABLE ${name(table)} TO ${name({ schema: table.schema, name: newName })};`,
        `-- a simple view is updatable: old code keeps reading and writing through the old name`,
        `CREATE VIEW ${name(table)} AS SELECT * FROM ${name({ schema: table.schema, name: newName })};`,
      ];
    },
    dropCompat(table) {
      return `DROP VIEW ${name(table)};`;
    },
    isDistinct: (a, b) => `NOT (${a} <=> ${b})`,
    // ER_NO_SUCH_TABLE (1146) and ER_BAD_FIELD_ERROR (1054), MySQL error message reference.
    missingTableError: (table) => `ERROR 1146 (42S02): Table '<database>.${table}' doesn't exist`,
    missingColumnError: (column) => `ERROR 1054 (42S22): Unknown column '${column}' in 'field list'`,
    backupTableCommand: (table) => `mysqldump --single-transaction ${table.schema ?? '<database>'} ${table.name} > ${table.name}.sql`,
  };
}

export function dialectFor(engine: Engine, version: Version): Dialect {
  return engine === 'postgres' ? postgres(version) : mysql(engine);
}
