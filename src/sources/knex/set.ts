import path from 'node:path';
import { isFile, listDir } from '../fs-helpers.js';
import type { MigrationFile, MigrationSet } from '../types.js';
import { engineFromKnexClient, type KnexSettings } from './knexfile.js';
import type { KnexSession } from './record.js';

/** Names of Knex migration files as Knex orders them. */
export interface KnexEntry {
  file: string;
  directory: string;
}

/**
 * Knex's FsMigrations.getMigrations: every configured directory's entries, sorted by file name
 * across directories (lodash `sortBy(..., 'file')`, plain string comparison), or each directory
 * sorted on its own when `sortDirsSeparately`; then only the `loadExtensions`.
 */
export function knexMigrationOrder(settings: Pick<KnexSettings, 'directories' | 'sortDirsSeparately' | 'loadExtensions'>): KnexEntry[] {
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  let all: KnexEntry[] = [];
  for (const directory of settings.directories) {
    const files = listDir(directory).filter((f) => isFile(path.join(directory, f)));
    if (settings.sortDirsSeparately) files.sort(byCode);
    all.push(...files.map((file) => ({ file, directory })));
  }
  if (!settings.sortDirsSeparately) all = all.map((e, i) => ({ e, i })).sort((a, b) => byCode(a.e.file, b.e.file) || a.i - b.i).map((x) => x.e);
  return all.filter((e) => settings.loadExtensions.includes(path.extname(e.file)));
}

/** The set's root: its one migration directory, or the knexfile's directory when there are several. */
function rootOf(settings: KnexSettings): string {
  return settings.directories.length === 1 ? settings.directories[0] : path.dirname(settings.knexfile);
}

/**
 * A Knex project: the migrations of every configured directory in Knex's order. Each file is
 * JavaScript/TypeScript: its SQL comes from `load`, which runs the migration with Knex in recording
 * mode (only when the configuration allows running project code: `allowJs`).
 */
export function loadKnexSet(settings: KnexSettings): MigrationSet {
  let session: Promise<KnexSession> | undefined;
  const open = () => (session ??= import('./record.js').then((m) => m.openKnexSession(settings)));
  const filesOf = (s: KnexSettings): MigrationFile[] =>
    knexMigrationOrder(s).map(({ file, directory }) => {
      const m = /^(\d+)[_-]?(.*?)\.[^.]+$/.exec(file);
      const abs = path.join(directory, file);
      return {
        path: abs,
        role: 'up',
        version: m?.[1],
        description: m?.[2] ?? file.replace(/\.[^.]+$/, ''),
        toolTransaction: !s.disableTransactions,
        load: async () => (await open()).record(abs),
      };
    });
  const files = filesOf(settings);
  const where = path.basename(settings.knexfile);
  const set: MigrationSet = {
    root: rootOf(settings),
    tool: 'knex',
    engine: engineFromKnexClient(settings.client),
    files,
    downs: 'sections',
    evidence: `${where}${settings.client ? ` (client ${settings.client})` : ''}: migrations.directory ${settings.directories.map((d) => path.relative(path.dirname(settings.knexfile), d) || '.').join(', ')}`,
    // The knexfile ran: its selected environment's client and transaction default replace the guesses read from its text.
    prepare: async () => {
      const executed = (await open()).settings;
      set.engine = engineFromKnexClient(executed.client) ?? set.engine;
      // The selected environment's directories, order and transaction default (the text read kept every environment's).
      set.files = filesOf(executed);
      set.evidence = `${where} (ran it${executed.environment ? `, environment ${executed.environment}` : ''}; client ${executed.client})`;
    },
  };
  return set;
}
