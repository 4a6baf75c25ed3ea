import type { ToolName } from './types.js';

/** Every tool a config's `tool` key may name (the layouts src/sources can read). */
export const TOOL_NAMES: readonly ToolName[] = ['plain', 'flyway', 'golang-migrate', 'dbmate', 'prisma', 'liquibase', 'sqitch', 'knex', 'alembic', 'pop', 'diesel'];
