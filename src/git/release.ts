import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { defaultBaseRef, mergeBase } from './base.js';
import { changedSince, filesAt, textAt, type ChangedFile } from './changes.js';
import { repoRoot, resolveCommit } from './git.js';
import { findReferences, type Reference } from './references.js';

export interface ReleaseOptions {
  /** `--base` or the config's `release.base`. */
  base?: string;
  env: NodeJS.ProcessEnv;
  /** Without a git base: how many of the newest migration files are unreleased (default 1). */
  unreleased: number;
}

export interface GitRelease {
  root: string;
  baseRef: string;
  baseCommit: string;
  changed: ChangedFile[];
}

/** Which files of a migration set the deploy ships, and how it was decided. */
export interface ReleaseSelection {
  /** Absolute path -> how the file is new. */
  files: Map<string, { status: 'added' | 'modified' | 'newest'; basePath?: string }>;
  git?: GitRelease;
}

/**
 * The release of a migration set: with a git base (given, or detected in CI), the migration files
 * added or changed since the merge base; otherwise the newest `unreleased` files.
 */
export function selectRelease(setRoot: string, orderedUpFiles: readonly string[], opts: ReleaseOptions): ReleaseSelection {
  const files: ReleaseSelection['files'] = new Map();
  const root = opts.base || opts.env.CI || opts.env.GITHUB_BASE_REF || opts.env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME ? repoRoot(setRoot) : undefined;
  const baseRef = root ? (opts.base ?? defaultBaseRef(opts.env, root)) : undefined;
  if (opts.base && !root) throw new UsageError(`--base ${opts.base}: ${setRoot} is not inside a git work tree (or git is not installed).`);
  if (root && baseRef) {
    if (!resolveCommit(baseRef, root)) {
      if (opts.base) throw new UsageError(`--base ${opts.base}: no such git ref (fetch it first, e.g. git fetch origin ${opts.base.replace(/^origin\//, '')}).`);
    } else {
      const baseCommit = mergeBase(baseRef, root)!;
      const changed = changedSince(baseCommit, root);
      const inSet = new Set(orderedUpFiles);
      for (const c of changed) {
        if (c.status === 'deleted' || !inSet.has(c.path)) continue;
        files.set(c.path, c.status === 'added' ? { status: 'added' } : { status: 'modified', basePath: c.oldPath ?? c.path });
      }
      return { files, git: { root, baseRef, baseCommit, changed } };
    }
  }
  for (const f of orderedUpFiles.slice(Math.max(0, orderedUpFiles.length - opts.unreleased))) files.set(f, { status: 'newest' });
  return { files };
}

/** The base version of a file, for `modified-applied-migration`. */
export function baseTextOf(g: GitRelease, basePath: string): string | undefined {
  return textAt(g.baseCommit, basePath, g.root);
}

/** Migration files (`.sql`) under the set's directory on the base. */
export function baseMigrationFiles(g: GitRelease, setRoot: string): string[] {
  return filesAt(g.baseCommit, setRoot, g.root).filter((f) => f.endsWith('.sql') && f.startsWith(setRoot + path.sep));
}

export function searchReferences(g: GitRelease, names: string[], excludeDirs: string[], include?: string[], exclude?: string[]): Map<string, Reference[]> {
  return findReferences(g.root, names, { excludeDirs, include, exclude });
}
