import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { commentRanges } from './comments.js';
import { git } from './git.js';

export interface Reference {
  /** Absolute path. */
  path: string;
  /** 1-based line. */
  line: number;
  text: string;
}

export interface ReferenceSearch {
  /** Directories never searched (migration directories), absolute. */
  excludeDirs: string[];
  /** gitignore-style globs of the files to search (relative to the repository root); default: every tracked text file. */
  include?: string[];
  /** gitignore-style globs never searched. */
  exclude?: string[];
}

/**
 * Tracked files of the work tree that mention each name as a whole identifier (`git grep -w`),
 * outside comments and outside the migration directories.
 */
export function findReferences(root: string, names: string[], search: ReferenceSearch): Map<string, Reference[]> {
  const result = new Map<string, Reference[]>(names.map((n) => [n, []]));
  if (names.length === 0) return result;
  const pathspecs = search.excludeDirs.map((d) => `:(exclude)${path.relative(root, d).split(path.sep).join('/') || '.'}`);
  const args = ['grep', '-n', '-I', '-w', '-F', '--null', '--full-name', ...names.flatMap((n) => ['-e', n]), '--', '.', ...pathspecs];
  const out = git(args, root) ?? '';
  const include = search.include?.length ? ignore().add(search.include) : undefined;
  const exclude = search.exclude?.length ? ignore().add(search.exclude) : undefined;
  const comments = new Map<string, { ranges: Array<[number, number]>; lineStarts: number[] }>();
  for (const row of out.split('\n')) {
    const [rel, lineText, content] = row.split('\0');
    if (content === undefined) continue;
    if (include && !include.ignores(rel)) continue;
    if (exclude?.ignores(rel)) continue;
    const abs = path.join(root, rel);
    const line = Number(lineText);
    let info = comments.get(abs);
    if (!info) {
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch {
        text = '';
      }
      const lineStarts = [0];
      for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
      info = { ranges: commentRanges(abs, text), lineStarts };
      comments.set(abs, info);
    }
    const lineStart = info.lineStarts[line - 1] ?? 0;
    for (const name of names) {
      const re = new RegExp(`(?<![A-Za-z0-9_$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_$])`, 'g');
      for (const m of content.matchAll(re)) {
        const at = lineStart + (m.index ?? 0);
        if (info.ranges.some(([s, e]) => at >= s && at < e)) continue;
        result.get(name)!.push({ path: abs, line, text: content.trim().slice(0, 160) });
        break;
      }
    }
  }
  return result;
}
