import { UsageError } from '../core/errors.js';
import type { Formatter } from './types.js';

/** Formatters load on demand so a run only pays for the one it prints. */
const loaders: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).formatStylish,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  github: async () => (await import('./github.js')).formatGithub,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  gitlab: async () => (await import('./gitlab.js')).formatGitlab,
  junit: async () => (await import('./junit.js')).formatJunit,
};

export const formatNames = Object.keys(loaders);

export async function loadFormatter(name: string): Promise<Formatter> {
  const load = loaders[name];
  if (!load) throw new UsageError(`Unknown format "${name}"; use one of ${formatNames.join(', ')}.`);
  return load();
}
