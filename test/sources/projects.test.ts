import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findMigrationSet } from '../../src/sources/find-set.js';
import type { MigrationSet } from '../../src/sources/types.js';

const projects = path.join(import.meta.dirname, '../../fixtures/projects');
const setOf = (rel: string): MigrationSet => findMigrationSet(path.join(projects, rel));
const names = (set: MigrationSet, role?: string) => set.files.filter((f) => !role || f.role === role).map((f) => path.relative(set.root, f.path));
const segmentsOf = (set: MigrationSet, rel: string) => {
  const mf = set.files.find((f) => f.path === path.join(projects, rel))!;
  const text = readFileSync(mf.path, 'utf8');
  const prepared = mf.preprocess ? mf.preprocess(text) : text;
  return { mf, prepared, segments: mf.segments?.(prepared) };
};

describe('fixture projects: each layout is recognised, ordered and paired as its tool does', () => {
  it('flyway: versions in numeric order, repeatables after by description, undo paired, callbacks apart', () => {
    const set = setOf('flyway/db/migration/V2__index_customer_email.sql');
    expect(set.tool).toBe('flyway');
    expect(set.engine).toBe('postgres');
    expect(set.root).toBe(path.join(projects, 'flyway/db/migration'));
    expect(names(set, 'up')).toEqual(['V1__create_customers.sql', 'V1.1__add_customer_name.sql', 'V2__index_customer_email.sql', 'V3__add_orders.sql', 'V10__backfill_customer_names.sql']);
    expect(names(set, 'repeatable')).toEqual(['R__audit_function.sql', 'R__customer_summary_view.sql']);
    expect(names(set, 'callback')).toEqual(['afterMigrate.sql']);
    const v2 = set.files.find((f) => f.version === '2' && f.role === 'up')!;
    expect(path.basename(v2.pairPath!)).toBe('U2__index_customer_email.sql');
    expect(set.downs).toBe('files');
  });

  it('flyway: CONCURRENTLY and .sql.conf executeInTransaction=false run outside a transaction; placeholders keep offsets', () => {
    const set = setOf('flyway/db/migration/V1__create_customers.sql');
    expect(segmentsOf(set, 'flyway/db/migration/V1__create_customers.sql').segments![0].toolTransaction).toBe(true);
    expect(segmentsOf(set, 'flyway/db/migration/V2__index_customer_email.sql').segments![0].toolTransaction).toBe(false);
    expect(segmentsOf(set, 'flyway/db/migration/V10__backfill_customer_names.sql').segments![0].toolTransaction).toBe(false);
    const { prepared } = segmentsOf(set, 'flyway/db/migration/V1__create_customers.sql');
    const original = readFileSync(path.join(projects, 'flyway/db/migration/V1__create_customers.sql'), 'utf8');
    expect(prepared.length).toBe(original.length);
    expect(prepared).not.toContain('${');
    expect(prepared).toContain(`CREATE TABLE p${'_'.repeat('${app_schema}'.length - 1)}.customers`);
  });

  it('golang-migrate: numeric version order, up/down pairs, one implicit-transaction segment per file', () => {
    const set = setOf('golang-migrate/db/migrations/000003_add_last_login.up.sql');
    expect(set.tool).toBe('golang-migrate');
    expect(names(set)).toEqual([
      '000001_create_users.up.sql', '000001_create_users.down.sql', '000002_index_users_email.up.sql', '000002_index_users_email.down.sql',
      '000003_add_last_login.up.sql', '000003_add_last_login.down.sql', '000010_add_display_name.up.sql', '000010_add_display_name.down.sql',
    ]);
    expect(set.files.filter((f) => f.role === 'up').every((f) => f.pairPath?.endsWith('.down.sql'))).toBe(true);
    const { segments } = segmentsOf(set, 'golang-migrate/db/migrations/000002_index_users_email.up.sql');
    expect(segments).toEqual([expect.objectContaining({ direction: 'up', toolTransaction: false, implicitTransaction: true })]);
    expect(segmentsOf(set, 'golang-migrate/db/migrations/000001_create_users.down.sql').segments![0].direction).toBe('down');
  });

  it('dbmate: sections with their own transaction mode', () => {
    const set = setOf('dbmate/db/migrations/20240115120000_index_accounts_email.sql');
    expect(set.tool).toBe('dbmate');
    expect(set.downs).toBe('sections');
    expect(names(set)).toEqual(['20240101100000_create_accounts.sql', '20240115120000_index_accounts_email.sql', '20240201090000_add_accounts_region.sql']);
    const { segments, prepared } = segmentsOf(set, 'dbmate/db/migrations/20240115120000_index_accounts_email.sql');
    expect(segments!.map((s) => [s.direction, s.toolTransaction, !!s.implicitTransaction])).toEqual([['up', false, true], ['down', false, true]]);
    expect(prepared.slice(segments![1].range.start)).toMatch(/^-- migrate:down/);
    const normal = segmentsOf(set, 'dbmate/db/migrations/20240101100000_create_accounts.sql').segments!;
    expect(normal.map((s) => [s.direction, s.toolTransaction])).toEqual([['up', true], ['down', true]]);
  });

  it('prisma: folders in name order, engine from migration_lock.toml, no downs', () => {
    const set = setOf('prisma/prisma/migrations/20240212141500_add_order_status/migration.sql');
    expect(set.tool).toBe('prisma');
    expect(set.engine).toBe('postgres');
    expect(set.downs).toBe('none');
    expect(set.files.map((f) => f.description)).toEqual(['init', 'add_order_status', 'index_orders_status']);
  });

  it('liquibase formatted SQL: changesets end statements, rollbacks become down segments', () => {
    const set = setOf('liquibase/src/main/resources/db/changelog/001_create_payments.sql');
    expect(set.tool).toBe('liquibase');
    expect(set.downs).toBe('sections');
    expect(names(set)).toEqual(['001_create_payments.sql', '002_index_payments_state.sql', '003_payments_fee.sql']);
    const { prepared, segments } = segmentsOf(set, 'liquibase/src/main/resources/db/changelog/001_create_payments.sql');
    const original = readFileSync(path.join(projects, 'liquibase/src/main/resources/db/changelog/001_create_payments.sql'), 'utf8');
    expect(prepared.length).toBe(original.length);
    const downs = segments!.filter((s) => s.direction === 'down').map((s) => prepared.slice(s.range.start, s.range.end).replace(/^;\/\*rbk\*\/\s*/, '').trim());
    expect(downs).toEqual(['DROP TABLE payments;', 'ALTER TABLE payments DROP CONSTRAINT payments_external_id_key;']);
    const idx = segmentsOf(set, 'liquibase/src/main/resources/db/changelog/002_index_payments_state.sql').segments!;
    expect(idx.filter((s) => s.direction === 'up').at(-1)!.toolTransaction).toBe(false);
    const fee = segmentsOf(set, 'liquibase/src/main/resources/db/changelog/003_payments_fee.sql');
    const block = fee.segments!.find((s) => s.direction === 'down')!;
    expect(fee.prepared.slice(block.range.start, block.range.end)).toContain('ALTER TABLE payments DROP COLUMN fee;');
  });

  it('sqitch: plan order, reworked change scripts named after the tag, revert pairs and verify scripts', () => {
    const set = setOf('sqitch/deploy/users.sql');
    expect(set.tool).toBe('sqitch');
    expect(set.engine).toBe('postgres');
    expect(names(set, 'up')).toEqual(['deploy/appschema.sql', 'deploy/users.sql', 'deploy/insert_user@v1.1.sql', 'deploy/insert_user.sql']);
    expect(names(set, 'down')).toEqual(['revert/appschema.sql', 'revert/users.sql', 'revert/insert_user@v1.1.sql', 'revert/insert_user.sql']);
    expect(names(set, 'verify')).toEqual(['verify/appschema.sql', 'verify/users.sql', 'verify/insert_user.sql']);
    expect(set.files.every((f) => !f.toolTransaction)).toBe(true);
    // A revert script finds the same set.
    expect(findMigrationSet(path.join(projects, 'sqitch/revert/users.sql')).root).toBe(set.root);
  });

  it('pop: one set per dialect with the dialect-less files, each migration in a transaction', () => {
    const pg = setOf('pop/migrations/20240101000000000000_identities.postgres.up.sql');
    expect(pg.tool).toBe('pop');
    expect(pg.engine).toBe('postgres');
    expect(names(pg, 'up')).toEqual(['20240101000000000000_identities.postgres.up.sql', '20240201000000000000_identity_state.up.sql', '20240301000000000000_identity_state_idx.postgres.up.sql']);
    expect(pg.files.every((f) => f.toolTransaction)).toBe(true);
    const my = setOf('pop/migrations/20240101000000000000_identities.mysql.up.sql');
    expect(my.engine).toBe('mysql');
    expect(names(my, 'up')[0]).toBe('20240101000000000000_identities.mysql.up.sql');
  });

  it('diesel: folders in version order, metadata.toml run_in_transaction=false', () => {
    const set = setOf('diesel/migrations/2024-02-01-090000_index_posts_title/up.sql');
    expect(set.tool).toBe('diesel');
    expect(names(set)).toEqual(['2024-01-10-120000_create_posts/up.sql', '2024-01-10-120000_create_posts/down.sql', '2024-02-01-090000_index_posts_title/up.sql', '2024-02-01-090000_index_posts_title/down.sql']);
    expect(set.files.map((f) => f.toolTransaction)).toEqual([true, true, false, false]);
  });

  it('alembic offline output: one segment per "Running upgrade" marker, one session across them', () => {
    const set = setOf('alembic/sql/upgrade-1.4.sql');
    expect(set.tool).toBe('alembic');
    const { segments } = segmentsOf(set, 'alembic/sql/upgrade-1.4.sql');
    expect(segments!.length).toBe(3);
    expect(segments!.slice(1).every((s) => s.continuesSession && s.direction === 'up')).toBe(true);
  });

  it('plain: natural order, no transaction', () => {
    const set = setOf('plain/sql/2-events-received-at.sql');
    expect(set.tool).toBe('plain');
    expect(names(set)).toEqual(['1-create-events.sql', '2-events-received-at.sql', '10-index-events-received-at.sql']);
  });

  it('a configured tool wins over detection', () => {
    const set = findMigrationSet(path.join(projects, 'plain/sql/1-create-events.sql'), new Map(), 'golang-migrate');
    expect(set.tool).toBe('golang-migrate');
  });
});
