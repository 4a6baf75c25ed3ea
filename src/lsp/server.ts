import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocuments, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clearConfigCache, CONFIG_FILE_NAMES } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Diagnostic } from '../core/types.js';
import { packageVersion } from '../core/package-info.js';
import { HistoryCache } from '../lint/history-context.js';
import { lintTextSync, type FileContextInput, type LintOptions } from '../lint/lint-files.js';
import { isChangelogDocument } from '../sources/liquibase/sniff.js';
import type { Catalog } from '../schema/replay.js';
import { initParser } from '../parsers/index.js';
import { codeActionsFor, PLAN_COMMAND, toLspDiagnostic } from './convert.js';
import { runPlanCommand } from './plan.js';
import { hoverMarkdown } from './rule-docs.js';

/** Options a client passes in `initializationOptions` (all optional). */
export interface ServerSettings {
  /** Delay between the last keystroke and the re-lint, in milliseconds (default 150). */
  debounceMs?: number;
  /** Config file to use instead of searching upwards from each file (like `--config`). */
  configFile?: string;
  /** Send `migrasafe/timing` after each lint (wall and CPU milliseconds), for benchmarks. */
  reportTiming?: boolean;
}

interface Findings {
  version: number;
  diagnostics: Diagnostic[];
  /** Where `migrasafe plan` runs for this file: the directory of its config. */
  root: string;
}

/**
 * Whether a file is one the project lints (a `.sql` file or a Liquibase XML/YAML/JSON changelog):
 * under one of the config's `paths`, or anywhere when it names none.
 */
