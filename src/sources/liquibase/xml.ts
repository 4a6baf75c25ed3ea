import { createRequire } from 'node:module';
import type { ChangeNode, ChangeSetNode, ChangelogDoc, ColumnNode, IncludeNode, MappedText, RollbackNode } from './model.js';

// saxes is only needed for XML changelogs: loaded on first use (start-up cost of other runs).
const require = createRequire(import.meta.url);
let saxes: typeof import('saxes') | undefined;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Changes whose element text is SQL. */
const TEXT_CHANGES = new Set(['sql', 'createProcedure', 'createView']);
/** Elements inside a changeSet that are not changes. */
const NOT_CHANGES = new Set(['comment', 'validCheckSum', 'modifySql', 'preConditions', 'rollback']);

interface Frame {
  name: string;
  start: number;
  contentStart: number;
  attrs: Record<string, string>;
  node?: ChangeSetNode | ChangeNode | ColumnNode | RollbackNode | IncludeNode;
  role?: 'changeSet' | 'change' | 'column' | 'rollback';
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads a Liquibase XML changelog with positions: every changeSet, change and column keeps the
 * range of its element, and SQL text keeps the document offset of every character.
 */
export function parseChangelogXml(text: string): ChangelogDoc {
  const { SaxesParser } = (saxes ??= require('saxes') as typeof import('saxes'));
  const parser = new SaxesParser({ position: true });
  const doc: ChangelogDoc = { items: [], properties: {}, problems: [] };
  const stack: Frame[] = [];
  let pendingStart = 0;

  parser.on('opentagstart', () => {
    pendingStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes as Record<string, string>)) attrs[localName(k)] = v;
    const frame: Frame = { name, start: pendingStart, contentStart: parser.position, attrs };
    const parent = stack[stack.length - 1];
    const range = { start: pendingStart, end: pendingStart };
    if (stack.length === 1) {
      if (name === 'changeSet') {
        frame.node = { range, attrs, changes: [] } satisfies ChangeSetNode;
        frame.role = 'changeSet';
        doc.items.push({ kind: 'changeSet', node: frame.node });
      } else if (name === 'include' || name === 'includeAll') {
        const node: IncludeNode = { kind: name, range, attrs };
        frame.node = node;
        doc.items.push({ kind: 'include', node });
      } else if (name === 'property' && attrs.name && attrs.value !== undefined) {
        doc.properties[attrs.name] = attrs.value;
      } else if (name === 'preConditions') {
        doc.preConditions = range;
      }
    } else if (parent?.role === 'changeSet') {
      const cs = parent.node as ChangeSetNode;
      if (name === 'rollback') {
        frame.node = { range, changes: [] } satisfies RollbackNode;
        frame.role = 'rollback';
        cs.rollback = frame.node;
      } else if (name === 'preConditions') {
        cs.preConditions = range;
      } else if (!NOT_CHANGES.has(name)) {
        frame.node = { type: name, range, attrs, columns: [] } satisfies ChangeNode;
        frame.role = 'change';
        cs.changes.push(frame.node);
      }
    } else if (parent?.role === 'rollback') {
      frame.node = { type: name, range, attrs, columns: [] } satisfies ChangeNode;
      frame.role = 'change';
      (parent.node as RollbackNode).changes.push(frame.node);
    } else if (parent?.role === 'change' && name === 'column') {
      frame.node = { range, attrs, constraints: {} } satisfies ColumnNode;
      frame.role = 'column';
      (parent.node as ChangeNode).columns.push(frame.node);
    } else if (parent?.role === 'column' && name === 'constraints') {
      Object.assign((parent.node as ColumnNode).constraints, attrs);
    }
    stack.push(frame);
  });
  parser.on('closetag', (tag) => {
    const frame = stack.pop();
    if (!frame) return;
    const end = parser.position;
    const contentEnd = tag.isSelfClosing ? frame.contentStart : text.lastIndexOf('<', end - 1);
    if (frame.node) frame.node.range.end = end;
    const parent = stack[stack.length - 1];
    if (frame.role === 'change') {
      const change = frame.node as ChangeNode;
      if (TEXT_CHANGES.has(change.type)) change.text = elementText(text, frame.contentStart, contentEnd);
    } else if (frame.role === 'rollback') {
      const body = elementText(text, frame.contentStart, contentEnd);
      if (body.some((c) => c.text.trim() !== '')) (frame.node as RollbackNode).text = body;
    } else if (frame.name === 'where' && parent?.role === 'change') {
      (parent.node as ChangeNode).text = elementText(text, frame.contentStart, contentEnd);
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    // A changelog Liquibase cannot parse runs none of its changeSets.
    const message = (error instanceof Error ? error.message : String(error)).replace(/^(?:[^:\n]*:)?\d+:\d+:\s*/, '');
    const at = Math.min(parser.position, text.length);
    doc.items = [];
    doc.problems.push({ message: `Malformed XML changelog (line ${parser.line}, column ${parser.column}): ${message}`, range: { start: Math.max(0, at - 1), end: at }, fatal: true });
  }
  return doc;
}

/**
 * The character data of an element between `start` and `end`, mapped to document offsets:
 * CDATA markers dropped, entities decoded, comments and child elements left out.
 */
export function elementText(text: string, start: number, end: number): MappedText {
  const out: MappedText = [];
  let i = start;
  let run = start;
  const flush = (to: number) => {
    if (to > run) out.push({ text: text.slice(run, to), at: run, end: to, verbatim: true });
  };
  let depth = 0;
  while (i < end) {
    const ch = text[i];
    if (ch === '<') {
      if (depth === 0) flush(i);
      if (text.startsWith('<![CDATA[', i)) {
        const close = text.indexOf(']]>', i + 9);
        const stop = close < 0 || close > end ? end : close;
        if (depth === 0 && stop > i + 9) out.push({ text: text.slice(i + 9, stop), at: i + 9, end: stop, verbatim: true });
        i = close < 0 ? end : close + 3;
      } else if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        i = close < 0 ? end : close + 3;
      } else {
        // A child element (`<comment>` inside `<sql>`): its text is not SQL.
        const close = text.indexOf('>', i);
        const tag = text.slice(i, close + 1);
        if (tag.startsWith('</')) depth--;
        else if (!tag.endsWith('/>') && !tag.startsWith('<?')) depth++;
        i = close < 0 ? end : close + 1;
      }
      run = i;
      continue;
    }
    if (ch === '&' && depth === 0) {
      const semi = text.indexOf(';', i);
      const name = semi > i ? text.slice(i + 1, semi) : '';
      const decoded = name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(parseInt(name.slice(1), 10)) : ENTITIES[name];
      if (decoded !== undefined && semi - i < 12) {
        flush(i);
        out.push({ text: decoded, at: i, end: semi + 1, verbatim: false });
        i = semi + 1;
        run = i;
        continue;
      }
    }
    i++;
  }
  if (depth === 0) flush(end);
  return out;
}
