import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { Catalog } from '../schema/replay.js';
import { findMigrationSet } from '../sources/find-set.js';
import type { MigrationFile, MigrationSet } from '../sources/types.js';
import { configFor, downAfterUp, replayFile, type FileContextInput, type LintOptions } from './lint-files.js';

/** A file's text as the linter should see it, with a key that changes whenever the text does. */
export interface TextSnapshot {
  text: string;
  version: string;
}

export interface HistoryCacheOptions {
  lint: LintOptions;
  /** Text that replaces a file's disk content (an editor's unsaved buffer), if any. */
  override?: (filePath: string) => TextSnapshot | undefined;
  /**
   * `stat`: disk files are re-checked (mtime, size) on every request (one-shot runs, ESLint).
   * `trust`: disk files are assumed unchanged until `invalidate` is called (the language server,
   * which hears about disk changes from the editor), so a keystroke costs no file system calls.
   */
  disk: 'stat' | 'trust';
}

interface Step {
  path: string;
  version: string;
  /** Schema after this file was replayed. */
  after: Catalog;
}

/**
 * The migration history before a file, replayed once and kept: a prefix of the set's files is
 * reused as long as none of them changed, so linting one file again (every keystroke in an
 * editor, every file of an ESLint run) replays only what changed.
 */
export class HistoryCache {
  private sets = new Map<string, MigrationSet>();
  private prefixes = new Map<MigrationSet, Step[]>();
  private diskVersions = new Map<string, string>();

  constructor(private readonly opts: HistoryCacheOptions) {}

  /** Forgets disk state: a file changed, appeared or disappeared (or everything, without a path). */
  invalidate(filePath?: string): void {
    if (!filePath) {
      this.sets.clear();
      this.prefixes.clear();
      this.diskVersions.clear();
      return;
    }
    const abs = path.resolve(filePath);
    this.diskVersions.delete(abs);
    // A new or deleted file changes its directory's set listing.
    const set = this.sets.get(path.dirname(abs));
    if (set && !set.files.some((f) => f.path === abs)) {
      this.sets.delete(path.dirname(abs));
      this.prefixes.delete(set);
    }
  }

  /** Config, tool information and the schema before `filePath`, ready for `lintText`. */
  contextFor(filePath: string): { config: ResolvedConfig; context: FileContextInput } {
    const abs = path.resolve(filePath);
    const config = configFor(abs, this.opts.lint);
    const set = findMigrationSet(abs, this.sets);
    // Run order, as lintFiles uses it: a down file right after its up file.
    const ordered = downAfterUp(set.files);
    const index = ordered.findIndex((f) => f.path === abs);
    // Not a migration its tool knows about (a new unsaved file, a scratch file): linted on its own.
    if (index < 0) return { config, context: {} };
    const migration = ordered[index];
    // A set of one file is no history: nothing can be called missing.
    const complete = set.files.filter((f) => f.role === 'up').length > 1;
    let catalog = this.catalogBefore(set, ordered, index, config, complete);
    if (migration.role === 'down') {
      // How many later migrations were rolled back first is unknown: nothing is called missing.
      catalog = catalog.clone();
      catalog.complete = false;
    }
    return { config, context: { migration, catalog } };
  }

  private catalogBefore(set: MigrationSet, ordered: MigrationFile[], index: number, config: ResolvedConfig, complete: boolean): Catalog {
    const history = ordered.slice(0, index).filter((f) => f.role === 'up' || f.role === 'repeatable');
    let prefix = this.prefixes.get(set) ?? [];
    let valid = 0;
    const versions: string[] = [];
    for (const f of history) {
      const version = this.versionOf(f.path);
      versions.push(version);
      if (valid === versions.length - 1 && prefix[valid]?.path === f.path && prefix[valid].version === version) valid++;
    }
    // The cached prefix may be longer than needed (a later file was linted before): keep it when it is still valid.
    if (valid < history.length) {
      prefix = prefix.slice(0, valid);
      let catalog = valid > 0 ? prefix[valid - 1].after.clone() : new Catalog(complete);
      for (let k = valid; k < history.length; k++) {
        const f = history[k];
        const text = this.textOf(f);
        if (text !== undefined) replayFile(text, config, catalog, f);
        prefix.push({ path: f.path, version: versions[k], after: catalog });
        catalog = catalog.clone();
      }
      this.prefixes.set(set, prefix);
    }
    return history.length > 0 ? prefix[history.length - 1].after : new Catalog(complete);
  }

  private versionOf(filePath: string): string {
    const override = this.opts.override?.(filePath);
    if (override) return `buffer:${override.version}`;
    if (this.opts.disk === 'trust') {
      const known = this.diskVersions.get(filePath);
      if (known) return known;
    }
    let version: string;
    try {
      const st = statSync(filePath);
      version = `disk:${st.mtimeMs}:${st.size}`;
    } catch {
      version = 'missing';
    }
    this.diskVersions.set(filePath, version);
    return version;
  }

  private textOf(f: MigrationFile): string | undefined {
    const override = this.opts.override?.(f.path);
    if (override) return override.text;
    try {
      return readFileSync(f.path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
