import { parsePlPgSQLSync } from 'libpg-query';
import type { Node } from './ast-helpers.js';

/**
 * The static SQL statements of a PL/pgSQL `DO` block, as text and offset in the DO statement's
 * text, in order. Idempotent migrations wrap DDL in DO blocks (`IF NOT EXISTS (...) THEN ALTER
 * TABLE ...`, `EXCEPTION WHEN duplicate_object`): the lock and rewrite rules must see it. Dynamic
 * SQL (`EXECUTE`) is not included: its text is only known at run time. Empty when the block is
 * not PL/pgSQL, its body is not dollar-quoted (a quoted body is not the source text verbatim), or
 * PL/pgSQL rejects it (the server would too).
 */
export function doBlockStatements(stmtText: string, ast: Node, char: (byte: number) => number): Array<{ start: number; text: string }> {
  // The editor re-lints on every keystroke: a block's text is parsed as PL/pgSQL once.
  let found = cache.get(stmtText);
  if (!found) {
    found = find(stmtText, ast, char);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(stmtText, found);
  }
  return found;
}

const cache = new Map<string, Array<{ start: number; text: string }>>();
const CACHE_SIZE = 500;

function find(stmtText: string, ast: Node, char: (byte: number) => number): Array<{ start: number; text: string }> {
  const args: Node[] = ast?.DoStmt?.args ?? [];
  const language = args.find((a) => a?.DefElem?.defname === 'language')?.DefElem?.arg?.String?.sval;
  if (language !== undefined && String(language).toLowerCase() !== 'plpgsql') return [];
  const as = args.find((a) => a?.DefElem?.defname === 'as')?.DefElem;
  const body: unknown = as?.arg?.String?.sval;
  if (typeof body !== 'string' || typeof as.location !== 'number') return [];
  const at = char(as.location);
  const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(stmtText.slice(at))?.[0];
  if (!tag || stmtText.slice(at + tag.length, at + tag.length + body.length) !== body) return [];
  let tree: Node;
  try {
    tree = parsePlPgSQLSync(stmtText);
  } catch {
    return [];
  }
  // PL/pgSQL numbers the body's lines from 1; a statement's text is searched from its line on.
  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const out: Array<{ start: number; text: string }> = [];
  const seen = new Set<number>();
  visit(tree, (lineno, query) => {
    const k = body.indexOf(query, lineStarts[lineno - 1] ?? 0);
    if (k < 0 || seen.has(k)) return;
    seen.add(k);
    out.push({ start: at + tag.length + k, text: query });
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Every `PLpgSQL_stmt_execsql` in the tree (blocks, IF/CASE branches, loops, exception handlers). */
function visit(node: Node, found: (lineno: number, query: string) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const exec = node.PLpgSQL_stmt_execsql;
  const query = exec?.sqlstmt?.PLpgSQL_expr?.query;
  if (typeof query === 'string' && typeof exec.lineno === 'number') found(exec.lineno, query);
  for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value, found);
}
