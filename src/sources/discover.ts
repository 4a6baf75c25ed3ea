import { statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { naturalCompare } from './natural-compare.js';
import { UsageError } from '../core/errors.js';
import { isChangelogDocument } from './liquibase/sniff.js';


export interface DiscoverOptions {
  cwd: string;
  /** Globs (relative to the directory given) that select files inside directories. */
  include: string[];
  /** gitignore-style patterns, relative to `ignoreRoot`. */
  ignore: string[];
  ignoreRoot: string;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const CHANGELOG_GLOBS = ['**/*.xml', '**/*.yaml', '**/*.yml', '**/*.json'];
/** Build output holds copies of changelogs (Maven's target/, Gradle's build/). */
const BUILD_OUTPUT = ['**/target/**', '**/build/**'];

/**
 * Expands the command-line paths: files as given (even when not `.sql`), directories recursively
 * through the include globs, and glob patterns. Ignore patterns apply to directory and glob
 * expansion, and to explicit files too, as ESLint does. A path that matches nothing is an error.
 */
export function discoverFiles(inputs: string[], opts: DiscoverOptions): string[] {
  // Loaded on demand: a pre-commit run on a few named files needs neither (start-up cost).
  const require = createRequire(import.meta.url);
  const isIgnored = ignoredBy(opts);
  const glob = () => require('tinyglobby') as typeof import('tinyglobby');
  let selects: ((rel: string, file: string) => boolean) | undefined;
  const found = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    const stat = statIfExists(abs);
    if (stat?.isFile()) {
      if (!isIgnored(abs)) found.add(abs);
      continue;
    }
    if (stat?.isDirectory()) {
      // One walk for both kinds of file (two walks of the tree were a third of discovery on the
      // corpus), told apart after by the same matcher the walk uses.
      selects ??= directorySelector(opts.include);
      const files = glob().globSync([...opts.include, ...CHANGELOG_GLOBS], { cwd: abs, absolute: false, ignore: ALWAYS_IGNORED, dot: false });
      for (const rel of files) {
        const f = path.resolve(abs, rel);
        if (!isIgnored(f) && selects(rel, f)) found.add(path.normalize(f));
      }
      continue;
    }
    if (glob().isDynamicPattern(input)) {
      const files = glob().globSync([input], { cwd: opts.cwd, absolute: true, ignore: ALWAYS_IGNORED });
      if (files.length === 0) throw new UsageError(`No files matched the pattern "${input}".`);
      for (const f of files) if (!isIgnored(f)) found.add(path.normalize(f));
      continue;
    }
    throw new UsageError(`No such file or directory: ${input}`);
  }
  return [...found].sort(naturalCompare);
}

/**
 * The files among `candidates` (absolute paths) that `discoverFiles(inputs, opts)` would return,
 * without listing the directories: `--staged` asks this of a few staged files, and crawling the
 * whole repository for them cost more than linting them. Same rules: explicit files, the include
 * globs inside directories (no dot directories, never node_modules/.git), glob inputs, Liquibase
 * changelog documents, and the ignore patterns.
 */
export function selectDiscoverable(candidates: readonly string[], inputs: string[], opts: DiscoverOptions): string[] {
  const picomatch = createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
  const isIgnored = ignoredBy(opts);
  const always = picomatch(ALWAYS_IGNORED, { dot: true });
  const inDirectory = directorySelector(opts.include);
  const selectors = inputs.map((input): ((file: string) => boolean) => {
    const abs = path.resolve(opts.cwd, input);
    const stat = statIfExists(abs);
    if (stat?.isFile()) return (file) => file === abs;
    if (stat?.isDirectory()) {
      return (file) => {
        const rel = inside(abs, file);
        return rel !== undefined && !always(rel) && inDirectory(rel, file);
      };
    }
    const pattern = picomatch(input.split(path.sep).join('/'), { dot: false });
    return (file) => {
      const rel = inside(opts.cwd, file);
      return rel !== undefined && pattern(rel) && !always(rel);
    };
  });
  return candidates.filter((f) => selectors.some((selects) => selects(f)) && !isIgnored(f));
}

function statIfExists(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * What a listed directory contributes, by path relative to it (forward slashes): the files the
 * include globs select, and Liquibase XML/YAML/JSON changelogs (recognised by their
 * databaseChangeLog root) outside build output. Shared by discoverFiles and selectDiscoverable.
 */
function directorySelector(include: string[]): (rel: string, file: string) => boolean {
  const picomatch = createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
  const included = picomatch(include, { dot: false });
  const changelog = picomatch(CHANGELOG_GLOBS, { dot: false });
  const buildOutput = picomatch(BUILD_OUTPUT, { dot: true });
  return (rel, file) => included(rel) || (changelog(rel) && !buildOutput(rel) && isChangelogDocument(file));
}

/** `file` relative to `dir` with forward slashes, or undefined when it is not strictly inside. */
function inside(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined;
}

/** The configuration's gitignore-style patterns, relative to its directory, as a predicate on absolute paths. */
function ignoredBy(opts: DiscoverOptions): (abs: string) => boolean {
  if (!opts.ignore.length) return () => false;
  const ig = (createRequire(import.meta.url)('ignore') as typeof import('ignore'))().add(opts.ignore);
  return (abs) => {
    const rel = inside(opts.ignoreRoot, abs);
    return rel !== undefined && ig.ignores(rel);
  };
}

export { naturalCompare } from './natural-compare.js';
