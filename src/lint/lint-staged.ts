import { stagedContent } from '../git/staged.js';
import type { Diagnostic, FileResult } from '../core/types.js';
import { HistoryCache } from './history-context.js';
import { lintFiles, lintText, unreadable, type LintOptions } from './lint-files.js';

/**
 * Lints the index (staged) version of each file, with the migration history before it as
 * context. Staged versions also stand in for the working tree in that history, so a commit
 * of two migrations is checked the way it will be applied.
 */
export async function lintStagedFiles(topLevel: string, files: readonly string[], opts: LintOptions): Promise<FileResult[]> {
  // Migrations that are code run from disk (Knex loads the file): linted with their set, as on disk.
  const code = new Map((await lintCodeMigrations(topLevel, files, opts)).map((r) => [r.filePath, r]));
  const staged = new Map(files.filter((f) => !code.has(f)).map((f) => [f, stagedContent(topLevel, f)]));
  const history = new HistoryCache({
    lint: opts,
    disk: 'stat',
    override: (filePath) => {
      const text = staged.get(filePath);
      return typeof text !== 'string' ? undefined : { text, version: `index:${text.length}:${hash(text)}` };
    },
  });
  const bySql = new Map<string, FileResult>();
  for (const [file, text] of staged) {
    if (typeof text !== 'string') {
      bySql.set(file, unreadable(file, text));
      continue;
    }
    const { config, context } = history.contextFor(file);
    bySql.set(file, await lintText(text, file, opts, config, context));
  }
  return files.map((f) => code.get(f) ?? bySql.get(f)!);
}

/**
 * Knex migrations among the staged files, linted from the working tree (the code that runs is the
 * file on disk); a note says so when the staged version differs from it.
 */
async function lintCodeMigrations(topLevel: string, files: readonly string[], opts: LintOptions): Promise<FileResult[]> {
  const knex = files.filter((f) => /\.[cm]?[jt]s$/.test(f));
  if (knex.length === 0) return [];
  const { isKnexMigration } = await import('../sources/knex/discover.js');
  const selected = knex.filter(isKnexMigration);
  if (selected.length === 0) return [];
  const results = await lintFiles(selected, opts);
  return results.map((r) => {
    if (stagedContent(topLevel, r.filePath) === r.source) return r;
    const note: Diagnostic = { ruleId: null, code: 'migration-tool', level: 'info', message: 'This Knex migration has unstaged changes: migrasafe ran and linted the working-tree version (Knex migrations run from disk), not the staged one.', location: { range: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
    return { ...r, diagnostics: [note, ...r.diagnostics] };
  });
}

/** A cheap content fingerprint for the history cache key (FNV-1a). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
