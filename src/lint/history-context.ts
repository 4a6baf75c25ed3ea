import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { Catalog } from '../schema/replay.js';
import { findMigrationSet } from '../sources/find-set.js';
import type { MigrationFile, MigrationSet } from '../sources/types.js';
import { configFor, downAfterUp, replayFile, withDetectedEngine, type FileContextInput, type LintOptions } from './lint-files.js';

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

const CHECKPOINT = 16;

interface Step {
  path: string;
  version: string;
  /** Schema after this file was replayed (kept at checkpoints and for linted files). */
  after?: Catalog;
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
      this.sets = new Map();
      this.prefixes.clear();
      this.diskVersions.clear();
      return;
    }
    const abs = path.resolve(filePath);
    this.diskVersions.delete(abs);
    // A new or deleted file changes its set's listing: find the sets again (they load lazily).
    const known = [...this.sets.values()].some((set) => set.files.some((f) => f.path === abs));
    if (!known || !existsSync(abs)) {
      this.sets = new Map();
      this.prefixes.clear();
    }
  }

  /** Config, tool information and the schema before `filePath`, ready for `lintText`. */
  contextFor(filePath: string): { config: ResolvedConfig; context: FileContextInput } {
    const abs = path.resolve(filePath);
    const fileConfig = configFor(abs, this.opts.lint);
    const set = findMigrationSet(abs, this.sets, fileConfig.tool, fileConfig.toolOptions);
    // The tool's own engine setting (Prisma provider, Flyway URL) when neither --engine nor the config names one.
    const config = set.engine ? withDetectedEngine(fileConfig, '', set.engine) : fileConfig;
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
    return { config, context: { migration, catalog, set } };
  }

  private catalogBefore(set: MigrationSet, ordered: MigrationFile[], index: number, config: ResolvedConfig, complete: boolean): Catalog {
    const history = ordered.slice(0, index).filter((f) => f.role === 'up' || f.role === 'repeatable');
    if (history.length === 0) return new Catalog(complete);
    let prefix = this.prefixes.get(set) ?? [];
    let valid = 0;
    const versions: string[] = [];
    for (const f of history) {
      const version = this.versionOf(f.path);
      versions.push(version);
      if (valid === versions.length - 1 && prefix[valid]?.path === f.path && prefix[valid].version === version) valid++;
    }
    // Steps after the first changed file are stale; steps after this file (another open file) are kept.
    if (valid < history.length) prefix = prefix.slice(0, valid);
    this.prefixes.set(set, prefix);
    const target = history.length - 1;
    if (prefix[target]?.after) return prefix[target].after;
    // Copying a schema costs as much as replaying a few files: keep one every CHECKPOINT files.
    let from = Math.min(prefix.length, history.length);
    while (from > 0 && !prefix[from - 1].after) from--;
    let catalog = from > 0 ? prefix[from - 1].after!.clone() : new Catalog(complete);
    for (let k = from; k <= target; k++) {
      const f = history[k];
      const text = this.textOf(f);
      if (text !== undefined) replayFile(text, config, catalog, f);
      const step = (prefix[k] ??= { path: f.path, version: versions[k] });
      if (k === target || (k + 1) % CHECKPOINT === 0) {
        step.after = catalog;
        if (k < target) catalog = catalog.clone();
      }
    }
    return prefix[target].after!;
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
