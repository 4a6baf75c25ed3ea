import path from 'node:path';
import type { Engine } from '../../core/types.js';
import { isDir, isFile, listDir, readIfExists } from '../fs-helpers.js';
import { isLiquibaseFormatted, liquibaseSegments, preprocessLiquibase } from '../liquibase-sql.js';
import type { MigrationFile, MigrationSet, TranslateContext, TranslatedSource } from '../types.js';
import type { ChangeNode, ChangelogDoc } from './model.js';
import { engineNearChangelog } from './engine-hint.js';
import { CHANGELOG_DOCUMENT, isChangelogDocument } from './sniff.js';
import { changeSetKeys, translateChangelog } from './translate.js';
import { parseChangelogXml } from './xml.js';
import { parseChangelogYaml } from './yaml.js';

/** Parses a changelog document with the parser its extension calls for (saxes / yaml load on first use). */
export function parseChangelog(filePath: string, text: string): ChangelogDoc {
  return /\.xml$/i.test(filePath) ? parseChangelogXml(text) : parseChangelogYaml(text);
}

/** A changelog document as a migration file: translated to SQL for the engine when linted. */
export function changelogDocumentFile(filePath: string, role: MigrationFile['role'] = 'up', properties: Readonly<Record<string, string>> = {}): MigrationFile {
  return {
    path: filePath,
    role,
    description: path.basename(filePath).replace(CHANGELOG_DOCUMENT, ''),
    toolTransaction: true,
    translate: (text: string, engine: Engine, context?: TranslateContext): TranslatedSource =>
      translateChangelog(parseChangelog(filePath, text), { engine, text, properties, readSqlFile: (c) => readSqlFile(filePath, c), missingInclude: (attrs, kind) => missingInclude(filePath, attrs, kind), applied: context?.baseText === undefined ? undefined : changeSetKeys(parseChangelog(filePath, context.baseText)) }),
  };
}

function missingInclude(changelog: string, attrs: Record<string, string>, kind: 'include' | 'includeAll'): string | undefined {
  const target = kind === 'include' ? attrs.file : attrs.path;
  if (!target || target.includes('${')) return undefined;
  if (resolveInclude(changelog, target, attrs.relativeToChangelogFile)) return undefined;
  return `<${kind}> ${kind === 'include' ? 'file' : 'path'} "${target}" not found${/^true$/i.test(attrs.relativeToChangelogFile ?? '') ? ' next to this changelog' : ' next to this changelog or on the search path above it'}: Liquibase stops here, and migrasafe cannot lint what it would run.`;
}

function readSqlFile(changelog: string, c: ChangeNode): string | undefined {
  const p = c.attrs.path;
  if (!p) return undefined;
  const resolved = resolveInclude(changelog, p, c.attrs.relativeToChangelogFile);
  return resolved ? readIfExists(resolved) : undefined;
}

/**
 * Where an `include file` / `includeAll path` / `sqlFile path` points: next to the changelog with
 * `relativeToChangelogFile="true"`, else on Liquibase's search path (the classpath root, e.g.
 * `src/main/resources`, or the working directory): the nearest ancestor of the changelog where the
 * path exists.
 */
export function resolveInclude(changelog: string, target: string, relative: string | undefined): string | undefined {
  const clean = target.replace(/^classpath\*?:/, '').replace(/^\/+/, '');
  if (/^true$/i.test(relative ?? '')) {
    const p = path.resolve(path.dirname(changelog), target);
    return isFile(p) || isDir(p) ? p : undefined;
  }
  let dir = path.dirname(changelog);
  for (let i = 0; i < 8; i++) {
    const p = path.resolve(dir, clean);
    if (isFile(p) || isDir(p)) return p;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Every file below `dir`, sorted by path as `includeAll` does. */
function includeAllFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of listDir(d)) {
      const p = path.join(d, n);
      if (isDir(p)) walk(p);
      else if (/\.sql$/i.test(n) || CHANGELOG_DOCUMENT.test(n)) out.push(p);
    }
  };
  walk(dir);
  const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');
  return out.sort((a, b) => (rel(a) < rel(b) ? -1 : rel(a) > rel(b) ? 1 : 0));
}

