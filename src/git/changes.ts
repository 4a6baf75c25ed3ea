import path from 'node:path';
import { git } from './git.js';

export interface ChangedFile {
  /** Absolute path in the work tree. */
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** For renames: the absolute path on the base. */
  oldPath?: string;
}

/**
 * Files that differ between `base` and the work tree (committed on the branch, staged, or only
 * edited), plus untracked files that are not ignored: everything the release would ship.
 */
export function changedSince(base: string, root: string): ChangedFile[] {
  const out: ChangedFile[] = [];
  const diff = git(['diff', '--name-status', '-z', '-M', base, '--'], root) ?? '';
  const parts = diff.split('\0').filter((p) => p !== '');
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++];
    const abs = (p: string) => path.join(root, p);
    if (code.startsWith('R') || code.startsWith('C')) {
      const from = parts[i++];
      const to = parts[i++];
      out.push({ path: abs(to), status: code.startsWith('R') ? 'renamed' : 'added', oldPath: abs(from) });
    } else {
      const p = parts[i++];
      out.push({ path: abs(p), status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified' });
    }
  }
  const untracked = git(['ls-files', '-z', '--others', '--exclude-standard'], root) ?? '';
  for (const p of untracked.split('\0')) if (p) out.push({ path: path.join(root, p), status: 'added' });
  return out;
}

/** A file's text at a commit (undefined when it did not exist there). */
export function textAt(commit: string, absPath: string, root: string): string | undefined {
  const rel = path.relative(root, absPath).split(path.sep).join('/');
  return git(['show', `${commit}:${rel}`], root);
}

/** Files under a directory at a commit, as absolute paths. */
export function filesAt(commit: string, dir: string, root: string): string[] {
  const rel = path.relative(root, dir).split(path.sep).join('/') || '.';
  const out = git(['ls-tree', '-r', '-z', '--name-only', commit, '--', rel], root) ?? '';
  return out.split('\0').filter(Boolean).map((p) => path.join(root, p));
}

/** Tracked files of the work tree (absolute paths). */
export function trackedFiles(root: string): string[] {
  const out = git(['ls-files', '-z'], root) ?? '';
  return out.split('\0').filter(Boolean).map((p) => path.join(root, p));
}
