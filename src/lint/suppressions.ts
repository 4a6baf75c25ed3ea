import type { SourceComment, Statement } from '../core/statement.js';
import type { Range } from '../core/types.js';

/**
 * `-- migrasafe-ignore <rule>[, <rule>] -- <reason>` before a statement, and
 * `-- migrasafe-ignore-file <rule>[, <rule>] -- <reason>` anywhere in the file. The reason is
 * required; an ignore without one suppresses nothing and is reported.
 */
export interface IgnoreDirective {
  scope: 'statement' | 'file';
  rules: string[];
  reason: string;
  range: Range;
  /** Index of the statement a statement-level ignore applies to. */
  statementIndex?: number;
  /** Rule ids this directive actually suppressed (filled while filtering). */
  used: Set<string>;
}

export interface DirectiveProblem {
  range: Range;
  message: string;
}

const DIRECTIVE = /^migrasafe-ignore(-file)?(?:\s+([\s\S]*))?$/;

export function parseDirectives(
  text: string,
  comments: readonly SourceComment[],
  statements: readonly Statement[],
): { directives: IgnoreDirective[]; problems: DirectiveProblem[] } {
  const directives: IgnoreDirective[] = [];
  const problems: DirectiveProblem[] = [];
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.body);
    if (!m) continue;
    const scope = m[1] ? 'file' : 'statement';
    const [rulePart, ...reasonParts] = (m[2] ?? '').split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    const rules = rulePart.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
    const name = scope === 'file' ? 'migrasafe-ignore-file' : 'migrasafe-ignore';
    if (rules.length === 0) {
      problems.push({ range: comment.range, message: `\`${name}\` needs the rule ids it ignores, e.g. \`-- ${name} require-concurrent-index -- table is empty\`.` });
      continue;
    }
    if (!reason) {
      problems.push({ range: comment.range, message: `\`${name} ${rules.join(', ')}\` needs a reason after \` -- \`; it suppresses nothing until it has one.` });
      continue;
    }
    const directive: IgnoreDirective = { scope, rules, reason, range: comment.range, used: new Set() };
    if (scope === 'statement') {
      const next = nextStatement(text, comment.range.end, statements);
      if (next === undefined) {
        problems.push({ range: comment.range, message: '`migrasafe-ignore` is not followed by a statement.' });
        continue;
      }
      directive.statementIndex = next;
    }
    directives.push(directive);
  }
  return { directives, problems };
}

/** The statement a comment applies to: the first one starting after it (a trailing comment on the statement's own line also counts). */
function nextStatement(text: string, offset: number, statements: readonly Statement[]): number | undefined {
  for (const st of statements) {
    if (st.range.start >= offset) return st.index;
    // trailing comment on the same line as the end of the statement
    if (st.terminatorEnd <= offset && !text.slice(st.terminatorEnd, offset).includes('\n')) {
      const after = statements[st.index + 1];
      if (!after || after.range.start > offset) return st.index;
    }
  }
  return undefined;
}

/** Whether a finding of `ruleId` on `statementIndex` is suppressed; marks the directive as used. */
export function isSuppressed(directives: IgnoreDirective[], ruleId: string, statementIndex: number | undefined): boolean {
  let hit = false;
  for (const d of directives) {
    if (!d.rules.includes(ruleId) && !d.rules.includes('all')) continue;
    if (d.scope === 'file' || d.statementIndex === statementIndex) {
      d.used.add(ruleId);
      hit = true;
    }
  }
  return hit;
}
