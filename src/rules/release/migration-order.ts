import { compareVersions } from '../../git/versions.js';
import type { Rule } from '../types.js';

export const migrationOrder: Rule = {
  meta: {
    id: 'migration-order',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'release',
    defaultLevel: 'error',
    description: 'A new migration sorts before the newest migration already on the base branch, or two migrations share a version.',
    fixable: false,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkRelease(ctx) {
    // Liquibase keys applied changeSets by id, author and file, not by a version in the file name,
    // and runs every changeSet not yet applied in changelog order: neither check applies.
    if (ctx.tool === 'liquibase') return;
    // Two files of the same role with the same version: tools refuse to run, or run one of them only.
    // A plain directory has no version table (names only order the files), so only tools key by version.
    const seen = new Map<string, string>();
    for (const f of ctx.tool === 'plain' ? [] : ctx.setFiles) {
      if (!f.version || (f.role !== 'up' && f.role !== 'down')) continue;
      const key = `${f.role}:${f.version.replace(/(^|\.)0+(?=\d)/g, '$1')}`;
      const other = seen.get(key);
      if (other === undefined) {
        seen.set(key, f.displayPath);
        continue;
      }
      ctx.report({
        file: f.path,
        message: `${f.displayPath} has version ${f.version}, like ${other}. Migration tools key applied migrations by version: one of them fails or never runs. Give this file the next free version.`,
        why: 'Versions identify migrations in the schema history table; duplicates are refused (Flyway, golang-migrate) or silently skipped.',
      });
    }
    if (!ctx.git) return;
    const baseVersions = ctx.git.baseMigrations.map((m) => m.version).filter((v): v is string => !!v);
    if (baseVersions.length === 0) return;
    const newest = baseVersions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
    for (const file of ctx.files) {
      if (file.status !== 'added' || !file.version || file.role !== 'up') continue;
      if (compareVersions(file.version, newest) >= 0) continue;
      ctx.report({
        file: file.path,
        message: `${file.displayPath} (version ${file.version}) sorts before ${newest}, the newest migration already on ${ctx.git.baseRef}. Databases already at ${newest} will skip it or refuse to migrate (Flyway: "Detected resolved migration not applied", golang-migrate runs only newer versions). Rename it with a version after ${newest}.`,
        why: 'Tools apply migrations newer than the last applied version; an older version added later is ignored or rejected.',
      });
    }
  },
};
