import type { AnyRule } from '../types.js';
import { addColumnRewrite } from './add-column-rewrite.js';
import { constraintNotValid } from './constraint-not-valid.js';
import { requireConcurrentIndex } from './require-concurrent-index.js';
import { requireLockTimeout } from './require-lock-timeout.js';
import { setNotNull } from './set-not-null.js';

/** PostgreSQL-only rules. */
export const postgresRules: AnyRule[] = [requireConcurrentIndex, constraintNotValid, setNotNull, addColumnRewrite, requireLockTimeout];
