import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../src/engines/version.js';
import { compareVersions, versionFromName } from '../../src/git/versions.js';
import { migrationOrder } from '../../src/rules/release/migration-order.js';
import type { ReleaseContext } from '../../src/rules/types.js';

function run(tool: string, names: string[]): string[] {
  const out: string[] = [];
  const ctx: ReleaseContext = {
    engine: 'postgres',
    version: parseVersion('16')!,
    options: {},
    files: [],
    tool,
    setFiles: names.map((n) => ({ path: `/db/${n}`, displayPath: `db/${n}`, version: versionFromName(n), role: /\.down\./.test(n) ? 'down' : 'up' })),
    report: (r) => out.push(`${r.file}: ${r.message}`),
  };
  migrationOrder.checkRelease!(ctx);
  return out;
}

describe('migration versions', () => {
  it('reads versions from tool file names', () => {
    expect(versionFromName('V1_2__add_users.sql')).toBe('1.2');
    expect(versionFromName('V4.15.0.1__split.sql')).toBe('4.15.0.1');
    expect(versionFromName('20240101120000_init.up.sql')).toBe('20240101120000');
    expect(versionFromName('001_init.sql')).toBe('001');
    expect(versionFromName('R__views.sql')).toBeUndefined();
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('002', '2')).toBe(0);
  });

  it('reports two migrations with the same version for a versioned tool', () => {
    const found = run('flyway', ['V1__init.sql', 'V2__users.sql', 'V2__orders.sql', 'V3__x.sql']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^\/db\/V2__orders\.sql: db\/V2__orders\.sql has version 2, like db\/V2__users\.sql/);
  });

  it('does not pair an up file with its own down file, nor judge plain directories', () => {
    expect(run('golang-migrate', ['1_init.up.sql', '1_init.down.sql', '2_x.up.sql'])).toEqual([]);
    expect(run('plain', ['00033_a.sql', '00033_b.sql'])).toEqual([]);
  });
});