export function inMigrationPaths(filePath: string, config: ResolvedConfig): boolean {
  if (!filePath.toLowerCase().endsWith('.sql') && !isChangelogDocument(filePath)) return false;
  if (config.paths.length === 0) return true;
  return config.paths.some((p) => {
    const rel = path.relative(path.resolve(config.root, p), filePath);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Wires migrasafe into a language server connection (stdio in `migrasafe lsp`, streams in tests). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const findings = new Map<string, Findings>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const uriByPath = new Map<string, string>();
  let settings: ServerSettings = {};
  let lintOptions: LintOptions = { cwd: process.cwd() };
  let watchFiles = false;

  // Open buffers replace their files' disk content in the history of later migrations.
  const override = (filePath: string) => {
    const uri = uriByPath.get(filePath);
    const doc = uri ? documents.get(uri) : undefined;
    return doc ? { text: doc.getText(), version: `${uri}@${doc.version}` } : undefined;
  };
  let cache = new HistoryCache({ lint: lintOptions, disk: 'trust', override });

  connection.onInitialize((params): InitializeResult => {
    settings = (params.initializationOptions ?? {}) as ServerSettings;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    const cwd = (root && filePathOf(root)) ?? process.cwd();
    lintOptions = { cwd, configFile: settings.configFile };
    cache = new HistoryCache({ lint: lintOptions, disk: 'trust', override });
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: 2 /* incremental */, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        executeCommandProvider: { commands: [PLAN_COMMAND] },
      },
      serverInfo: { name: 'migrasafe', version: packageVersion },
    };
  });

  connection.onInitialized(() => {
    if (!watchFiles) return;
    // Other migrations and config files change on disk (git checkout, a new migration): hear about it.
    void connection.client.register(
      { method: 'workspace/didChangeWatchedFiles' } as never,
      { watchers: [{ globPattern: '**/*.sql' }, ...CONFIG_FILE_NAMES.map((n) => ({ globPattern: `**/${n}` })), { globPattern: '**/package.json' }] } as never,
    );
  });

  async function lintNow(uri: string): Promise<void> {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const doc = documents.get(uri);
    const filePath = filePathOf(uri);
    if (!doc || !filePath) return;
    let diagnostics: Diagnostic[] = [];
    let root = lintOptions.cwd;
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      const { config, context } = cache.contextFor(filePath);
      root = config.root;
      if (inMigrationPaths(filePath, config)) {
        await initParser(config.engine);
        if (documents.get(uri)?.version !== doc.version) return; // a newer edit is on its way
        diagnostics = lintTextSync(doc.getText(), filePath, lintOptions, config, withSpareCatalog(uri, context)).result.diagnostics;
        prepareSpare(uri, context.catalog);
      }
    } catch (error) {
      // A broken config file: say so on the file instead of failing silently.
      diagnostics = [{ ruleId: null, code: 'config-error', level: 'error', fatal: true, message: `migrasafe: ${(error as Error).message}`, location: { range: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }];
    }
    findings.set(uri, { version: doc.version, diagnostics, root });
    await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(doc, d)) });
    if (settings.reportTiming) {
      const used = process.cpuUsage(cpu);
      void connection.sendNotification('migrasafe/timing', { uri, version: doc.version, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
    }
  }

  // Copying the schema of a long history costs more than linting the file: keep a copy ready
  // for the next keystroke, made while the user is not typing.
  const spares = new Map<string, { base: Catalog; copy?: Catalog; timer?: ReturnType<typeof setTimeout> }>();

  /** The lint consumes the schema it starts from: hand it the spare copy, or copy now. */
  function withSpareCatalog(uri: string, context: FileContextInput): FileContextInput {
    if (!context.catalog) return context;
    const spare = spares.get(uri);
    if (spare?.copy && spare.base === context.catalog) {
      const copy = spare.copy;
      spare.copy = undefined;
      return { ...context, catalog: copy };
    }
    return { ...context, catalog: context.catalog.clone() };
  }

  function prepareSpare(uri: string, base: Catalog | undefined): void {
    const old = spares.get(uri);
    clearTimeout(old?.timer);
    if (!base) {
      spares.delete(uri);
      return;
    }
    const spare: { base: Catalog; copy?: Catalog; timer?: ReturnType<typeof setTimeout> } = { base };
    spare.timer = setTimeout(() => {
      spare.copy = base.clone();
    }, 0);
    spares.set(uri, spare);
  }

  function schedule(uri: string, delay = settings.debounceMs ?? 150): void {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => void lintNow(uri), delay));
  }

  /** Findings for the document's current text, linting first when an edit is still waiting. */
  async function fresh(uri: string): Promise<{ doc: TextDocument; found: Findings } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    if (findings.get(uri)?.version !== doc.version) await lintNow(uri);
    const found = findings.get(uri);
    return found && found.version === doc.version ? { doc, found } : undefined;
  }

  /** Other open files of the same migration directory: their history includes this one. */
  function relintNeighbours(uri: string): void {
    const dir = path.dirname(filePathOf(uri) ?? '');
    for (const other of documents.keys()) {
      if (other !== uri && path.dirname(filePathOf(other) ?? '') === dir) schedule(other, Math.max(500, settings.debounceMs ?? 150));
    }
  }

  documents.onDidOpen((e) => {
    const filePath = filePathOf(e.document.uri);
    if (filePath) {
      uriByPath.set(filePath, e.document.uri);
      cache.invalidate(filePath);
    }
    void lintNow(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    // The first change event of a document is its opening, handled above.
    if (!findings.has(e.document.uri)) return;
    schedule(e.document.uri);
    relintNeighbours(e.document.uri);
  });
  documents.onDidSave((e) => {
    const filePath = filePathOf(e.document.uri);
    if (filePath) cache.invalidate(filePath);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    findings.delete(uri);
    clearTimeout(spares.get(uri)?.timer);
    spares.delete(uri);
    const filePath = filePathOf(uri);
    if (filePath) {
      uriByPath.delete(filePath);
      cache.invalidate(filePath);
    }
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    relintNeighbours(uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    for (const change of params.changes) {
      const filePath = filePathOf(change.uri);
      if (!filePath) continue;
      const base = path.basename(filePath);
      if (CONFIG_FILE_NAMES.includes(base) || base === 'package.json') configChanged = true;
      else cache.invalidate(filePath);
    }
    if (configChanged) {
      clearConfigCache();
      cache.invalidate();
    }
    for (const uri of documents.keys()) schedule(uri, 0);
  });

  connection.onCodeAction(async (params) => {
    const state = await fresh(params.textDocument.uri);
    if (!state) return [];
    const { doc, found } = state;
    const range = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
    return codeActionsFor(doc, found.diagnostics, range);
  });

  connection.onHover(async (params) => {
    const state = await fresh(params.textDocument.uri);
    if (!state) return null;
    const offset = state.doc.offsetAt(params.position);
    const here = state.found.diagnostics.filter((d) => d.location.range.start <= offset && offset <= d.location.range.end);
    if (here.length === 0) return null;
    return { contents: { kind: 'markdown', value: hoverMarkdown(here) } };
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== PLAN_COMMAND) return undefined;
    const [planCommand, uri] = (params.arguments ?? []) as [string, string | undefined];
    const root = (uri && findings.get(uri)?.root) ?? lintOptions.cwd;
    const result = await runPlanCommand(String(planCommand ?? ''), root);
    // A notification, not a request: nothing to wait for, and every client handles it.
    void connection.sendNotification('window/showMessage', { type: result.ok ? 3 : 2, message: result.message });
    return result;
  });

  documents.listen(connection);
  connection.listen();
}

/** `file://` URI of a path (for clients and tests). */
export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
