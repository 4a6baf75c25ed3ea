import path from 'node:path';
import { isDir } from '../fs-helpers.js';
import { findKnexfile, knexSettingsForDir, readKnexfileStatically } from './knexfile.js';
import { knexMigrationOrder } from './set.js';

/**
 * The Knex migrations a command-line directory holds: the knexfile found in it or above it names
 * migration directories, and those inside the given directory are listed in Knex's order. (The
 * `include` globs select `.sql` files; Knex migrations are `.js`/`.ts` and come from here.)
 */
export function knexMigrationsUnder(input: string): string[] {
  const abs = path.resolve(input);
  if (!isDir(abs)) return [];
  const knexfile = findKnexfile(abs);
  if (!knexfile) return [];
  const settings = readKnexfileStatically(knexfile);
  const directories = settings.directories.filter((d) => d === abs || d.startsWith(abs + path.sep));
  if (directories.length === 0) return [];
  return knexMigrationOrder({ ...settings, directories }).map((e) => path.join(e.directory, e.file));
}

/** Whether a file is a Knex migration: in a directory its knexfile names, with an extension Knex loads. */
export function isKnexMigration(file: string): boolean {
  if (!/\.[cm]?[jt]s$/.test(file)) return false;
  const settings = knexSettingsForDir(path.dirname(path.resolve(file)));
  return !!settings && settings.loadExtensions.includes(path.extname(file));
}
