import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from '../helpers/cli.js';

/**
 * The command line runs from the esbuild bundle (scripts/bundle.mjs). A plain lint run must load
 * only the core chunk: anything else (language server, plans, other formatters, yargs, the MySQL
 * parser library) stays behind a dynamic import(). These read what the bundle loads statically.
 */
const bundleDir = path.join(repoRoot, 'dist', 'cli-bundle');

/** Files and packages `main.js` loads before it runs, following static imports. */
function staticGraph(): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(path.join(bundleDir, file), 'utf8');
    // Static imports only: `import ... from "x"` / `import "x"` at the start of a line (esbuild's output).
    for (const m of text.matchAll(/^import(?:[^'"]*?from)?\s*["']([^"']+)["'];?$/gm)) {
      const spec = m[1];
      if (spec.startsWith('./')) visit(spec.slice(2));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit('main.js');
  return { files: [...files], packages: [...packages] };
}

describe.skipIf(!existsSync(bundleDir))('command-line start-up path (needs npm run build)', () => {
  it('loads a handful of files and no package outside the bundle', () => {
    const { files, packages } = staticGraph();
    expect(packages).toEqual([]);
    expect(files.length).toBeLessThanOrEqual(10);
    // Chunks esbuild names after a module (lsp-command-*, plan-command-*, sarif-*, ...) are dynamic imports.
    for (const f of files) expect(f).toMatch(/^(main|chunk-[A-Z0-9]+)\.js$/);
  });

  it('keeps the language server, plans and the non-default formatters in lazily loaded chunks', () => {
    const loaded = staticGraph().files.map((f) => readFileSync(path.join(bundleDir, f), 'utf8')).join('\n');
    for (const marker of ['// src/lsp/server.ts', '// src/cli/plan-command.ts', '// src/report/sarif.ts', '// src/report/stylish.ts', '// src/rewrites/fix-diff.ts']) {
      expect(loaded).not.toContain(marker);
    }
    expect(loaded).toContain('// src/lint/lint-files.ts');
  });

  it('finds libpg-query\'s WebAssembly file from the bundle, from any working directory', () => {
    const r = spawnCli(['--stdin', '--format', 'json'], { cwd: path.parse(repoRoot).root, stdin: 'CREATE INDEX i ON t (c);\n' });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.map((m) => m.ruleId)).toContain('require-concurrent-index');
  });
});
