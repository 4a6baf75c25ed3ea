import path from 'node:path';
import { LineIndex } from '../core/line-index.js';
import { compareRuleIds } from '../core/diagnostic-order.js';
import type { ParsedSource, Statement } from '../core/statement.js';
import type { FileResult, Location, Range } from '../core/types.js';
import type { ResolvedConfig } from '../config/types.js';
import { parseVersion } from '../engines/version.js';
import { baseMigrationFiles, baseTextOf, searchReferences, type ReleaseSelection } from '../git/release.js';
import { versionFromName } from '../git/versions.js';
import { parseSource } from '../parsers/index.js';
import type { ReleaseContext, ReleaseFile, ReleaseGit } from '../rules/types.js';
import type { SchemaView } from '../schema/catalog.js';
import type { Catalog } from '../schema/replay.js';
import type { MigrationFile, MigrationSet } from '../sources/types.js';
import type { ResolvedRule } from './lint-source.js';

/** A release file as the set replay met it: its parse and the schema just before it. */
export interface ReleaseMember {
  migration: MigrationFile;
  text: string;
  parsed: ParsedSource;
  before: Catalog;
  /** For a translated document (Liquibase XML/YAML): where a range of `text` lies in the document. */
  locate?: (range: Range) => Location;
}

export interface ReleaseRunInput {
  set: MigrationSet;
  selection: ReleaseSelection;
  members: ReleaseMember[];
  config: ResolvedConfig;
  rules: readonly ResolvedRule[];
  /** Results of the requested files; release findings are added to these (others are not reported). */
  results: Map<string, FileResult>;
  cwd: string;
  /** Every migration directory known to this run (never searched for code references). */
  migrationDirs: string[];
}

/** Runs every enabled rule's `checkRelease` over the release of one migration set. */
export function runReleaseRules(input: ReleaseRunInput): void {
  const { set, selection, members, config } = input;
  const releaseRules = input.rules.filter((r) => r.rule.checkRelease && r.rule.meta.engines.includes(config.engine));
  if (releaseRules.length === 0) return;
  const g = selection.git;
  const display = (p: string) => path.relative(g?.root ?? input.cwd, p).split(path.sep).join('/');
  const versionOf = (mf: MigrationFile) => mf.version ?? versionFromName(mf.path);

  const files: ReleaseFile[] = members.map((m) => {
    const info = selection.files.get(m.migration.path)!;
    const baseDocument = g && info.basePath ? baseTextOf(g, info.basePath) : undefined;
    // A changelog document is compared as the SQL it runs, like its current version.
    let baseText = baseDocument;
    if (baseDocument !== undefined && m.migration.translate) {
      try {
        baseText = m.migration.translate(baseDocument, config.engine).sql;
      } catch {
        baseText = undefined;
      }
    }
    let baseParsed: ParsedSource | undefined;
    if (baseText !== undefined) {
      try {
        baseParsed = parseSource(config.engine, baseText);
      } catch {
        baseParsed = undefined;
      }
    }
    // One replay per file, moving forward as the rules ask about later statements (ReleaseFile
    // says a view is good until the next question). Replaying from the top for every question,
    // or keeping a snapshot per question, was quadratic: a 12,000-statement baseline file ran out
    // of memory.
    let cursor: Catalog | undefined;
    let at = -1;
    let next = 0;
    const statements = m.parsed.statements;
    return {
      path: m.migration.path,
      displayPath: display(m.migration.path),
      status: info.status,
      version: versionOf(m.migration),
      role: m.migration.role,
      text: m.text,
      parsed: m.parsed,
      baseText,
      baseParsed,
      schemaAt(index: number): SchemaView {
        if (cursor && index === at) return cursor;
        if (!cursor || index < at) {
          cursor = m.before.clone();
          cursor.beginFile();
          next = 0;
        }
        while (next < statements.length && statements[next].index < index) cursor.applyStatement(statements[next++], 'file');
        at = index;
        return cursor;
      },
    };
  });

  let releaseGit: ReleaseGit | undefined;
  if (g) {
    const dirs = [...new Set([set.root, ...input.migrationDirs])];
    const inDirs = (p: string) => dirs.some((d) => p === d || p.startsWith(d + path.sep));
    releaseGit = {
      baseRef: g.baseRef,
      baseCommit: g.baseCommit,
      baseMigrations: baseMigrationFiles(g, set.root).map((p) => ({ path: p, version: versionFromName(p) })),
      codeChanges: g.changed.filter((c) => !inDirs(c.path) && !(c.oldPath && inDirs(c.oldPath))).map((c) => display(c.path)),
      findReferences: (names, search) => {
        const found = searchReferences(g, names, dirs, search?.include, search?.exclude);
        return new Map([...found].map(([n, refs]) => [n, refs.map((r) => ({ ...r, displayPath: display(r.path) }))]));
      },
    };
  }

  // Service source globs are written relative to the config file; searches run from the repository root.
  const fromRoot = (glob: string) => {
    const prefix = g ? path.relative(g.root, config.root).split(path.sep).join('/') : '';
    return prefix ? `${prefix}/${glob.replace(/^\.\//, '')}` : glob;
  };
  const database = config.database
    ? { name: config.database.name, services: config.database.services.map((svc) => ({ name: svc.name, include: svc.sources.map(fromRoot) })) }
    : undefined;
  const version = parseVersion(config.targetVersion)!;
  const lineIndexes = new Map<string, LineIndex>();
  // A display path per file of the set: built once for all rules, and only when one asks (it was
  // built per rule and set, a tenth of the corpus's release-rule time).
  let setFiles: ReleaseContext['setFiles'] | undefined;
  const setFilesOnce = () => (setFiles ??= set.files.map((mf) => ({ path: mf.path, displayPath: display(mf.path), version: versionOf(mf), role: mf.role })));
  for (const rr of releaseRules) {
    const ctx: ReleaseContext = {
      engine: config.engine,
      version,
      options: rr.options,
      files,
      tool: set.tool,
      get setFiles() {
        return setFilesOnce();
      },
      git: releaseGit,
      database,
      report: (r) => {
        const result = input.results.get(r.file);
        if (!result) return;
        const member = files.find((f) => f.path === r.file);
        const text = member?.text ?? result.source;
        let lines = lineIndexes.get(r.file);
        if (!lines) lineIndexes.set(r.file, (lines = new LineIndex(text)));
        const st: Statement | undefined = r.statement;
        const range = r.range ?? st?.range ?? { start: 0, end: 0 };
        result.diagnostics.push({
          ruleId: rr.rule.meta.id,
          level: r.level ?? rr.level,
          message: r.message,
          why: r.why,
          location: members.find((m) => m.migration.path === r.file)?.locate?.(range) ?? lines.location(range),
          suggestions: r.suggestions,
          planCommand: r.planCommand,
        });
      },
    };
    try {
      rr.rule.checkRelease!(ctx);
    } catch (error) {
      const first = [...input.results.values()][0];
      first?.diagnostics.push({
        ruleId: null,
        code: 'internal-error',
        level: 'error',
        fatal: true,
        message: `Internal error in rule ${rr.rule.meta.id} (please report it): ${error instanceof Error ? error.message : String(error)}`,
        location: new LineIndex(first.source).location({ start: 0, end: 0 }),
      });
    }
  }
  for (const r of input.results.values()) r.diagnostics.sort((a, b) => a.location.range.start - b.location.range.start || compareRuleIds(a, b));
}
