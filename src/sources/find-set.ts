import { findMigrationSetFor } from './detect.js';
import { withMultiStatement } from './golang-migrate.js';
import type { MigrationSet, ToolName } from './types.js';

/** Tool settings from the configuration (`toolOptions`), with the config key that set them. */
export interface SetOptions {
  multiStatement?: boolean;
  /** Where the options came from, for `--verbose` (`migrasafe.config.json toolOptions`). */
  from?: string;
}

/**
 * The migration set a file belongs to: its tool (recognised from the layout, or forced by the
 * config's `tool`), the files in the tool's run order, up/down pairs and transaction handling.
 * `options` (the config's `toolOptions`) win over what the project files say.
 */
export function findMigrationSet(filePath: string, cache = new Map<string, MigrationSet>(), tool?: ToolName, options: SetOptions = {}): MigrationSet {
  const set = findMigrationSetFor(filePath, cache, tool);
  if (set.tool === 'golang-migrate' && options.multiStatement !== undefined) {
    return withMultiStatement(set, { enabled: options.multiStatement, evidence: `${options.from ?? 'config'}.multiStatement = ${options.multiStatement}` });
  }
  return set;
}
