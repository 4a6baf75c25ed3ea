import type { AnyRule } from './types.js';
import { dropColumn } from './general/drop-column.js';
import { unusedIgnore } from './general/unused-ignore.js';
import { addColumnRewrite } from './postgres/add-column-rewrite.js';
import { constraintNotValid } from './postgres/constraint-not-valid.js';
import { requireConcurrentIndex } from './postgres/require-concurrent-index.js';
import { requireLockTimeout } from './postgres/require-lock-timeout.js';
import { setNotNull } from './postgres/set-not-null.js';

/** Every rule, in the order `migrasafe rules` lists them. Add new rules here. */
export const allRules: AnyRule[] = [
  requireConcurrentIndex,
  constraintNotValid,
  setNotNull,
  addColumnRewrite,
  requireLockTimeout,
  dropColumn,
  unusedIgnore,
];

export function findRule(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
