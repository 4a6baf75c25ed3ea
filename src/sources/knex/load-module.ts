import { readFileSync } from 'node:fs';
import { createRequire, Module, SourceMap } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hostImport } from '../../core/host-import.js';

/** A position in the file as the user wrote it (1-based). */
export interface Site {
  line: number;
  column: number;
}

/** A project module loaded fresh (never from a cache: the file may have changed since the last run). */
export interface LoadedModule {
  exports: Record<string, unknown>;
  /** The path or URL that stack frames of the running code name. */
  running: string;
  /** A stack-frame position of the running code, in the file as written (TypeScript: through the source map). */
  toSource(line: number, column: number): Site;
}

/** Raised for a file that cannot be loaded; `site` is where in the file, when known. */
export class ModuleLoadError extends Error {
  constructor(
    message: string,
    readonly site?: Site,
  ) {
    super(message);
  }
}

let generation = 0;


/** The `type` of the package.json nearest to `file` (Node's rule for `.js`). */
function packageType(file: string): 'module' | 'commonjs' {
  let dir = path.dirname(file);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: string };
      return pkg.type === 'module' ? 'module' : 'commonjs';
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return 'commonjs';
      dir = parent;
    }
  }
}

/** Compiles CommonJS source as the module `file` (requires resolve from the file's folder). */
function compileCommonJs(code: string, file: string): Record<string, unknown> {
  const m = new Module(file) as Module & { _compile(code: string, file: string): void; paths: string[] };
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  m._compile(code, file);
  return m.exports as Record<string, unknown>;
}

/** `typescript` from the project (never type-checks: only strips types). */
function projectTypeScript(file: string, projectRoot: string): typeof import('typescript') {
  for (const from of [path.join(projectRoot, 'package.json'), file]) {
    try {
      return createRequire(from)('typescript') as typeof import('typescript');
    } catch {
      // try the next place
    }
  }
  throw new ModuleLoadError(`${path.basename(file)} is TypeScript and the package "typescript" is not installed in the project (${projectRoot}): install it (npm install --save-dev typescript) so migrasafe can transpile it (no type-checking).`);
}

/**
 * Lets a TypeScript migration `import` the project's other TypeScript modules (shared helpers), as
 * Knex's CLI does through ts-node: `.ts` files required from CommonJS are transpiled the same way.
 * A hook the project already registered (ts-node, tsx) is left alone.
 */
function registerTypeScriptRequire(ts: typeof import('typescript')): void {
  const extensions = (Module as unknown as { _extensions: Record<string, (m: Module, file: string) => void> })._extensions;
  if (extensions['.ts']) return;
  extensions['.ts'] = (m, file) => {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } });
    (m as Module & { _compile(code: string, file: string): void })._compile(out.outputText, file);
  };
}

/** The first line:column a SyntaxError names for `file` (Node prints `file:line` atop its stack). */
function syntaxSite(error: unknown, file: string): Site | undefined {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const m = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(stack);
  return m ? { line: Number(m[1]), column: 1 } : undefined;
}

/**
 * Loads a migration module the way Knex's `importFile` would find it: `.ts`/`.mts`/`.cts` transpiled
 * with the project's `typescript` to CommonJS; `.mjs` and `.js` in a `"type": "module"` package
 * imported as ES modules; other `.js`/`.cjs` compiled as CommonJS.
 */
export async function loadModule(file: string, projectRoot: string): Promise<LoadedModule> {
  const source = readFileSync(file, 'utf8');
  const ext = path.extname(file);
  const identity = (line: number, column: number): Site => ({ line, column });
  if (['.ts', '.mts', '.cts'].includes(ext)) {
    const ts = projectTypeScript(file, projectRoot);
    const out = ts.transpileModule(source, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: true, esModuleInterop: true, inlineSources: false },
    });
    const problem = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
    if (problem) {
      const pos = problem.file && problem.start !== undefined ? problem.file.getLineAndCharacterOfPosition(problem.start) : undefined;
      throw new ModuleLoadError(`TypeScript syntax error: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')}`, pos ? { line: pos.line + 1, column: pos.character + 1 } : undefined);
    }
    registerTypeScriptRequire(ts);
    const code = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, '');
    const map = out.sourceMapText ? new SourceMap(JSON.parse(out.sourceMapText)) : undefined;
    const toSource = (line: number, column: number): Site => {
      const entry = map?.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number } | undefined;
      return entry && entry.originalLine !== undefined ? { line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 } : { line, column };
    };
    try {
      return { exports: compileCommonJs(code, file), running: file, toSource };
    } catch (error) {
      throw new ModuleLoadError(`Loading the migration failed: ${error instanceof Error ? error.message : String(error)}`, syntaxSite(error, file));
    }
  }
  if (ext === '.mjs' || (ext === '.js' && packageType(file) === 'module')) {
    // A query string makes Node load the current text instead of its cached module.
    const url = `${pathToFileURL(file).href}?migrasafe=${++generation}`;
    try {
      return { exports: await hostImport<Record<string, unknown>>(url), running: url, toSource: identity };
    } catch (error) {
      throw new ModuleLoadError(`Loading the migration failed: ${error instanceof Error ? error.message : String(error)}`, syntaxSite(error, url));
    }
  }
  try {
    return { exports: compileCommonJs(source, file), running: file, toSource: identity };
  } catch (error) {
    throw new ModuleLoadError(`Loading the migration failed: ${error instanceof Error ? error.message : String(error)}`, syntaxSite(error, file));
  }
}