interface Flattened {
  files: MigrationFile[];
  anyRollback: boolean;
}

/**
 * The files a master changelog runs, in Liquibase's order: document order of its `changeSet`s and
 * `include`s, `includeAll` directories alphabetically. A file with changeSets is listed where its
 * first changeSet runs (changeSets after an include are linted with the file, before the include).
 */
export function flattenChangelog(master: string): Flattened {
  const seen = new Set<string>();
  const files: MigrationFile[] = [];
  // Changelog parameters are global to the tree: one object, filled as documents are read.
  const properties: Record<string, string> = {};
  let anyRollback = false;
  const visit = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    if (/\.sql$/i.test(p)) {
      const formatted = isLiquibaseFormatted(p);
      if (formatted && /^--\s*rollback\b|^\/\*\s*liquibase\s+rollback/im.test(readIfExists(p) ?? '')) anyRollback = true;
      const description = path.basename(p).replace(/\.sql$/i, '');
      files.push(formatted ? { path: p, role: 'up', description, toolTransaction: true, preprocess: preprocessLiquibase, segments: liquibaseSegments } : { path: p, role: 'up', description, toolTransaction: true });
      return;
    }
    const text = readIfExists(p);
    if (text === undefined || !text.includes('databaseChangeLog')) return;
    let doc: ChangelogDoc;
    try {
      doc = parseChangelog(p, text);
    } catch {
      // Listed anyway: linting it reports the failure with the file, instead of the file vanishing.
      files.push(changelogDocumentFile(p, 'up', properties));
      return;
    }
    Object.assign(properties, doc.properties);
    const self = changelogDocumentFile(p, 'other', properties);
    let listed = false;
    const listSelf = () => {
      if (listed) return;
      listed = true;
      files.push(self);
    };
    if (doc.problems.some((pr) => pr.fatal)) {
      // Listed so the malformed file is reported; it runs nothing.
      self.role = 'up';
      listSelf();
      return;
    }
    for (const item of doc.items) {
      if (item.kind === 'changeSet') {
        self.role = 'up';
        anyRollback = true;
        listSelf();
        continue;
      }
      const inc = item.node;
      const target = inc.kind === 'include' ? inc.attrs.file : inc.attrs.path;
      if (!target) continue;
      const resolved = resolveInclude(p, target, inc.attrs.relativeToChangelogFile);
      if (!resolved) continue;
      if (inc.kind === 'include') visit(resolved);
      else if (isDir(resolved)) for (const f of includeAllFiles(resolved)) visit(f);
    }
    listSelf();
  };
  visit(master);
  return { files, anyRollback };
}

/**
 * The master changelog that runs `file`: the changelog documents named like masters
 * (`db.changelog-master.xml`, `changelog.yaml`, ...) in the file's directory and up to five
 * levels above, the one whose include tree holds the file and runs the most files.
 */
const MASTER_NAME = /master|changelog|change-log|root|main|index/i;

export function findChangelogMaster(file: string): string | undefined {
  const abs = path.resolve(file);
  let dir = path.dirname(abs);
  let best: { master: string; count: number } | undefined;
  for (let level = 0; level < 6; level++) {
    for (const n of listDir(dir)) {
      if (!CHANGELOG_DOCUMENT.test(n) || !MASTER_NAME.test(n)) continue;
      const p = path.join(dir, n);
      if (!isChangelogDocument(p)) continue;
      const { files } = flattenChangelog(p);
      if (files.some((f) => f.path === abs) && (!best || files.length > best.count)) best = { master: p, count: files.length };
    }
    if (listDir(dir).includes('.git')) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return best?.master;
}

/** The set a master changelog runs (or a lone changelog document that no master includes). */
export function loadChangelogSet(master: string): MigrationSet {
  const { files, anyRollback } = flattenChangelog(master);
  const engine = engineNearChangelog(master);
  return {
    root: path.dirname(master),
    tool: 'liquibase',
    ...(engine ? { engine } : {}),
    files,
    downs: anyRollback ? 'sections' : 'none',
    evidence: `master changelog ${master}`,
  };
}
