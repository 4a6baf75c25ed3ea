/**
 * Node's own `import()`, for modules outside this code: packages loaded on demand (yargs, the
 * language server library, the MySQL parser) and ES module migrations.
 *
 * Why not a plain `import()`: the command-line bundle is compiled with `vm.Script` so V8 can cache
 * its code (bin/load-bundle.js), and Node 20 gives such code no dynamic import (it needs
 * --experimental-vm-modules). The loader then provides Node's `import()` under this symbol.
 * Elsewhere, `import()` from a `Function` is Node's own, not a bundler's or test runner's rewrite
 * (so stack frames name the imported file); inside a VM context without an import hook (a test
 * runner) the module's own `import()` serves.
 */
const HOST_IMPORT = Symbol.for('migrasafe.hostImport');

type Importer = (specifier: string) => Promise<unknown>;
const nativeImport = new Function('specifier', 'return import(specifier)') as Importer;

export async function hostImport<T>(specifier: string): Promise<T> {
  const provided = (globalThis as { [HOST_IMPORT]?: Importer })[HOST_IMPORT];
  if (provided) return (await provided(specifier)) as T;
  try {
    return (await nativeImport(specifier)) as T;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') throw error;
    return (await import(specifier)) as T;
  }
}
