import type { AnyRule } from './types.js';
import { generalRules } from './general/index.js';
import { mysqlRules } from './mysql/index.js';
import { postgresRules } from './postgres/index.js';
import { releaseRules } from './release/index.js';
import { schemaRules } from './schema/index.js';
import { migrationRules } from './migration/index.js';

/**
 * Every rule, in the order `migrasafe rules` lists them. Each area keeps its own list
 * (`postgres/index.ts`, `general/index.ts`, ...); add a rule there.
 */
export const allRules: AnyRule[] = [...postgresRules, ...generalRules, ...schemaRules, ...migrationRules, ...mysqlRules, ...releaseRules];

export function findRule(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
