import type { Diagnostic, Engine, TextEdit } from '../core/types.js';
import { decodeLiteral, placeholderFor, sourceRange, type EmbeddedText, type Substitution } from './js-string.js';
import { configForEslint, lintEmbeddedSql, type MigrasafeLanguageOptions } from './lint-bridge.js';

/** The ESTree shape this module reads (ESLint's JS and TypeScript parsers both produce it). */
export interface EsNode {
  type: string;
  range: [number, number];
  [key: string]: unknown;
}

export type MigrationTool = 'knex' | 'typeorm' | 'sequelize' | 'node-pg-migrate' | 'sql-tag';

/** A SQL string found in the source: where it is, what it says, and how to write text back into it. */
export interface Snippet {
  tool: MigrationTool;
  literal: EsNode;
  embedded: EmbeddedText;
  /** Quote character of the literal: `'`, `"` or a backtick. */
  quote: string;
}

const isIdent = (n: unknown, name?: string): boolean => (n as EsNode | undefined)?.type === 'Identifier' && (name === undefined || (n as { name: string }).name === name);
const propName = (n: EsNode): string | undefined => {
  if (n.type !== 'MemberExpression' || n.computed) return undefined;
  const p = n.property as EsNode;
  return p.type === 'Identifier' ? (p as unknown as { name: string }).name : undefined;
};
/** `a.b.c` → "c" when `n` is a member expression, the name for an identifier, `this` for `this`. */
const lastName = (n: EsNode): string | undefined => (n.type === 'Identifier' ? (n as unknown as { name: string }).name : n.type === 'ThisExpression' ? 'this' : propName(n));

/** Which call passes SQL as its first argument: knex.raw, knex.schema.raw, queryRunner.query, queryInterface.sequelize.query, pgm.sql. */
export function sqlCallTool(call: EsNode): MigrationTool | undefined {
  const callee = call.callee as EsNode;
  const method = propName(callee);
  if (!method) return undefined;
  const object = callee.object as EsNode;
  const owner = lastName(object);
  if (method === 'raw') {
    if (owner === 'schema') return 'knex';
    // `String.raw(...)` is JavaScript's, not a query.
    if (object.type === 'Identifier' && owner !== 'String') return 'knex';
    return undefined;
  }
  if (method === 'query') {
    if (owner === 'queryRunner') return 'typeorm';
    if (owner === 'sequelize') return 'sequelize';
    return undefined;
  }
  if (method === 'sql' && owner === 'pgm') return 'node-pg-migrate';
  return undefined;
}

function isSqlTag(tag: EsNode): boolean {
  return isIdent(tag, 'sql') || propName(tag) === 'sql';
}

function snippetOf(tool: MigrationTool, literal: EsNode | undefined, source: string, engine: Engine): Snippet | undefined {
  if (!literal) return undefined;
  const [start, end] = literal.range;
  if (literal.type === 'Literal' && typeof literal.value === 'string') {
    return { tool, literal, quote: source[start], embedded: decodeLiteral(source, start + 1, end - 1) };
  }
  if (literal.type === 'TemplateLiteral') {
    const expressions = literal.expressions as EsNode[];
    const subs: Substitution[] = expressions.map((e) => {
      const open = source.lastIndexOf('${', e.range[0]);
      const close = source.indexOf('}', e.range[1]);
      return { start: open, end: close + 1, placeholder: placeholderFor(source.slice(e.range[0], e.range[1]), engine) };
    });
    return { tool, literal, quote: '`', embedded: decodeLiteral(source, start + 1, end - 1, subs) };
  }
  return undefined;
}

/** Whether the node sits in a migration's `down` (exports.down, async down(), down: () => ...). */
function isDownName(node: EsNode): boolean {
  const name = (n: unknown) => (n as EsNode | undefined)?.type === 'Identifier' ? (n as unknown as { name: string }).name : undefined;
  switch (node.type) {
    case 'FunctionDeclaration':
      return name(node.id) === 'down';
    case 'MethodDefinition':
    case 'Property':
      return name(node.key) === 'down';
    case 'VariableDeclarator':
      return name(node.id) === 'down';
    case 'AssignmentExpression':
      return propName(node.left as EsNode) === 'down';
    default:
      return false;
  }
}

