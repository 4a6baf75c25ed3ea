import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { globSync } from 'tinyglobby';
import { runCli } from './helpers/cli.js';

const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'postgres');
const present = existsSync(corpus);
if (!present) console.warn(`corpus test skipped: ${corpus} is absent`);

describe.skipIf(!present)('real PostgreSQL migrations (../shared/corpus/postgres)', () => {
  it('lints every .sql file with no crash, no unhandled rejection and no internal error', async () => {
    const files = globSync(['**/*.sql'], { cwd: corpus });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const r = await runCli(['.', '--format', 'json', '--rule', 'unused-ignore:off'], { cwd: corpus });
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.code);
      const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; message: string; line: number }> }>;
      // Every file is in the report exactly once.
      expect(results.map((x) => path.relative(corpus, x.filePath)).sort()).toEqual([...files].sort());
      const internal = results.flatMap((x) => x.messages.filter((m) => /Internal error/.test(m.message)).map((m) => `${x.filePath}:${m.line} ${m.message}`));
      expect(internal).toEqual([]);
      // Parse errors are allowed only as reported messages with a position.
      for (const x of results) for (const m of x.messages) if (m.fatal) expect(m.line).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
