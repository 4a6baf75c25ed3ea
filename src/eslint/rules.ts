import type { Diagnostic, TextEdit } from '../core/types.js';
import { docsBaseUrl } from '../core/package-info.js';
import { allRules } from '../rules/index.js';
import type { RuleMeta } from '../rules/types.js';
import { lintEmbedded, type EmbeddedFinding, type EsNode } from './embedded-sql.js';
import type { MigrationSourceCode } from './language.js';
import type { MigrasafeLanguageOptions } from './lint-bridge.js';

/** The slice of ESLint's rule context these rules use (ESLint 9 and 10 both provide it). */
interface Fixer {
  replaceTextRange(range: [number, number], text: string): unknown;
}
interface Report {
  message: string;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  fix?: (fixer: Fixer) => unknown[];
  suggest?: Array<{ desc: string; fix: (fixer: Fixer) => unknown[] }>;
}
interface JsSourceCode {
  ast: EsNode;
  text: string;
  visitorKeys: Record<string, readonly string[] | undefined>;
  getLocFromIndex(index: number): { line: number; column: number };
}
export interface RuleContext {
  sourceCode: MigrationSourceCode | JsSourceCode;
  filename: string;
  physicalFilename?: string;
  settings?: { migrasafe?: MigrasafeLanguageOptions };
  report(descriptor: Report): void;
}

export interface EslintRule {
  meta: {
    type: 'problem' | 'suggestion';
    docs: { description: string; url: string; recommended: boolean };
    fixable?: 'code';
    hasSuggestions: boolean;
    schema: [];
  };
  create(context: RuleContext): Record<string, (node: unknown) => void>;
}

const isSql = (sc: RuleContext['sourceCode']): sc is MigrationSourceCode => (sc.ast as { type?: string }).type === 'Migration';

const editsFix = (edits: TextEdit[]) => (fixer: Fixer) => edits.map((e) => fixer.replaceTextRange([e.range.start, e.range.end], e.text));

// JS files run many rules over the same snippets: lint each file once.
const embeddedCache = new WeakMap<object, EmbeddedFinding[]>();

function embeddedFindings(context: RuleContext, sc: JsSourceCode): EmbeddedFinding[] {
  let found = embeddedCache.get(sc.ast);
  if (!found) {
    found = lintEmbedded(sc.ast, sc.text, sc.visitorKeys, context.physicalFilename ?? context.filename, context.settings?.migrasafe ?? {});
    embeddedCache.set(sc.ast, found);
  }
  return found;
}

/** The ESLint report for one finding; `edits` are in the file's offsets (already mapped for JS). */
function describe(d: Diagnostic, loc: Report['loc'], fixEdits: TextEdit[] | undefined, suggestionEdits: Array<TextEdit[] | undefined>, fixable: boolean): Report {
  const report: Report = { message: d.why ? `${d.message} ${d.why}` : d.message, loc };
  const suggest: NonNullable<Report['suggest']> = [];
  if (d.fix && fixEdits) {
    // Only safe fixes run under `eslint --fix`; the others are offered as suggestions.
    if (d.fix.safe && fixable) report.fix = editsFix(fixEdits);
    else suggest.push({ desc: d.fix.title, fix: editsFix(fixEdits) });
  }
  d.suggestions?.forEach((sg, k) => {
    const edits = suggestionEdits[k];
    if (edits) suggest.push({ desc: `Insert the safe rewrite: ${sg.title}`, fix: editsFix(edits) });
  });
  if (suggest.length) report.suggest = suggest;
  return report;
}

function makeRule(id: string | null, meta: Pick<RuleMeta, 'description' | 'fixable' | 'category'>): EslintRule {
  return {
    meta: {
      type: meta.category === 'style' ? 'suggestion' : 'problem',
      docs: { description: meta.description, url: `${docsBaseUrl}/${id ?? 'parse-error'}.md`, recommended: true },
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      hasSuggestions: true,
      schema: [],
    },
    create(context): Record<string, (node: unknown) => void> {
      const sc = context.sourceCode;
      if (isSql(sc)) {
        return {
          Migration() {
            for (const d of sc.findings()) {
              if (d.ruleId !== id) continue;
              const loc = { start: d.location.start, end: d.location.end };
              context.report(describe(d, loc, d.fix?.edits, (d.suggestions ?? []).map((s) => s.edits), meta.fixable));
            }
          },
        };
      }
      return {
        'Program:exit'() {
          for (const f of embeddedFindings(context, sc)) {
            if (f.diagnostic.ruleId !== id) continue;
            const loc = { start: sc.getLocFromIndex(f.range[0]), end: sc.getLocFromIndex(f.range[1]) };
            context.report(describe(f.diagnostic, loc, f.fixEdits, f.suggestionEdits, meta.fixable));
          }
        },
      };
    },
  };
}

/** `migrasafe/<id>` for every migrasafe rule, plus `migrasafe/parse-error` for SQL that does not parse. */
export const eslintRules: Record<string, EslintRule> = Object.fromEntries([
  ...allRules.map((r) => [r.meta.id, makeRule(r.meta.id, r.meta)] as const),
  ['parse-error', makeRule(null, { description: 'SQL that the database parser cannot read (the rest of the file is still linted).', fixable: false, category: 'correctness' })] as const,
]);
