import { createRequire } from 'node:module';
import type { Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Range } from '../../core/types.js';
import type { ChangeNode, ChangeSetNode, ChangelogDoc, ColumnNode, MappedText, RollbackNode } from './model.js';

// The yaml package is only needed for YAML/JSON changelogs: loaded on first use.
const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;

type AnyNode = YamlNode | null | undefined;

/**
 * Reads a Liquibase YAML (or JSON) changelog with positions, into the same model as XML:
 * `databaseChangeLog: [ {changeSet: {id, author, changes: [...], rollback}}, {include: {file}} ]`.
 */
export function parseChangelogYaml(text: string): ChangelogDoc {
  yaml ??= require('yaml') as typeof import('yaml');
  const doc: ChangelogDoc = { items: [], properties: {}, problems: [] };
  const parsed = yaml.parseDocument(text, { uniqueKeys: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const line = e.linePos?.[0];
    doc.problems.push({ message: `Malformed ${text.trimStart().startsWith('{') ? 'JSON' : 'YAML'} changelog (line ${line?.line ?? '?'}, column ${line?.col ?? '?'}): ${e.message.split('\n')[0]}`, range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) }, fatal: true });
    return doc;
  }
  const root = parsed.contents;
  const list = isMap(root) ? valueOf(root, 'databaseChangeLog') : undefined;
  if (!isSeq(list)) return doc;
  for (const entry of list.items) {
    if (!isMap(entry as AnyNode)) continue;
    for (const pair of (entry as YAMLMap).items as Pair<Scalar, YamlNode>[]) {
      const key = String(pair.key?.value ?? '');
      const range = entryRange(pair);
      if (key === 'changeSet' && isMap(pair.value)) {
        doc.items.push({ kind: 'changeSet', node: readChangeSet(pair.value, range, text) });
      } else if ((key === 'include' || key === 'includeAll') && isMap(pair.value)) {
        doc.items.push({ kind: 'include', node: { kind: key, range, attrs: scalars(pair.value) } });
      } else if (key === 'property' && isMap(pair.value)) {
        const p = scalars(pair.value);
        if (p.name && p.value !== undefined) doc.properties[p.name] = p.value;
      } else if (key === 'preConditions') {
        doc.preConditions = range;
      }
    }
  }
  return doc;
}

function readChangeSet(map: YAMLMap, range: Range, text: string): ChangeSetNode {
  const cs: ChangeSetNode = { range, attrs: scalars(map), changes: readChanges(valueOf(map, 'changes'), text) };
  const pre = pairOf(map, 'preConditions');
  if (pre) cs.preConditions = entryRange(pre);
  const rb = pairOf(map, 'rollback');
  if (rb) {
    const node: RollbackNode = { range: entryRange(rb), changes: [] };
    if (isScalar(rb.value)) {
      if (String(rb.value.value ?? '').trim()) node.text = scalarText(rb.value, text);
    } else {
      node.changes = readChanges(rb.value, text);
    }
    cs.rollback = node;
  }
  return cs;
}

/** `changes:` (a list of one-key maps) or a single one-key map. */
function readChanges(node: AnyNode, text: string): ChangeNode[] {
  const entries = isSeq(node) ? node.items : isMap(node) ? [node] : [];
  const out: ChangeNode[] = [];
  for (const entry of entries) {
    if (!isMap(entry as AnyNode)) continue;
    for (const pair of (entry as YAMLMap).items as Pair<Scalar, YamlNode>[]) {
      const type = String(pair.key?.value ?? '');
      const change: ChangeNode = { type, range: entryRange(pair), attrs: {}, columns: [] };
      if (isScalar(pair.value)) {
        // `- sql: SELECT 1` (shorthand): the value is the SQL.
        change.text = scalarText(pair.value, text);
      } else if (isMap(pair.value)) {
        change.attrs = scalars(pair.value);
        const body = valueOf(pair.value, type === 'sql' || type === 'createProcedure' ? (type === 'sql' ? 'sql' : 'procedureText') : type === 'createView' ? 'selectQuery' : 'where');
        if (isScalar(body)) change.text = scalarText(body, text);
        change.columns = readColumns(valueOf(pair.value, 'columns'));
      }
      out.push(change);
    }
  }
  return out;
}

function readColumns(node: AnyNode): ColumnNode[] {
  if (!isSeq(node)) return [];
  const out: ColumnNode[] = [];
  for (const entry of node.items) {
    if (!isMap(entry as AnyNode)) continue;
    const pair = pairOf(entry as YAMLMap, 'column');
    if (!pair || !isMap(pair.value)) continue;
    const constraints = valueOf(pair.value, 'constraints');
    out.push({ range: entryRange(pair), attrs: scalars(pair.value), constraints: isMap(constraints) ? scalars(constraints) : {} });
  }
  return out;
}

/** The scalar entries of a map as strings (`true`, `42`), like XML attributes. */
function scalars(map: YAMLMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of map.items as Pair<Scalar, YamlNode>[]) {
    if (isScalar(pair.value)) out[String(pair.key?.value ?? '')] = pair.value.value === null ? '' : String(pair.value.value);
  }
  return out;
}

function pairOf(map: YAMLMap, key: string): Pair<Scalar, YamlNode> | undefined {
  return (map.items as Pair<Scalar, YamlNode>[]).find((p) => p.key?.value === key);
}

function valueOf(map: YAMLMap, key: string): AnyNode {
  return pairOf(map, key)?.value;
}

/** From the key to the end of the value. */
function entryRange(pair: Pair<Scalar, YamlNode>): Range {
  const start = pair.key?.range?.[0] ?? 0;
  const end = (pair.value as YamlNode | null)?.range?.[1] ?? pair.key?.range?.[1] ?? start;
  return { start, end };
}

function isMap(n: AnyNode): n is YAMLMap {
  return !!n && yaml!.isMap(n);
}
function isSeq(n: AnyNode): n is YAMLSeq {
  return !!n && yaml!.isSeq(n);
}
function isScalar(n: AnyNode): n is Scalar {
  return !!n && yaml!.isScalar(n);
}

/** Characters a YAML scalar's source may hold that its value does not (indentation, quotes, escapes). */
const SKIPPABLE = /[\s'"\\]/;

/**
 * A scalar's value mapped to the document: each character of the value is matched to the next
 * equal character of the source, skipping indentation, quotes and escape backslashes, so a block
 * scalar's SQL keeps exact positions line by line. A character the source spells otherwise
 * (an escape such as `\t`) points at where it stands.
 */
export function scalarText(node: Scalar, text: string): MappedText {
  const value = node.value === null || node.value === undefined ? '' : String(node.value);
  const [start, end] = node.range ?? [0, 0];
  let j = start;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    j = nl < 0 || nl >= end ? end : nl + 1;
  }
  const out: MappedText = [];
  let runStart = -1;
  let runAt = 0;
  const flush = (i: number) => {
    if (runStart >= 0 && i > runStart) out.push({ text: value.slice(runStart, i), at: runAt, end: runAt + (i - runStart), verbatim: true });
    runStart = -1;
  };
  for (let i = 0; i < value.length; i++) {
    let k = j;
    while (k < end && text[k] !== value[i] && SKIPPABLE.test(text[k])) k++;
    if (k < end && text[k] === value[i]) {
      if (runStart < 0 || runAt + (i - runStart) !== k) {
        flush(i);
        runStart = i;
        runAt = k;
      }
      j = k + 1;
    } else {
      flush(i);
      out.push({ text: value[i], at: Math.min(j, end), end: Math.min(j + 1, end), verbatim: false });
    }
  }
  flush(value.length);
  return out;
}
