import type { AnyRule } from '../types.js';
import { addForeignKey } from './add-foreign-key.js';
import { dropColumn } from './drop-column.js';
import { dropNotNull } from './drop-not-null.js';
import { dropTable } from './drop-table.js';
import { mixedSchemaAndData } from './mixed-schema-and-data.js';
import { renameColumn } from './rename-column.js';
import { renameTable } from './rename-table.js';
import { unbatchedBackfill } from './unbatched-backfill.js';
import { unusedIgnore } from './unused-ignore.js';

/** Rules for every engine (their messages and fixes follow the engine). */
export const generalRules: AnyRule[] = [dropColumn, dropTable, renameColumn, renameTable, dropNotNull, unbatchedBackfill, mixedSchemaAndData, unusedIgnore, addForeignKey];
