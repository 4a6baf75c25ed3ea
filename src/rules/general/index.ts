import type { AnyRule } from '../types.js';
import { dropColumn } from './drop-column.js';
import { unusedIgnore } from './unused-ignore.js';

/** Rules for every engine (their messages and fixes follow the engine). */
export const generalRules: AnyRule[] = [dropColumn, unusedIgnore];
