import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the installed package (where package.json and docs/ live), from dist/core or src/core. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const packageVersion: string = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

export const docsBaseUrl = 'https://github.com/migrasafe/migrasafe/blob/main/docs/rules';

export function ruleDocPath(id: string): string {
  return path.join(packageRoot, 'docs', 'rules', `${id}.md`);
}
