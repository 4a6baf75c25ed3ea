import { UsageError } from '../../core/errors.js';
import type { PlanInput } from './types.js';

/** `users.email` or `app.users.email` -> table and column. */
export function tableColumn(arg: string | undefined, usage: string): { table: string; column: string } {
  const parts = (arg ?? '').split('.');
  if (parts.length < 2 || parts.some((p) => !p)) throw new UsageError(`Expected <table>.<column>, got "${arg ?? ''}". Usage: ${usage}`);
  return { table: parts.slice(0, -1).join('.'), column: parts[parts.length - 1] };
}

export function required(value: string | undefined, what: string, usage: string): string {
  if (!value) throw new UsageError(`Missing ${what}. Usage: ${usage}`);
  return value;
}

/** The column's type from --type or the schema catalog; a clear error when neither knows it. */
export function columnType(input: PlanInput, table: string, column: string, flag = '--type'): string {
  const t = input.type ?? input.table(table).columns.get(column)?.type;
  if (!t) throw new UsageError(`The type of ${table}.${column} is unknown: give ${flag} <type>, or run from the project so the migration history can be read (--dir).`);
  return t;
}
