import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationSet } from '../../src/sources/find-set.js';
import { nextMigrationFiles } from '../../src/sources/naming.js';

const projects = path.join(import.meta.dirname, '../../fixtures/projects');
const now = new Date('2024-06-01T12:30:45Z');
const rel = (files: { path: string }[]) => files.map((f) => path.relative(projects, f.path));
const opts = { up: 'CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);', down: 'DROP INDEX CONCURRENTLY orders_status_idx;', transactional: false, now };

describe('nextMigrationFiles: new migrations in the tool naming with the next version', () => {
  it('golang-migrate: next sequence number, zero-padded like the others', () => {
    const set = findMigrationSet(path.join(projects, 'golang-migrate/db/migrations/000001_create_users.up.sql'));
    expect(rel(nextMigrationFiles(set, 'Index orders status', opts))).toEqual(['golang-migrate/db/migrations/000011_index_orders_status.up.sql', 'golang-migrate/db/migrations/000011_index_orders_status.down.sql']);
    expect(rel(nextMigrationFiles(set, 'second phase', { ...opts, offset: 1 }))[0]).toBe('golang-migrate/db/migrations/000012_second_phase.up.sql');
  });

  it('flyway: bumps the last version part; a .sql.conf turns the transaction off; the undo script when the set uses them', () => {
    const set = findMigrationSet(path.join(projects, 'flyway/db/migration/V1__create_customers.sql'));
    const files = nextMigrationFiles(set, 'index orders status', opts);
    expect(rel(files)).toEqual(['flyway/db/migration/V11__index_orders_status.sql', 'flyway/db/migration/V11__index_orders_status.sql.conf', 'flyway/db/migration/U11__index_orders_status.sql']);
    expect(files[1].content).toBe('executeInTransaction=false\n');
  });

  it('dbmate: timestamp version, transaction:false on both sections', () => {
    const set = findMigrationSet(path.join(projects, 'dbmate/db/migrations/20240101100000_create_accounts.sql'));
    const [file] = nextMigrationFiles(set, 'index orders status', opts);
    expect(path.basename(file.path)).toBe('20240601123045_index_orders_status.sql');
    expect(file.content).toBe('-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY orders_status_idx;\n');
  });

  it('prisma, diesel, sqitch, liquibase, pop, plain', () => {
    const find = (p: string) => findMigrationSet(path.join(projects, p));
    expect(rel(nextMigrationFiles(find('prisma/prisma/migrations/20240105093000_init/migration.sql'), 'index status', opts))).toEqual(['prisma/prisma/migrations/20240601123045_index_status/migration.sql']);
    expect(rel(nextMigrationFiles(find('diesel/migrations/2024-01-10-120000_create_posts/up.sql'), 'index status', opts))).toEqual([
      'diesel/migrations/2024-06-01-123045_index_status/up.sql', 'diesel/migrations/2024-06-01-123045_index_status/down.sql', 'diesel/migrations/2024-06-01-123045_index_status/metadata.toml',
    ]);
    const sqitch = nextMigrationFiles(find('sqitch/deploy/users.sql'), 'index status', { ...opts, transactional: true });
    expect(rel(sqitch)).toEqual(['sqitch/deploy/index_status.sql', 'sqitch/revert/index_status.sql', 'sqitch/sqitch.plan']);
    expect(sqitch[0].content).toContain('BEGIN;');
    expect(sqitch[2]).toMatchObject({ append: true, content: 'index_status 2024-06-01T12:30:45Z migrasafe <migrasafe@localhost> # index status\n' });
    const lb = nextMigrationFiles(find('liquibase/src/main/resources/db/changelog/001_create_payments.sql'), 'index status', opts);
    expect(path.basename(lb[0].path)).toBe('004_index_status.sql');
    expect(lb[0].content).toBe('--liquibase formatted sql\n\n--changeset migrasafe:index_status runInTransaction:false\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n--rollback DROP INDEX CONCURRENTLY orders_status_idx;\n');
    expect(rel(nextMigrationFiles(find('pop/migrations/20240101000000000000_identities.postgres.up.sql'), 'index status', opts))[0]).toBe('pop/migrations/20240601123045000000_index_status.postgres.up.sql');
    expect(rel(nextMigrationFiles(find('plain/sql/1-create-events.sql'), 'index status', opts))).toEqual(['plain/sql/11-index-status.sql']);
  });
});
