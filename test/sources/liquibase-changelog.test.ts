import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/types.js';
import { lintFiles } from '../../src/lint/lint-files.js';
import { findMigrationSet } from '../../src/sources/find-set.js';
import { parseChangelogXml } from '../../src/sources/liquibase/xml.js';
import { parseChangelogYaml } from '../../src/sources/liquibase/yaml.js';
import { translateChangelog } from '../../src/sources/liquibase/translate.js';
import { gitRepo, hasGit } from '../release/git-repo.js';

const projects = path.join(import.meta.dirname, '../../fixtures/projects');
const xmlRoot = path.join(projects, 'liquibase-xml/src/main/resources/db/changelog');
const yamlRoot = path.join(projects, 'liquibase-yaml/src/main/resources/db/changelog');

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n';
const xmlOf = (changeSets: string) => `${XML_HEAD}${changeSets}\n</databaseChangeLog>\n`;
/** The up SQL of one changeSet holding `change`, on `engine`. */
const sqlOf = (change: string, engine: Engine) => {
  const text = xmlOf(`<changeSet id="1" author="a">${change}</changeSet>`);
  const t = translateChangelog(parseChangelogXml(text), { engine, text });
  const up = t.segments.filter((s) => s.direction === 'up').map((s) => t.sql.slice(s.range.start, s.range.end)).join('');
  return up.trim();
};
const findings = async (file: string) => {
  const [result] = await lintFiles([file], { cwd: projects, env: {} });
  return result.diagnostics;
};
const lineCol = (text: string, needle: string, nth = 0) => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};

describe('Liquibase XML/YAML changelogs: master order', () => {
  it('XML: include order, then includeAll alphabetically (relativeToChangelogFile), from any file of the tree', () => {
    const set = findMigrationSet(path.join(xmlRoot, 'releases/2024-06-concurrent-index.xml'));
    expect(set.tool).toBe('liquibase');
    expect(set.root).toBe(xmlRoot);
    expect(set.files.map((f) => `${f.role}:${path.relative(xmlRoot, f.path)}`)).toEqual([
      'up:changes/001-create-shop.xml',
      'up:changes/002-order-status.xml',
      'up:releases/2024-05-customer-fk.xml',
      'up:releases/2024-06-concurrent-index.xml',
      'up:releases/2024-07-cleanup.xml',
      // The master only includes: listed (so it can be linted) but not a migration.
      'other:db.changelog-master.xml',
    ]);
    expect(set.downs).toBe('sections');
    expect(findMigrationSet(path.join(xmlRoot, 'db.changelog-master.xml')).files.length).toBe(6);
  });

  it('YAML: classpath paths (no relativeToChangelogFile) resolve from src/main/resources; includeAll takes YAML and JSON', () => {
    const set = findMigrationSet(path.join(yamlRoot, 'changes/001-init.yaml'));
    expect(set.root).toBe(yamlRoot);
    expect(set.files.filter((f) => f.role === 'up').map((f) => path.relative(yamlRoot, f.path))).toEqual([
      'changes/001-init.yaml',
      'changes/releases/2024-03-accounts-plan.yaml',
      'changes/releases/2024-04-invoices.json',
      'changes/releases/2024-05-accounts-cleanup.yaml',
      // An included formatted-SQL file keeps its changesets and rollbacks.
      'sql/011-invoice-totals.sql',
    ]);
    const sql = set.files.find((f) => f.path.endsWith('011-invoice-totals.sql'))!;
    const text = readFileSync(sql.path, 'utf8');
    const segs = sql.segments!(sql.preprocess!(text));
    expect(segs.filter((s) => s.direction === 'down')).toHaveLength(1);
    expect(segs.at(-1)).toMatchObject({ direction: 'up', toolTransaction: true });
  });
});

