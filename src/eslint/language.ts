import { TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { File, Language, OkParseResult, ParseResult } from '@eslint/core';
import type { Diagnostic, Engine } from '../core/types.js';
import { LineIndex } from '../core/line-index.js';
import { lintSqlForEslint, type MigrasafeLanguageOptions } from './lint-bridge.js';
import { parseSource } from '../parsers/index.js';
import { configForEslint } from './lint-bridge.js';

/** One statement of the migration, as ESLint sees it (selectors can target `Statement`). */
export interface StatementNode {
  type: 'Statement';
  /** PostgreSQL node name (`IndexStmt`, `AlterTableStmt`) or the fallback classification. */
  statementType: string;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface MigrationNode {
  type: 'Migration';
  engine: Engine;
  body: StatementNode[];
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

function bodyText(file: File): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

/**
 * ESLint language for SQL migration files (`language: "migrasafe/sql"`). The AST is the list of
 * statements; the findings themselves come from migrasafe's own pipeline (history, config,
 * transaction handling), computed once per file and shared by every `migrasafe/*` rule.
 */
export class MigrationLanguage implements Language {
  fileType = 'text' as const;
  lineStart = 1 as const;
  columnStart = 1 as const;
  nodeTypeKey = 'type';
  visitorKeys = { Migration: ['body'], Statement: [] };
  defaultLanguageOptions: MigrasafeLanguageOptions = {};

  validateLanguageOptions(options: MigrasafeLanguageOptions): void {
    const known = new Set(['engine', 'targetVersion', 'configFile']);
    for (const key of Object.keys(options ?? {})) {
      if (!known.has(key)) throw new TypeError(`Unknown migrasafe language option "${key}" (expected engine, targetVersion or configFile).`);
    }
    if (options?.engine !== undefined && !['postgres', 'mysql', 'mariadb'].includes(options.engine)) {
      throw new TypeError(`languageOptions.engine must be postgres, mysql or mariadb, got "${String(options.engine)}".`);
    }
  }

  parse(file: File, context: { languageOptions: MigrasafeLanguageOptions }): ParseResult<MigrationNode> {
    const text = bodyText(file);
    try {
      const config = configForEslint(file.physicalPath ?? file.path, context.languageOptions);
      const lines = new LineIndex(text);
      const loc = (s: number, e: number) => {
        const l = lines.location({ start: s, end: e });
        return { start: l.start, end: l.end };
      };
      // Statements that do not parse still become nodes: the parse-error rule reports them.
      const body: StatementNode[] = parseSource(config.engine, text).statements.map((st) => ({
        type: 'Statement',
        statementType: st.statementType,
        range: [st.range.start, st.range.end],
        loc: loc(st.range.start, st.range.end),
      }));
      return { ok: true, ast: { type: 'Migration', engine: config.engine, body, range: [0, text.length], loc: loc(0, text.length) } };
    } catch (error) {
      // A broken migrasafe config file is the only way to get here.
      return { ok: false, errors: [{ message: (error as Error).message, line: 1, column: 1 }] };
    }
  }

  createSourceCode(file: File, input: OkParseResult<MigrationNode>, context: { languageOptions: MigrasafeLanguageOptions }): MigrationSourceCode {
    return new MigrationSourceCode(bodyText(file), input.ast, file.physicalPath ?? file.path, context.languageOptions ?? {});
  }
}

type Node = MigrationNode | StatementNode;

export class MigrationSourceCode extends TextSourceCodeBase<{ LangOptions: MigrasafeLanguageOptions; RootNode: MigrationNode; SyntaxElementWithLoc: Node; ConfigNode: never }> {
  private parents = new WeakMap<StatementNode, MigrationNode>();
  private found: Diagnostic[] | undefined;
  readonly visitorKeys = { Migration: ['body'], Statement: [] };

  constructor(
    text: string,
    ast: MigrationNode,
    readonly filePath: string,
    private readonly languageOptions: MigrasafeLanguageOptions,
  ) {
    super({ text, ast });
    for (const st of ast.body) this.parents.set(st, ast);
  }

  /** migrasafe's findings for this file (every enabled rule reads them; computed once). */
  findings(): Diagnostic[] {
    this.found ??= lintSqlForEslint(this.text, this.filePath, this.languageOptions);
    return this.found;
  }

  override getParent(node: Node): Node | undefined {
    return node.type === 'Statement' ? this.parents.get(node) : undefined;
  }

  override traverse(): Iterable<VisitNodeStep> {
    const steps: VisitNodeStep[] = [];
    const root = this.ast as MigrationNode;
    steps.push(new VisitNodeStep({ target: root, phase: 1, args: [root, undefined] }));
    for (const st of root.body) {
      steps.push(new VisitNodeStep({ target: st, phase: 1, args: [st, root] }));
      steps.push(new VisitNodeStep({ target: st, phase: 2, args: [st, root] }));
    }
    steps.push(new VisitNodeStep({ target: root, phase: 2, args: [root, undefined] }));
    return steps;
  }
}
