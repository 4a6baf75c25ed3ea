import type { Site } from './load-module.js';

/** A `// migrasafe-ignore ...` or `// migrasafe-ignore-file ...` comment in a migration that is code. */
export interface CodeDirective {
  id: number;
  /** The directive as it would read in SQL, without the comment marker (`migrasafe-ignore rule -- reason`). */
  body: string;
  file: boolean;
  /** Where the comment is (findings about the directive itself, such as `unused-ignore`, go there). */
  site: Site;
  /** Source lines whose Knex calls the directive covers (empty for file directives). */
  from: number;
  to: number;
}

const LINE_DIRECTIVE = /^(\s*)\/\/\s*(migrasafe-ignore(?:-file)?\b.*)$/;
const TRAILING_DIRECTIVE = /\/\/\s*(migrasafe-ignore\b.*)$/;
const indentOf = (line: string) => /^\s*/.exec(line)![0].length;
const isCode = (line: string) => line.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(line);

/**
 * Ignore comments written in JavaScript/TypeScript, in the same syntax as in SQL: a
 * `// migrasafe-ignore <rules> -- <reason>` line covers the next JavaScript statement (the next code
 * line and the more indented lines that continue it), or its own line when it trails code;
 * `// migrasafe-ignore-file ...` covers the whole file.
 */
export function codeDirectives(source: string): CodeDirective[] {
  const lines = source.split('\n');
  const out: CodeDirective[] = [];
  lines.forEach((line, i) => {
    const own = LINE_DIRECTIVE.exec(line);
    if (own) {
      const body = own[2].trim();
      const site = { line: i + 1, column: own[1].length + 1 };
      if (body.startsWith('migrasafe-ignore-file')) {
        out.push({ id: out.length, body, file: true, site, from: 0, to: 0 });
        return;
      }
      let start = i + 1;
      while (start < lines.length && !isCode(lines[start])) start++;
      if (start >= lines.length) return;
      let end = start + 1;
      while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]) > indentOf(lines[start]))) end++;
      out.push({ id: out.length, body, file: false, site, from: start + 1, to: end });
      return;
    }
    const trailing = isCode(line) ? TRAILING_DIRECTIVE.exec(line) : null;
    if (trailing) out.push({ id: out.length, body: trailing[1].trim(), file: false, site: { line: i + 1, column: trailing.index + 1 }, from: i + 1, to: i + 1 });
  });
  return out;
}
