import type { AnyRule } from '../types.js';
import { catalogGap } from './catalog-gap.js';
import { unknownObject } from './unknown-object.js';

/** Rules about the schema the history builds (replayed by `schema/`). */
export const schemaRules: AnyRule[] = [unknownObject, catalogGap];
