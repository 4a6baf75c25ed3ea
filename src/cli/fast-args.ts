import type { LintArgs } from './lint-command.js';
import { camelCase, lintOptions, type LintOptionSpec } from './lint-options.js';

const OTHER_COMMANDS = new Set(['rules', 'explain', 'lsp', 'init', 'plan', 'help', 'completion']);

/**
 * Parses a plain `migrasafe [lint] <paths...> [options]` command line without loading yargs
 * (about a fifth of a one-file run's start-up). Returns undefined for anything else — other
 * commands, --help/--version, unknown or malformed options — and yargs then handles it, with
 * its usual messages, so the two never disagree on what a valid command line means.
 */
export function parseLintArgsFast(argv: readonly string[]): LintArgs | undefined {
  const byName = new Map<string, LintOptionSpec>();
  for (const o of lintOptions) {
    byName.set(o.name, o);
    if (o.alias) byName.set(o.alias, o);
  }
  const out: Record<string, unknown> = {};
  for (const o of lintOptions) if (o.default !== undefined) out[camelCase(o.name)] = o.default;
  const paths: string[] = [];
  let i = 0;
  if (argv[0] === 'lint') i = 1;
  else if (argv[0] !== undefined && OTHER_COMMANDS.has(argv[0])) return undefined;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    let name = long ? arg.slice(2, eq > 0 ? eq : undefined) : arg.slice(1);
    let inline = long && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (!long && name.length !== 1) return undefined; // bundled short flags: leave to yargs
    let negated = false;
    if (long && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
      negated = true;
      name = name.slice(3);
    }
    const spec = byName.get(name);
    if (!spec || (!long && spec.alias !== name)) return undefined;
    const key = camelCase(spec.name);
    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        if (inline !== 'true' && inline !== 'false') return undefined;
        out[key] = (inline === 'true') !== negated;
      } else out[key] = !negated;
      continue;
    }
    if (negated) return undefined;
    if (inline === undefined) {
      inline = argv[i + 1];
      if (inline === undefined || inline.startsWith('-')) return undefined;
      i++;
    }
    let value: unknown = inline;
    if (spec.type === 'number') {
      if (!/^-?\d+(\.\d+)?$/.test(inline)) return undefined;
      value = Number(inline);
    }
    if (spec.choices && !spec.choices.includes(inline)) return undefined;
    if (spec.array) out[key] = [...((out[key] as unknown[] | undefined) ?? []), value];
    else if (out[key] !== undefined && out[key] !== spec.default) return undefined; // given twice: yargs decides
    else out[key] = value;
  }
  if (paths.length) out.paths = paths;
  return out as unknown as LintArgs;
}
