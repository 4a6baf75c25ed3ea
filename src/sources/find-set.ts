import { findMigrationSetFor } from './detect.js';
import type { MigrationSet, ToolName } from './types.js';

/**
 * The migration set a file belongs to: its tool (recognised from the layout, or forced by the
 * config's `tool`), the files in the tool's run order, up/down pairs and transaction handling.
 */
export function findMigrationSet(filePath: string, cache = new Map<string, MigrationSet>(), tool?: ToolName): MigrationSet {
  return findMigrationSetFor(filePath, cache, tool);
}
