import type { FileResult } from '../core/types.js';
import type { RuleMeta } from '../rules/types.js';

export interface FormatContext {
  cwd: string;
  /** Rule metadata for every rule that appears in the results (and the rest of the registry). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Colour output (stylish only). */
  color: boolean;
  /** Where rule docs live, for links: `<docsBaseUrl>/<id>.md`. */
  docsBaseUrl: string;
  toolVersion: string;
}

export type Formatter = (results: readonly FileResult[], ctx: FormatContext) => string;
