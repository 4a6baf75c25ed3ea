import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles, naturalCompare, selectDiscoverable, type DiscoverOptions } from '../../src/sources/discover.js';
import { tempProject } from '../helpers/cli.js';

/**
 * `--staged` filters the staged files with selectDiscoverable instead of listing the repository:
 * it must pick exactly the files discoverFiles would list, for every kind of input.
 */
const changelog = '<?xml version="1.0"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n</databaseChangeLog>\n';
const repo = tempProject({
  'db/001_users.sql': 'CREATE TABLE users (id int);\n',
  'db/sub/002_orders.sql': 'CREATE TABLE orders (id int);\n',
  'db/.hidden/003.sql': 'SELECT 1;\n',
  'db/node_modules/pkg/004.sql': 'SELECT 1;\n',
  'db/notes.txt': 'not sql\n',
  'db/changelog.xml': changelog,
  'db/pom.xml': '<project></project>\n',
  'db/target/changelog.xml': changelog,
  'db/legacy/005_old.sql': 'SELECT 1;\n',
  'db/006_backup.bak.sql': 'SELECT 1;\n',
  'db/changes/007.yaml': 'databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes: []\n',
  'migrations/100_init.sql': 'SELECT 1;\n',
  'migrations/nested/101.sql': 'SELECT 1;\n',
  'other/200.sql': 'SELECT 1;\n',
  '.github/300.sql': 'SELECT 1;\n',
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const candidates = allFiles(repo);
const base: DiscoverOptions = { cwd: repo, include: ['**/*.sql'], ignore: [], ignoreRoot: repo };

const cases: Array<[string, string[], Partial<DiscoverOptions>]> = [
  ['a directory', ['db'], {}],
  ['the repository root', [repo], {}],
  ['two directories', ['db', 'migrations'], {}],
  ['an explicit file, even one that is not SQL', ['db/001_users.sql', 'db/notes.txt'], {}],
  ['a glob', ['db/**/*.sql'], {}],
  ['a glob one level deep', ['migrations/*.sql'], {}],
  ['include globs from the configuration', [repo], { include: ['migrations/*.sql', 'db/sub/**/*.sql'] }],
  ['ignore patterns (gitignore style)', [repo], { ignore: ['db/legacy/', '*.bak.sql', 'other'] }],
  ['ignore patterns against an explicit file', ['db/legacy/005_old.sql', 'db/001_users.sql'], { ignore: ['legacy'] }],
  ['ignore patterns relative to a config in a subdirectory', ['db'], { ignore: ['sub/'], ignoreRoot: path.join(repo, 'db') }],
];

describe('selectDiscoverable picks what discoverFiles lists', () => {
  for (const [name, inputs, opts] of cases) {
    it(name, () => {
      const o = { ...base, ...opts };
      const listed = discoverFiles(inputs, o);
      expect(listed.length).toBeGreaterThan(0);
      expect(selectDiscoverable(candidates, inputs, o).sort(naturalCompare)).toEqual(listed);
    });
  }

  it('sees the cases that matter: dot directories, node_modules, build output and non-changelog XML stay out', () => {
    const picked = selectDiscoverable(candidates, [repo], base).map((f) => path.relative(repo, f));
    expect(picked).toContain(path.join('db', 'changelog.xml'));
    expect(picked).toContain(path.join('db', 'changes', '007.yaml'));
    for (const out of [path.join('db', '.hidden', '003.sql'), path.join('db', 'node_modules', 'pkg', '004.sql'), path.join('db', 'target', 'changelog.xml'), path.join('db', 'pom.xml'), path.join('db', 'notes.txt'), path.join('.github', '300.sql')]) {
      expect(picked).not.toContain(out);
    }
  });

  it('discoverFiles walks a directory once for SQL and changelogs, and tells them apart as two walks did', () => {
    const rel = (o: Partial<DiscoverOptions>) => discoverFiles([repo], { ...base, ...o }).map((f) => path.relative(repo, f).split(path.sep).join('/'));
    expect(rel({})).toEqual(['db/001_users.sql', 'db/006_backup.bak.sql', 'db/changelog.xml', 'db/changes/007.yaml', 'db/legacy/005_old.sql', 'db/sub/002_orders.sql', 'migrations/100_init.sql', 'migrations/nested/101.sql', 'other/200.sql']);
    // An include glob takes any file it names, build output and non-changelog XML too; changelogs still come along.
    expect(rel({ include: ['**/target/*.xml', 'db/pom.xml', './migrations/*.sql'] })).toEqual(['db/changelog.xml', 'db/changes/007.yaml', 'db/pom.xml', 'db/target/changelog.xml', 'migrations/100_init.sql']);
  });
});
