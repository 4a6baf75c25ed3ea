/**
 * Real layouts from ../shared/corpus: each is recognised as its tool, ordered the way the tool
 * orders it, and its up/down pairs are found. Skips when the corpus is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { findMigrationSet } from '../../src/sources/find-set.js';
import type { MigrationSet } from '../../src/sources/types.js';

const corpus = path.join(import.meta.dirname, '../../../shared/corpus');
const present = existsSync(corpus);
if (!present) console.warn(`corpus tests skipped: ${corpus} not found`);

function setsOf(rel: string): MigrationSet[] {
  const files = globSync(['**/*.sql'], { cwd: path.join(corpus, rel), absolute: true });
  const cache = new Map<string, MigrationSet>();
  for (const f of files) findMigrationSet(f, cache);
  return [...new Set(cache.values())];
}
const count = (set: MigrationSet, role: string) => set.files.filter((f) => f.role === role).length;
const pairs = (set: MigrationSet) => set.files.filter((f) => f.role === 'up' && f.pairPath).length;
/** Independent check of ascending order: versions split on dots into big integers. */
function ascending(versions: string[]): boolean {
  const key = (v: string) => v.split('.').map((p) => BigInt(p));
  for (let i = 1; i < versions.length; i++) {
    const a = key(versions[i - 1]);
    const b = key(versions[i]);
    let cmp = 0;
    for (let k = 0; k < Math.max(a.length, b.length) && cmp === 0; k++) cmp = Number((a[k] ?? 0n) - (b[k] ?? 0n));
    if (cmp >= 0) return false;
  }
  return true;
}
const upVersions = (set: MigrationSet) => set.files.filter((f) => f.role === 'up').map((f) => f.version!);

describe.skipIf(!present)('real layouts in ../shared/corpus', () => {
  it('Prisma (documenso): 163 migrations in timestamp order, no downs', () => {
    const [set, ...rest] = setsOf('postgres/documenso');
    expect(rest).toEqual([]);
    expect(set.tool).toBe('prisma');
    expect(count(set, 'up')).toBe(163);
    expect(set.downs).toBe('none');
    expect(ascending(upVersions(set))).toBe(true);
  });

  it('golang-migrate (ente): 124 up/down pairs in numeric order (2 before 10)', () => {
    const [set, ...rest] = setsOf('postgres/ente');
    expect(rest).toEqual([]);
    expect(set.tool).toBe('golang-migrate');
    expect([count(set, 'up'), count(set, 'down'), pairs(set)]).toEqual([124, 124, 124]);
    expect(ascending(upVersions(set))).toBe(true);
  });

  it('golang-migrate on MySQL (flipt): 16 up files without downs', () => {
    const [set] = setsOf('mysql/flipt-mysql');
    expect(set.tool).toBe('golang-migrate');
    expect([count(set, 'up'), pairs(set)]).toEqual([16, 0]);
    expect(ascending(upVersions(set))).toBe(true);
  });

  it('Flyway (dataverse): 101 versioned migrations in version order, the afterMigrate callback apart', () => {
    const [set, ...rest] = setsOf('postgres/dataverse');
    expect(rest).toEqual([]);
    expect(set.tool).toBe('flyway');
    expect([count(set, 'up'), count(set, 'callback')]).toEqual([101, 1]);
    expect(ascending(upVersions(set))).toBe(true);
    // V<version>.sql without a description is still a migration.
    expect(set.files.some((f) => path.basename(f.path) === 'V6.3.0.2.sql' && f.role === 'up')).toBe(true);
  });

  it('Flyway on MySQL (stroom): one set per module location, 133 migrations, underscores as version dots', () => {
    const sets = setsOf('mysql/stroom');
    expect(sets.every((s) => s.tool === 'flyway')).toBe(true);
    expect(sets.length).toBe(21);
    expect(sets.reduce((n, s) => n + count(s, 'up'), 0)).toBe(133);
    expect(sets.every((s) => ascending(upVersions(s)))).toBe(true);
  });

  it('dbmate (supabase): 30 migrations with up/down sections', () => {
    const [set] = setsOf('postgres/supabase-postgres');
    expect(set.tool).toBe('dbmate');
    expect(count(set, 'up')).toBe(30);
    expect(set.downs).toBe('sections');
  });

  it('Liquibase formatted SQL (pay-ledger): 79 changelogs in name order, rollbacks in sections', () => {
    const [set] = setsOf('postgres/pay-ledger');
    expect(set.tool).toBe('liquibase');
    expect(count(set, 'up')).toBe(79);
    expect(set.downs).toBe('sections');
    const names = set.files.map((f) => path.basename(f.path));
    expect([...names].sort()).toEqual(names);
  });

  it('sqitch (chef-server): four plans, deploy/revert/verify found in plan order', () => {
    const sets = setsOf('postgres/chef-server');
    expect(sets.every((s) => s.tool === 'sqitch')).toBe(true);
    const byRoot = Object.fromEntries(sets.map((s) => [path.relative(path.join(corpus, 'postgres/chef-server/src'), s.root), [count(s, 'up'), count(s, 'down'), count(s, 'verify'), pairs(s)]]));
    expect(byRoot).toEqual({
      'bookshelf/schema': [2, 2, 0, 2],
      'oc_bifrost/schema': [13, 13, 13, 13],
      'oc_erchef/schema/baseline': [19, 19, 19, 19],
      'oc_erchef/schema': [45, 45, 44, 45],
    });
    const bifrost = sets.find((s) => s.root.endsWith(path.join('oc_bifrost', 'schema')))!;
    // update_acl was reworked twice: its older scripts carry the tag names.
    expect(bifrost.files.filter((f) => f.role === 'up' && f.description === 'update_acl').map((f) => path.basename(f.path))).toEqual(['update_acl@1.2.0.sql', 'update_acl@1.3.0.sql', 'update_acl.sql']);
  });

  it('pop (kratos): per-dialect sets with their up/down pairs', () => {
    const [pg] = setsOf('postgres/kratos-pg');
    expect([pg.tool, pg.engine]).toEqual(['pop', 'postgres']);
    expect([count(pg, 'up'), count(pg, 'down'), pairs(pg)]).toEqual([277, 276, 276]);
    expect(ascending(upVersions(pg))).toBe(true);
    const [my] = setsOf('mysql/kratos-mysql');
    expect([my.tool, my.engine]).toEqual(['pop', 'mysql']);
    expect([count(my, 'up'), count(my, 'down'), pairs(my)]).toEqual([323, 318, 313]);
  });
});