/** Every SQL snippet of an `up` migration, in source order. */
export function findSnippets(ast: EsNode, source: string, visitorKeys: Record<string, readonly string[] | undefined>, engine: Engine): Snippet[] {
  const out: Snippet[] = [];
  const visit = (node: EsNode) => {
    if (isDownName(node)) return;
    if (node.type === 'CallExpression') {
      const tool = sqlCallTool(node);
      const snippet = tool && snippetOf(tool, (node.arguments as EsNode[])[0], source, engine);
      if (snippet) out.push(snippet);
    } else if (node.type === 'TaggedTemplateExpression' && isSqlTag(node.tag as EsNode)) {
      const snippet = snippetOf('sql-tag', node.quasi as EsNode, source, engine);
      if (snippet) out.push(snippet);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object' && 'type' in c) visit(c as EsNode);
      } else if (child && typeof child === 'object' && 'type' in child) visit(child as EsNode);
    }
  };
  visit(ast);
  return out.sort((a, b) => a.literal.range[0] - b.literal.range[0]);
}

/** Whether the tool runs the migration in a transaction, given the file's own opt-outs. */
function toolTransaction(tool: MigrationTool, source: string): boolean {
  switch (tool) {
    case 'knex':
      return !/\bconfig\s*=\s*\{[^}]*\btransaction\s*:\s*false/.test(source);
    case 'typeorm':
      return !/\btransaction\s*=\s*false\b/.test(source);
    case 'node-pg-migrate':
      return !/\bpgm\.noTransaction\s*\(/.test(source);
    default:
      return false;
  }
}

/** A migrasafe finding placed in the JS source: ranges and edits are source offsets. */
export interface EmbeddedFinding {
  diagnostic: Diagnostic;
  range: [number, number];
  /** Source edits for the fix, when every edit falls inside one literal outside any `${}`. */
  fixEdits?: TextEdit[];
  suggestionEdits: Array<TextEdit[] | undefined>;
}

/** Escapes SQL text for writing into a literal with the given quote. */
function escapeFor(quote: string, text: string): string {
  let out = text.replace(/\\/g, '\\\\');
  if (quote === '`') out = out.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  else out = out.replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return out;
}

/**
 * Lints the SQL of a JS/TS migration as the tool runs it: every `up` snippet in order, as one
 * migration (so a `SET lock_timeout` in the first call covers the next), each finding placed back
 * on its literal's exact span.
 */
export function lintEmbedded(ast: EsNode, source: string, visitorKeys: Record<string, readonly string[] | undefined>, filePath: string, options: MigrasafeLanguageOptions): EmbeddedFinding[] {
  const engine = configForEslint(filePath, options).engine;
  const snippets = findSnippets(ast, source, visitorKeys, engine);
  if (snippets.length === 0) return [];
  let virtual = '';
  const offsets: number[] = [];
  for (const s of snippets) {
    offsets.push(virtual.length);
    virtual += s.embedded.text;
    virtual += /;\s*$/.test(s.embedded.text) ? '\n' : ';\n';
  }
  const snippetAt = (offset: number) => {
    let k = 0;
    while (k + 1 < offsets.length && offsets[k + 1] <= offset) k++;
    return k;
  };
  // The `;` and newline added between snippets belong to no literal: ranges stop at the snippet's end.
  const toSource = (start: number, end: number): { k: number; range: [number, number]; local: [number, number] } => {
    const k = snippetAt(start);
    const len = snippets[k].embedded.text.length;
    const local = Math.min(start - offsets[k], len);
    const localEnd = Math.max(local, Math.min(end - offsets[k], len));
    return { k, range: sourceRange(snippets[k].embedded, local, localEnd), local: [local, localEnd] };
  };
  const mapEdits = (edits: TextEdit[] | undefined): TextEdit[] | undefined => {
    if (!edits?.length) return undefined;
    const out: TextEdit[] = [];
    for (const e of edits) {
      const { k, range, local: [local, localEnd] } = toSource(e.range.start, e.range.end);
      // An edit that reaches into the next snippet cannot be written into one literal.
      if (k + 1 < offsets.length && e.range.end > offsets[k + 1]) return undefined;
      const s = snippets[k];
      // Nor can one that touches a `${}` placeholder.
      if (s.embedded.placeholders.some(([a, b]) => local < b && localEnd > a)) return undefined;
      out.push({ range: { start: range[0], end: range[1] }, text: escapeFor(s.quote, e.text) });
    }
    return out;
  };
  const tool = snippets[0].tool;
  return lintEmbeddedSql(virtual, filePath, options, toolTransaction(tool, source)).map((d) => ({
    diagnostic: d,
    range: toSource(d.location.range.start, d.location.range.end).range,
    fixEdits: mapEdits(d.fix?.edits),
    suggestionEdits: (d.suggestions ?? []).map((sg) => mapEdits(sg.edits)),
  }));
}
