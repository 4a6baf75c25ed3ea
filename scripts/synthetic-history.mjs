// A realistic synthetic migration history for the benchmarks: tables created, then columns,
// indexes, constraints and backfills added to them, round-robin over `tables` tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The SQL of migration number `n` (0-based). */
export function migration(n, tables = 60) {
  const t = `table_${n % tables}`;
  if (n < tables) return `CREATE TABLE ${t} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  created_at timestamptz NOT NULL DEFAULT now(),\n  name text\n);\n`;
  switch (n % 5) {
    case 0:
      return `ALTER TABLE ${t} ADD COLUMN c${n} text;\n`;
    case 1:
      return `CREATE INDEX CONCURRENTLY ${t}_c${n - 1}_idx ON ${t} (c${n - 1});\n`;
    case 2:
      return `ALTER TABLE ${t} ADD COLUMN ref${n} bigint;\nALTER TABLE ${t} ADD CONSTRAINT ${t}_ref${n}_fk FOREIGN KEY (ref${n}) REFERENCES table_${(n + 1) % tables} (id) NOT VALID;\n`;
    case 3:
      return `ALTER TABLE ${t} VALIDATE CONSTRAINT ${t}_ref${n - 1}_fk;\n`;
    default:
      return `COMMENT ON TABLE ${t} IS 'revision ${n}';\n`;
  }
}

/** Writes `count` migrations (`0001_step.sql`, ...) into `dir`. */
export function writeHistory(dir, count, tables = 60) {
  mkdirSync(dir, { recursive: true });
  const width = Math.max(4, String(count).length);
  for (let n = 0; n < count; n++) writeFileSync(path.join(dir, `${String(n + 1).padStart(width, '0')}_step.sql`), migration(n, tables));
}

/** Writes the same history as one baseline file (`0001_baseline.sql`, `count` migrations' statements) into `dir`. */
export function writeBaseline(dir, count, tables = 60) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '0001_baseline.sql'), Array.from({ length: count }, (_, n) => migration(n, tables)).join(''));
}