describe('Liquibase changes: the SQL Liquibase generates, per engine', () => {
  const cases: Array<[string, string, string, string]> = [
    ['createIndex', '<createIndex indexName="orders_status_idx" tableName="orders"><column name="status"/><column name="id" descending="true"/></createIndex>', 'CREATE INDEX orders_status_idx ON orders(status, id DESC);', 'CREATE INDEX orders_status_idx ON orders(status, id DESC);'],
    ['unique createIndex with schema', '<createIndex indexName="u" tableName="t" schemaName="app" unique="true"><column name="Email"/></createIndex>', 'CREATE UNIQUE INDEX u ON app.t("Email");', 'CREATE UNIQUE INDEX u ON app.t(Email);'],
    ['addColumn', '<addColumn tableName="orders"><column name="note" type="varchar(200)"/><column name="paid" type="boolean" defaultValueBoolean="false"><constraints nullable="false"/></column></addColumn>', 'ALTER TABLE orders ADD note VARCHAR(200);\nALTER TABLE orders ADD paid BOOLEAN DEFAULT FALSE NOT NULL;', 'ALTER TABLE orders ADD note VARCHAR(200) NULL, ADD paid BIT(1) DEFAULT 0 NOT NULL;'],
    ['addColumn with value backfills', '<addColumn tableName="orders"><column name="state" type="text" value="new"/></addColumn>', "ALTER TABLE orders ADD state TEXT;\nUPDATE orders SET state = 'new';", "ALTER TABLE orders ADD state TEXT NULL;\nUPDATE orders SET state = 'new';"],
    ['dropColumn', '<dropColumn tableName="orders" columnName="legacy"/>', 'ALTER TABLE orders DROP COLUMN legacy;', 'ALTER TABLE orders DROP COLUMN legacy;'],
    ['renameColumn', '<renameColumn tableName="orders" oldColumnName="a" newColumnName="b" columnDataType="int"/>', 'ALTER TABLE orders RENAME COLUMN a TO b;', 'ALTER TABLE orders CHANGE a b INT;'],
    ['addNotNullConstraint with defaultNullValue', '<addNotNullConstraint tableName="orders" columnName="state" columnDataType="varchar(20)" defaultNullValue="new"/>', "UPDATE orders SET state = 'new' WHERE state IS NULL;\nALTER TABLE orders ALTER COLUMN state SET NOT NULL;", "UPDATE orders SET state = 'new' WHERE state IS NULL;\nALTER TABLE orders MODIFY state VARCHAR(20) NOT NULL;"],
    ['addForeignKeyConstraint validate=false', '<addForeignKeyConstraint constraintName="fk" baseTableName="orders" baseColumnNames="customer_id" referencedTableName="customers" referencedColumnNames="id" onDelete="CASCADE" validate="false"/>', 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;', 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;'],
    ['modifyDataType', '<modifyDataType tableName="orders" columnName="total" newDataType="bigint"/>', 'ALTER TABLE orders ALTER COLUMN total TYPE BIGINT USING (total::BIGINT);', 'ALTER TABLE orders MODIFY total BIGINT;'],
    ['dropTable cascadeConstraints', '<dropTable tableName="orders" cascadeConstraints="true"/>', 'DROP TABLE orders CASCADE;', 'DROP TABLE orders;'],
    ['createTable: the primary key named as Liquibase names it', '<createTable tableName="test_table"><column name="test_id" type="int"><constraints primaryKey="true" nullable="false"/></column><column name="test_column" type="varchar(50)"><constraints nullable="false"/></column></createTable>', 'CREATE TABLE test_table (test_id INTEGER NOT NULL, test_column VARCHAR(50) NOT NULL, CONSTRAINT test_table_pkey PRIMARY KEY (test_id));', 'CREATE TABLE test_table (test_id INT NOT NULL, test_column VARCHAR(50) NOT NULL, CONSTRAINT PK_TEST_TABLE PRIMARY KEY (test_id));'],
    ['sql with endDelimiter', '<sql endDelimiter="GO">UPDATE a SET x = 1\nGO\nUPDATE b SET y = 2</sql>', 'UPDATE a SET x = 1\n;\nUPDATE b SET y = 2;', 'UPDATE a SET x = 1\n;\nUPDATE b SET y = 2;'],
  ];
  for (const [name, change, pg, my] of cases) {
    it(`${name}: PostgreSQL and MySQL`, () => {
      expect(sqlOf(change, 'postgres')).toBe(pg);
      expect(sqlOf(change, 'mysql')).toBe(my);
    });
  }

  it('MySQL renameColumn without columnDataType: Liquibase refuses it, and the message says so on the element', () => {
    const text = xmlOf('<changeSet id="1" author="a">\n  <renameColumn tableName="t" oldColumnName="a" newColumnName="b"/>\n</changeSet>');
    const t = translateChangelog(parseChangelogXml(text), { engine: 'mysql', text });
    expect(t.sql).toBe('');
    expect(t.notes).toHaveLength(1);
    expect(t.notes[0].message).toMatch(/requires columnDataType for renameColumn on MySQL/);
    expect(text.slice(t.notes[0].range.start, t.notes[0].range.end)).toMatch(/^<renameColumn .*\/>$/);
  });

  it('dbms skips changeSets for another engine; runInTransaction="false" runs outside a transaction', () => {
    const text = xmlOf([
      '<changeSet id="1" author="a" dbms="mysql"><sql>ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE</sql></changeSet>',
      '<changeSet id="2" author="a" dbms="!mysql" runInTransaction="false"><sql>CREATE INDEX CONCURRENTLY i ON t (a)</sql></changeSet>',
    ].join('\n'));
    const pg = translateChangelog(parseChangelogXml(text), { engine: 'postgres', text });
    expect(pg.sql).not.toContain('ALGORITHM');
    expect(pg.segments).toEqual([expect.objectContaining({ direction: 'up', toolTransaction: false })]);
    const my = translateChangelog(parseChangelogXml(text), { engine: 'mysql', text });
    expect(my.sql).toContain('ALGORITHM=INPLACE');
    expect(my.sql).not.toContain('CONCURRENTLY');
    expect(my.segments[0].toolTransaction).toBe(true);
  });

  it('rollback: explicit changes or SQL, Liquibase\'s automatic inverse, none for changes without one', () => {
    const text = xmlOf([
      '<changeSet id="1" author="a"><createIndex indexName="i" tableName="t"><column name="a"/></createIndex><renameColumn tableName="t" oldColumnName="a" newColumnName="b"/></changeSet>',
      '<changeSet id="2" author="a"><dropColumn tableName="t" columnName="c"/></changeSet>',
      '<changeSet id="3" author="a"><sql>UPDATE t SET a = 1</sql><rollback>UPDATE t SET a = 0;</rollback></changeSet>',
    ].join('\n'));
    const t = translateChangelog(parseChangelogXml(text), { engine: 'postgres', text });
    const downs = t.segments.filter((s) => s.direction === 'down').map((s) => t.sql.slice(s.range.start, s.range.end).trim());
    // Inverses run in reverse order of the changes.
    expect(downs).toEqual(['ALTER TABLE t RENAME COLUMN b TO a;\nDROP INDEX i;', 'UPDATE t SET a = 0;']);
  });

  it('an unknown change type is one info message naming it, on its element', () => {
    const text = xmlOf('<changeSet id="1" author="a">\n    <customChange class="com.example.Backfill"/>\n</changeSet>');
    const t = translateChangelog(parseChangelogXml(text), { engine: 'postgres', text });
    expect(t.notes.map((n) => [n.level, n.message.slice(0, 48)])).toEqual([['info', 'Liquibase change <customChange> is not translate']]);
    expect(text.slice(t.notes[0].range.start, t.notes[0].range.end)).toBe('<customChange class="com.example.Backfill"/>');
  });

  it('changelog parameters: <property> values substituted in attributes and SQL; unknown ones keep the SQL parseable', () => {
    const text = `${XML_HEAD}<property name="schema" value="billing"/>\n<changeSet id="1" author="a"><dropColumn tableName="invoices" schemaName="\${schema}" columnName="old"/><sql>UPDATE \${schema}.invoices SET x = 1 WHERE tenant = '\${tenant}'</sql></changeSet>\n</databaseChangeLog>\n`;
    const t = translateChangelog(parseChangelogXml(text), { engine: 'postgres', text });
    expect(t.sql).toContain('ALTER TABLE billing.invoices DROP COLUMN old;');
    expect(t.sql).toContain("UPDATE billing.invoices SET x = 1 WHERE tenant = 'p________';");
    // The substituted SQL still maps back onto the document: `SET` is where it is written.
    const at = t.sql.indexOf('SET x');
    expect(text.slice(t.toDocument({ start: at, end: at + 5 }).start).startsWith('SET x')).toBe(true);
  });

  it('an include that does not resolve is an error on the include; loadData is noted without a schema gap', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-lq-'));
    try {
      const file = path.join(dir, 'db.changelog-master.xml');
      const text = xmlOf('<include file="changes/missing.xml" relativeToChangelogFile="true"/>\n<changeSet id="1" author="a"><loadData file="seed.csv" tableName="t"/></changeSet>');
      writeFileSync(file, text);
      const t = findMigrationSet(file).files[0].translate!(text, 'postgres');
      expect(t.notes.map((n) => [n.level, text.slice(n.range.start, n.range.end).split(' ')[0]])).toEqual([['error', '<include'], ['info', '<loadData']]);
      expect(t.notes[0].message).toContain('"changes/missing.xml" not found');
      expect(t.notes[1].message).toContain('it loads data');
      expect(t.notes[1].message).not.toContain('gap');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('YAML and JSON read into the same changes as XML', () => {
    const yamlText = 'databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n      changes:\n        - createIndex:\n            tableName: t\n            indexName: i\n            columns:\n              - column:\n                  name: a\n';
    const jsonText = JSON.stringify({ databaseChangeLog: [{ changeSet: { id: '1', author: 'a', changes: [{ createIndex: { tableName: 't', indexName: 'i', columns: [{ column: { name: 'a' } }] } }] } }] });
    for (const text of [yamlText, jsonText]) {
      const t = translateChangelog(parseChangelogYaml(text), { engine: 'postgres', text });
      expect(t.sql.split('\n')[0]).toBe('CREATE INDEX i ON t(a);');
    }
  });
});

describe('Liquibase changelogs linted: rules, positions, errors', () => {
  it('XML: <createIndex> on an existing table is require-concurrent-index on the element, with the Liquibase way out', async () => {
    const file = path.join(xmlRoot, 'changes/002-order-status.xml');
    const text = readFileSync(file, 'utf8');
    const diags = await findings(file);
    const idx = diags.find((d) => d.ruleId === 'require-concurrent-index')!;
    expect(idx.location.start).toEqual(lineCol(text, '<createIndex'));
    expect(text.slice(idx.location.range.start, idx.location.range.end)).toMatch(/^<createIndex[\s\S]*<\/createIndex>$/);
    expect(idx.message).toContain('runInTransaction="false"');
    expect(idx.fix).toBeUndefined();
    const notNull = diags.find((d) => d.ruleId === 'set-not-null')!;
    expect(notNull.location.start).toEqual(lineCol(text, '<addNotNullConstraint'));
    // defaultNullValue: Liquibase runs an UPDATE first.
    expect(diags.some((d) => d.ruleId === 'unbatched-backfill')).toBe(true);
  });

  it('XML: the schema is replayed through the master: tables created in earlier files are known, new ones are not flagged', async () => {
    expect((await findings(path.join(xmlRoot, 'changes/001-create-shop.xml'))).filter((d) => d.ruleId)).toEqual([]);
    const fk = await findings(path.join(xmlRoot, 'releases/2024-05-customer-fk.xml'));
    const text = readFileSync(path.join(xmlRoot, 'releases/2024-05-customer-fk.xml'), 'utf8');
    // Only the first (validating) foreign key: validate="false" is NOT VALID, validated later.
    expect(fk.filter((d) => d.ruleId === 'constraint-not-valid').map((d) => d.location.start)).toEqual([lineCol(text, '<addForeignKeyConstraint')]);
  });

  it('XML: findings in <sql> text point inside the SQL; runInTransaction="false" makes CONCURRENTLY fine', async () => {
    const file = path.join(xmlRoot, 'releases/2024-06-concurrent-index.xml');
    const text = readFileSync(file, 'utf8');
    const diags = await findings(file);
    const tx = diags.filter((d) => d.ruleId === 'concurrently-in-transaction');
    // Only changeSet 010 (in a transaction), not 008 (runInTransaction="false"); the MySQL-only changeSet is skipped.
    expect(tx).toHaveLength(1);
    expect(tx[0].location.start.line).toBe(lineCol(text, 'CREATE INDEX CONCURRENTLY orders_created_idx').line);
    expect(text.slice(tx[0].location.range.start, tx[0].location.range.end)).toMatch(/^CREATE INDEX CONCURRENTLY orders_created_idx/);
    expect(diags.filter((d) => d.fatal)).toEqual([]);
  });

  it('YAML: positions in block scalars and on change entries; JSON too', async () => {
    const plan = path.join(yamlRoot, 'changes/releases/2024-03-accounts-plan.yaml');
    const text = readFileSync(plan, 'utf8');
    const diags = await findings(plan);
    expect(diags.filter((d) => d.ruleId === 'require-concurrent-index').map((d) => d.location.start)).toEqual([lineCol(text, 'createIndex:')]);
    expect(diags.some((d) => d.ruleId === 'concurrently-in-transaction')).toBe(false);
    const json = path.join(yamlRoot, 'changes/releases/2024-04-invoices.json');
    const jsonText = readFileSync(json, 'utf8');
    const jd = await findings(json);
    expect(jd.filter((d) => d.ruleId === 'set-not-null').map((d) => d.location.start)).toEqual([lineCol(jsonText, '"addNotNullConstraint"')]);
    expect(jd.some((d) => d.ruleId === 'constraint-not-valid')).toBe(false);
    const cleanup = await findings(path.join(yamlRoot, 'changes/releases/2024-05-accounts-cleanup.yaml'));
    expect(cleanup.map((d) => d.ruleId)).toEqual(expect.arrayContaining(['rename-column', 'drop-column', 'change-column-type']));
  });

  it('MySQL: the engine comes from the Spring Boot datasource URL; MODIFY / CHANGE as Liquibase writes them', async () => {
    const root = path.join(projects, 'liquibase-mysql/src/main/resources/db/changelog');
    const set = findMigrationSet(path.join(root, 'changes/002-products-catalog.xml'));
    expect(set.engine).toBe('mysql');
    const file = path.join(root, 'changes/002-products-catalog.xml');
    const text = readFileSync(file, 'utf8');
    const diags = await findings(file);
    expect(diags.filter((d) => d.ruleId === 'set-not-null').map((d) => d.location.start)).toEqual([lineCol(text, '<addNotNullConstraint')]);
    const rename = diags.filter((d) => d.ruleId === null);
    expect(rename.map((d) => d.location.start)).toEqual([lineCol(text, '<renameColumn')]);
    expect(rename[0].message).toContain('requires columnDataType for renameColumn on MySQL');
    // Each changeSet is applied and recorded on its own: two changeSets with one DDL each are fine.
    expect(diags.some((d) => d.ruleId === 'mysql-ddl-not-transactional')).toBe(false);
  });

  it('ignore comments in XML (` - ` before the reason) and YAML apply to the next change', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-lq-'));
    try {
      const xml = path.join(dir, 'db.changelog-master.xml');
      writeFileSync(xml, xmlOf([
        '<changeSet id="1" author="a"><createTable tableName="t"><column name="a" type="int"/></createTable></changeSet>',
        '<include file="next.yaml" relativeToChangelogFile="true"/>',
        '<changeSet id="3" author="a">',
        '  <!-- migrasafe-ignore require-concurrent-index - table t has 40 rows -->',
        '  <createIndex indexName="accounts_a_idx" tableName="accounts"><column name="a"/></createIndex>',
        '</changeSet>',
      ].join('\n')));
      writeFileSync(path.join(dir, 'next.yaml'), 'databaseChangeLog:\n  - changeSet:\n      id: 2\n      author: a\n      changes:\n        # migrasafe-ignore require-concurrent-index -- lookup table, 12 rows\n        - createIndex:\n            tableName: t\n            indexName: t_a2_idx\n            columns:\n              - column:\n                  name: a\n');
      const results = await lintFiles([path.join(dir, 'next.yaml'), xml], { cwd: dir, env: {} });
      // Both ignores were used (an unused one would be reported) and nothing else is left.
      for (const r of results) {
        expect(r.diagnostics.filter((d) => d.ruleId === 'require-concurrent-index' || d.ruleId === 'unused-ignore')).toEqual([]);
      }
      writeFileSync(xml, readFileSync(xml, 'utf8').replace(/ *<!-- migrasafe-ignore.*\n/, ''));
      const [xmlAgain] = await lintFiles([xml], { cwd: dir, env: {} });
      expect(xmlAgain.diagnostics.map((d) => d.ruleId)).toContain('require-concurrent-index');
      // Without the comment the same change is reported.
      writeFileSync(path.join(dir, 'next.yaml'), readFileSync(path.join(dir, 'next.yaml'), 'utf8').replace(/ *# migrasafe-ignore.*\n/, ''));
      const [again] = await lintFiles([path.join(dir, 'next.yaml')], { cwd: dir, env: {} });
      expect(again.diagnostics.map((d) => d.ruleId)).toContain('require-concurrent-index');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a malformed changelog is a fatal message with its line; the other files are still linted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-lq-'));
    try {
      cpSync(path.join(projects, 'liquibase-xml'), dir, { recursive: true });
      const root = path.join(dir, 'src/main/resources/db/changelog');
      const broken = path.join(root, 'releases/2024-05-customer-fk.xml');
      const bad = readFileSync(broken, 'utf8').replace('</changeSet>', '</changeSett>');
      writeFileSync(broken, bad);
      const { line } = lineCol(bad, '</changeSett>');
      const results = await lintFiles([broken, path.join(root, 'releases/2024-07-cleanup.xml')], { cwd: dir, env: {} });
      const fatal = results[0].diagnostics.filter((d) => d.fatal);
      expect(fatal).toHaveLength(1);
      expect(fatal[0].message).toMatch(new RegExp(`^Malformed XML changelog \\(line ${line}, column \\d+\\): unexpected close tag`));
      expect(fatal[0].location.start.line).toBe(line);
      expect(results[1].diagnostics.some((d) => d.ruleId === 'drop-column')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasGit)('Liquibase changelogs in a git release', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n';
  const deployed = [
    '  <changeSet id="1" author="a">',
    '    <createTable tableName="users"><column name="id" type="bigint"><constraints primaryKey="true"/></column><column name="email" type="text"/><column name="legacy" type="text"/></createTable>',
    '  </changeSet>',
    '  <changeSet id="2" author="a">',
    '    <dropColumn tableName="users" columnName="legacy"/>',
    '  </changeSet>',
  ].join('\n');
  const appended = ['  <changeSet id="3" author="b">', '    <createIndex indexName="users_email_idx" tableName="users"><column name="email"/></createIndex>', '  </changeSet>'].join('\n');

  it('a changelog that gained a changeSet: the deployed ones are existing schema, not re-reported, and not an edit', async () => {
    const master = 'db/changelog/db.changelog-master.xml';
    const dir = gitRepo({ [master]: `${head}${deployed}\n</databaseChangeLog>\n` }, { [master]: `${head}${deployed}\n${appended}\n</databaseChangeLog>\n` });
    try {
      const [result] = await lintFiles([path.join(dir, master)], { cwd: dir, base: 'main', env: {} });
      const ids = result.diagnostics.map((d) => d.ruleId);
      // users was created by a deployed changeSet: the new index locks a live table.
      expect(ids).toContain('require-concurrent-index');
      // The deployed dropColumn is not reported again, and appending is how Liquibase changelogs grow.
      expect(ids).not.toContain('drop-column');
      expect(ids).not.toContain('modified-applied-migration');
      const text = readFileSync(path.join(dir, master), 'utf8');
      expect(result.diagnostics.find((d) => d.ruleId === 'require-concurrent-index')!.location.start).toEqual(lineCol(text, '<createIndex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('editing a deployed changeSet is still modified-applied-migration', async () => {
    const master = 'db/changelog/db.changelog-master.xml';
    const dir = gitRepo({ [master]: `${head}${deployed}\n</databaseChangeLog>\n` }, { [master]: `${head}${deployed.replace('columnName="legacy"', 'columnName="email"')}\n</databaseChangeLog>\n` });
    try {
      const [result] = await lintFiles([path.join(dir, master)], { cwd: dir, base: 'main', env: {} });
      expect(result.diagnostics.map((d) => d.ruleId)).toContain('modified-applied-migration');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
