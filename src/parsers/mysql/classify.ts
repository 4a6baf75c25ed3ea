import type { ColumnSpec, ConstraintSpec, MysqlAlgorithm, MysqlLock, Operation, QualifiedName } from '../../core/operations.js';
import type { Range } from '../../core/types.js';
import { alterTableOperations, charsetOption, readAlgorithmOrLock, readConstraintOrIndex } from './alter-table.js';
import { readColumnDefinition } from './column-def.js';
import type { Token } from './split.js';
import { columnNames, splitOnCommas, TokenCursor } from './token-cursor.js';

export interface Classification {
  /** `ALTER TABLE`, `CREATE TABLE`, `UPDATE`, ... or `unknown`. */
  statementType: string;
  ops: Operation[];
  /** The classifier recognised the statement (it knows what it does, even without operations). */
  known: boolean;
}

/**
 * The token classifier: reads what a MySQL statement does from its tokens, the same way for
 * statements node-sql-parser accepts and those it rejects, so rules behave identically whether or
 * not the parser covers a syntax. Never throws.
 */
export function classifyMysql(tokens: readonly Token[], text: string): Classification {
  try {
    return classify(new TokenCursor(tokens, text));
  } catch {
    return { statementType: 'unknown', ops: [], known: false };
  }
}

const result = (statementType: string, ops: Operation[] = []): Classification => ({ statementType, ops, known: true });
const other = (statementType: string, table?: QualifiedName): Classification => result(statementType, [{ kind: 'other', statementType, table }]);

function classify(cur: TokenCursor): Classification {
  const w = cur.word();
  switch (w) {
    case 'ALTER':
      return classifyAlter(cur);
    case 'CREATE':
      return classifyCreate(cur);
    case 'DROP':
      return classifyDrop(cur);
    case 'RENAME': {
      cur.pos++;
      if (!cur.accept('TABLE') && !cur.accept('TABLES')) return other('RENAME USER');
      const ops: Operation[] = [];
      for (const part of splitOnCommas(cur.tokens.slice(cur.pos))) {
        const c = new TokenCursor(part, cur.text);
        const from = c.qualifiedName();
        c.accept('TO');
        const to = c.qualifiedName();
        if (from && to) ops.push({ kind: 'rename-table', table: from, newName: to.name, range: c.rangeOf(0, part.length) });
      }
      return result('RENAME TABLE', ops);
    }
    case 'TRUNCATE': {
      cur.pos++;
      cur.accept('TABLE');
      const t = cur.qualifiedName();
      return result('TRUNCATE', t ? [{ kind: 'truncate', tables: [t], cascade: false }] : []);
    }
    case 'INSERT':
    case 'REPLACE': {
      cur.pos++;
      while (['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'INTO'].includes(cur.word() ?? '')) cur.pos++;
      const table = cur.qualifiedName() ?? { name: '' };
      const fromSelect = cur.tokens.slice(cur.pos).some((t) => t.type === 'word' && (t.value === 'SELECT' || t.value === 'TABLE'));
      return result(w, [{ kind: 'insert', table, fromSelect }]);
    }
    case 'UPDATE':
      return classifyUpdate(cur);
    case 'DELETE':
      return classifyDelete(cur);
    case 'SET':
      return classifySet(cur);
    case 'START':
    case 'BEGIN':
      if (w === 'BEGIN' && cur.word(1) === 'NOT') return other('BEGIN NOT ATOMIC');
      return result('BEGIN', [{ kind: 'transaction', action: 'begin' }]);
    case 'COMMIT':
      return result('COMMIT', [{ kind: 'transaction', action: 'commit' }]);
    case 'ROLLBACK':
      return result('ROLLBACK', [{ kind: 'transaction', action: cur.word(1) === 'TO' ? 'rollback-to' : 'rollback' }]);
    case 'SAVEPOINT':
      return result('SAVEPOINT', [{ kind: 'transaction', action: 'savepoint' }]);
    case 'RELEASE':
      return result('RELEASE SAVEPOINT', [{ kind: 'transaction', action: 'release' }]);
    case 'LOCK': {
      cur.pos++;
      if (!cur.accept('TABLES')) cur.accept('TABLE');
      const tables = splitOnCommas(cur.tokens.slice(cur.pos)).map((p) => new TokenCursor(p, cur.text).qualifiedName()).filter((t): t is QualifiedName => !!t);
      return result('LOCK TABLES', [{ kind: 'lock-table', tables, mode: 'write' }]);
    }
    case 'OPTIMIZE': {
      // OPTIMIZE TABLE on InnoDB is ALTER TABLE ... FORCE: a full rebuild
      cur.pos++;
      if (!cur.accept('NO_WRITE_TO_BINLOG')) cur.accept('LOCAL');
      cur.accept('TABLE');
      const ops: Operation[] = splitOnCommas(cur.tokens.slice(cur.pos))
        .map((p) => new TokenCursor(p, cur.text).qualifiedName())
        .filter((t): t is QualifiedName => !!t)
        .map((table) => ({ kind: 'alter-table', table, subtype: 'force-rebuild', detail: 'OPTIMIZE TABLE' }));
      return result('OPTIMIZE TABLE', ops);
    }
    case 'SELECT':
    case 'WITH':
    case 'VALUES':
    case 'TABLE':
    case 'DO':
      return result(w === 'DO' ? 'DO' : 'SELECT', [{ kind: 'select' }]);
    case 'GRANT':
    case 'REVOKE':
      return result(w, [{ kind: 'grant', statementType: w }]);
    case 'USE': case 'CALL': case 'FLUSH': case 'ANALYZE': case 'CHECK': case 'REPAIR': case 'UNLOCK': case 'SHOW': case 'DESCRIBE': case 'DESC': case 'EXPLAIN':
    case 'PREPARE': case 'EXECUTE': case 'DEALLOCATE': case 'LOAD': case 'HANDLER': case 'INSTALL': case 'UNINSTALL': case 'XA': case 'KILL': case 'RESET': case 'PURGE': case 'CHANGE': case 'SIGNAL': case 'DECLARE': case 'IF': case 'LEAVE': case 'ITERATE': case 'RETURN': case 'OPEN': case 'CLOSE': case 'FETCH': case 'CACHE': case 'BINLOG': case 'HELP': case 'SHUTDOWN': case 'STOP':
      return other(w);
    default:
      return { statementType: 'unknown', ops: [], known: false };
  }
}

function classifyAlter(cur: TokenCursor): Classification {
  cur.pos++;
  cur.accept('ONLINE');
  cur.accept('IGNORE');
  if (!cur.accept('TABLE')) {
    const what = cur.word() ?? '';
    if (what === 'DATABASE' || what === 'SCHEMA') return other(`ALTER ${what}`);
    if (what === 'VIEW' || cur.tokens.some((t) => t.value === 'VIEW')) return result('ALTER VIEW', [{ kind: 'other', statementType: 'ALTER VIEW' }]);
    return other(`ALTER ${what}`);
  }
  cur.accept('IF', 'EXISTS');
  const table = cur.qualifiedName();
  if (!table) return { statementType: 'ALTER TABLE', ops: [], known: false };
  return result('ALTER TABLE', alterTableOperations(table, cur.tokens.slice(cur.pos), cur.text));
}

function classifyCreate(cur: TokenCursor): Classification {
  cur.pos++;
  const orReplace = cur.accept('OR', 'REPLACE');
  const temporary = cur.accept('TEMPORARY');
  if (cur.accept('TABLE')) return classifyCreateTable(cur, temporary);
  const unique = cur.accept('UNIQUE');
  const method = cur.accept('FULLTEXT') ? 'fulltext' : cur.accept('SPATIAL') ? 'spatial' : 'btree';
  if (cur.accept('INDEX')) return classifyCreateIndex(cur, unique, method);
  if (cur.accept('DATABASE') || cur.accept('SCHEMA')) {
    cur.accept('IF', 'NOT', 'EXISTS');
    return result('CREATE DATABASE', [{ kind: 'create-schema', name: cur.name() ?? '' }]);
  }
  // CREATE [ALGORITHM=..] [DEFINER=..] [SQL SECURITY ..] VIEW|PROCEDURE|FUNCTION|TRIGGER|EVENT
  const head = cur.tokens.slice(cur.pos, cur.pos + 16);
  const kindAt = head.findIndex((t) => t.type === 'word' && ['VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'USER', 'ROLE', 'SEQUENCE', 'SERVER', 'TABLESPACE', 'SPATIAL'].includes(t.value));
  if (kindAt < 0) return { statementType: 'CREATE', ops: [], known: false };
  const kind = head[kindAt].value;
  cur.pos += kindAt + 1;
  cur.accept('IF', 'NOT', 'EXISTS');
  const name = cur.qualifiedName() ?? { name: '' };
  switch (kind) {
    case 'VIEW':
      return result('CREATE VIEW', [{ kind: 'create-view', view: name, materialized: false, orReplace }]);
    case 'PROCEDURE':
    case 'FUNCTION':
      return result(`CREATE ${kind}`, [{ kind: 'create-function', name }]);
    case 'TRIGGER': {
      const on = cur.tokens.findIndex((t, k) => k >= cur.pos && t.type === 'word' && t.value === 'ON');
      cur.pos = on >= 0 ? on + 1 : cur.tokens.length;
      const table = cur.qualifiedName() ?? { name: '' };
      return result('CREATE TRIGGER', [{ kind: 'create-trigger', table, name: name.name }]);
    }
    case 'SEQUENCE':
      return result('CREATE SEQUENCE', [{ kind: 'create-sequence', name }]);
    default:
      return other(`CREATE ${kind}`);
  }
}

function classifyCreateTable(cur: TokenCursor, temporary: boolean): Classification {
  const ifNotExists = cur.accept('IF', 'NOT', 'EXISTS');
  const table = cur.qualifiedName();
  if (!table) return { statementType: 'CREATE TABLE', ops: [], known: false };
  const columns: ColumnSpec[] = [];
  const constraints: ConstraintSpec[] = [];
  const indexes: Operation[] = [];
  if (cur.accept('LIKE') || (cur.isPunct('(') && cur.word(1) === 'LIKE')) {
    return result('CREATE TABLE', [{ kind: 'create-table', table, columns, constraints, ifNotExists, asSelect: false, partitioned: false, temporary, unlogged: false }]);
  }
  if (cur.isPunct('(')) {
    for (const part of splitOnCommas(cur.group())) {
      const c = new TokenCursor(part, cur.text);
      const range = c.rangeOf(0, part.length);
      const asConstraint = readConstraintOrIndex(table, c, range);
      if (asConstraint) {
        for (const op of asConstraint) {
          if (op.kind === 'add-constraint') constraints.push(op.constraint);
          else indexes.push(op);
        }
        continue;
      }
      const name = c.name();
      if (name !== undefined) columns.push(readColumnDefinition(c, name, 0));
    }
  }
  const rest = cur.tokens.slice(cur.pos);
  const asSelect = rest.some((t) => t.type === 'word' && t.value === 'SELECT');
  const partitioned = rest.some((t, k) => t.type === 'word' && t.value === 'PARTITION' && rest[k + 1]?.value === 'BY');
  const options = rest.findIndex((t) => t.type === 'word' && (t.value === 'SELECT' || t.value === 'PARTITION'));
  const charset = charsetOption(options < 0 ? rest : rest.slice(0, options));
  const op: Operation = { kind: 'create-table', table, columns, constraints, ifNotExists, asSelect, partitioned, temporary, unlogged: false, ...(charset ? { charset } : {}) };
  return result('CREATE TABLE', [op, ...indexes]);
}

function classifyCreateIndex(cur: TokenCursor, unique: boolean, method: string): Classification {
  const ifNotExists = cur.accept('IF', 'NOT', 'EXISTS');
  const start = cur.pos;
  const name = cur.name();
  if (cur.accept('USING')) cur.pos++;
  cur.accept('ON');
  const table = cur.qualifiedName() ?? { name: '' };
  const columns = columnNames(cur.group());
  const options: Parameters<typeof readAlgorithmOrLock>[1] = {};
  while (!cur.done) if (!readAlgorithmOrLock(cur, options)) cur.pos++;
  const ops: Operation[] = [{ kind: 'create-index', table, name, concurrently: false, unique, ifNotExists, columns, partial: false, method, only: false, range: cur.rangeOf(start, start + 1) }];
  if (options.algorithm || options.lock) ops.push(alterOptions(table, options));
  return result('CREATE INDEX', ops);
}

function alterOptions(table: QualifiedName, o: { algorithm?: MysqlAlgorithm; lock?: MysqlLock; algorithmRange?: Range; lockRange?: Range }): Operation {
  return { kind: 'alter-options', table, ...o, range: o.algorithmRange ?? o.lockRange };
}

function classifyDrop(cur: TokenCursor): Classification {
  cur.pos++;
  const temporary = cur.accept('TEMPORARY');
  if (cur.accept('TABLE') || cur.accept('TABLES')) {
    const ifExists = cur.accept('IF', 'EXISTS');
    const rest = cur.tokens.slice(cur.pos);
    const cascade = rest.some((t) => t.value === 'CASCADE');
    const tables = splitOnCommas(rest).map((p) => new TokenCursor(p, cur.text).qualifiedName()).filter((t): t is QualifiedName => !!t);
    return result(temporary ? 'DROP TEMPORARY TABLE' : 'DROP TABLE', [{ kind: 'drop-table', tables, ifExists, cascade }]);
  }
  if (cur.accept('INDEX')) {
    const ifExists = cur.accept('IF', 'EXISTS');
    const name = cur.name() ?? '';
    cur.accept('ON');
    const table = cur.qualifiedName() ?? { name: '' };
    const options: Parameters<typeof readAlgorithmOrLock>[1] = {};
    while (!cur.done) if (!readAlgorithmOrLock(cur, options)) cur.pos++;
    const ops: Operation[] = [{ kind: 'drop-index', table, indexes: [{ name }], concurrently: false, ifExists, cascade: false }];
    if (options.algorithm || options.lock) ops.push(alterOptions(table, options));
    return result('DROP INDEX', ops);
  }
  if (cur.accept('DATABASE') || cur.accept('SCHEMA')) {
    cur.accept('IF', 'EXISTS');
    return result('DROP DATABASE', [{ kind: 'drop-database', name: cur.name() ?? '' }]);
  }
  if (cur.accept('VIEW')) {
    cur.accept('IF', 'EXISTS');
    const views = splitOnCommas(cur.tokens.slice(cur.pos)).map((p) => new TokenCursor(p, cur.text).qualifiedName()).filter((t): t is QualifiedName => !!t);
    return result('DROP VIEW', [{ kind: 'drop-view', views, materialized: false }]);
  }
  if (cur.accept('TRIGGER')) {
    cur.accept('IF', 'EXISTS');
    const name = cur.qualifiedName() ?? { name: '' };
    return result('DROP TRIGGER', [{ kind: 'drop-trigger', table: { name: '' }, name: name.name }]);
  }
  if (cur.accept('SEQUENCE')) {
    cur.accept('IF', 'EXISTS');
    return result('DROP SEQUENCE', [{ kind: 'drop-sequence', name: cur.qualifiedName() ?? { name: '' } }]);
  }
  const what = cur.word();
  if (what && ['PROCEDURE', 'FUNCTION', 'EVENT', 'USER', 'ROLE', 'SERVER', 'TABLESPACE'].includes(what)) return other(`DROP ${what}`);
  return { statementType: 'DROP', ops: [], known: false };
}

/** `UPDATE [LOW_PRIORITY] [IGNORE] t [alias] [JOIN ...] SET a = x, b = y [WHERE ...] [ORDER BY ...] [LIMIT n]` */
function classifyUpdate(cur: TokenCursor): Classification {
  cur.pos++;
  while (cur.word() === 'LOW_PRIORITY' || cur.word() === 'IGNORE') cur.pos++;
  const table = cur.qualifiedName() ?? { name: '' };
  const toks = cur.tokens;
  const setAt = indexOfWordAtDepth0(toks, 'SET', cur.pos);
  const whereAt = indexOfWordAtDepth0(toks, 'WHERE', Math.max(cur.pos, setAt));
  const limitAt = indexOfWordAtDepth0(toks, 'LIMIT', Math.max(cur.pos, setAt));
  const orderAt = indexOfWordAtDepth0(toks, 'ORDER', Math.max(cur.pos, setAt));
  const setEnd = [whereAt, orderAt, limitAt].filter((k) => k >= 0).reduce((a, b) => Math.min(a, b), toks.length);
  const columns = setAt < 0 ? [] : splitOnCommas(toks.slice(setAt + 1, setEnd)).map((part) => {
    const c = new TokenCursor(part, cur.text);
    const q = c.qualifiedName();
    return q?.name ?? '';
  }).filter(Boolean);
  const where = whereAt >= 0 ? cur.textOf(whereAt + 1, [orderAt, limitAt].filter((k) => k > whereAt).reduce((a, b) => Math.min(a, b), toks.length)) : undefined;
  return result('UPDATE', [{ kind: 'update', table, where, batched: limitAt >= 0, columns }]);
}

function classifyDelete(cur: TokenCursor): Classification {
  cur.pos++;
  while (['LOW_PRIORITY', 'QUICK', 'IGNORE'].includes(cur.word() ?? '')) cur.pos++;
  cur.accept('FROM');
  const table = cur.qualifiedName() ?? { name: '' };
  const toks = cur.tokens;
  const whereAt = indexOfWordAtDepth0(toks, 'WHERE', cur.pos);
  const limitAt = indexOfWordAtDepth0(toks, 'LIMIT', cur.pos);
  const orderAt = indexOfWordAtDepth0(toks, 'ORDER', cur.pos);
  const where = whereAt >= 0 ? cur.textOf(whereAt + 1, [orderAt, limitAt].filter((k) => k > whereAt).reduce((a, b) => Math.min(a, b), toks.length)) : undefined;
  return result('DELETE', [{ kind: 'delete', table, where, batched: limitAt >= 0 }]);
}

/** `SET [SESSION|GLOBAL|PERSIST] a = 1, @@session.b = 2, @x = 3`, `SET NAMES`, `SET TRANSACTION`. */
function classifySet(cur: TokenCursor): Classification {
  cur.pos++;
  if (cur.word() === 'NAMES' || (cur.word() === 'CHARACTER' && cur.word(1) === 'SET') || cur.word() === 'CHARSET') return result('SET', [{ kind: 'set', name: 'names', value: cur.textOf(cur.pos + 1, cur.tokens.length), local: false, reset: false }]);
  if (cur.word() === 'TRANSACTION' || cur.word() === 'PASSWORD' || cur.word() === 'ROLE' || cur.word() === 'DEFAULT') return other(`SET ${cur.word()}`);
  const ops: Operation[] = [];
  for (const part of splitOnCommas(cur.tokens.slice(cur.pos))) {
    const c = new TokenCursor(part, cur.text);
    let global = false;
    if (c.accept('GLOBAL') || c.accept('PERSIST') || c.accept('PERSIST_ONLY')) global = true;
    else if (!c.accept('SESSION')) c.accept('LOCAL');
    const t = c.next();
    if (!t) continue;
    let name = t.type === 'var' ? t.value : t.type === 'word' ? t.text.toLowerCase() : t.value.toLowerCase();
    if (/^@@global\./.test(name)) global = true;
    name = name.replace(/^@@(session\.|local\.|global\.)?/, '');
    if (c.isPunct('.')) {
      c.pos++;
      name += `.${c.next()?.value.toLowerCase() ?? ''}`;
    }
    if (!c.acceptPunct('=')) {
      if (c.isPunct(':') && c.isPunct('=', 1)) c.pos += 2;
    }
    let value = c.textOf(c.pos, part.length);
    if (/^'.*'$|^".*"$/s.test(value)) value = value.slice(1, -1);
    // A GLOBAL setting does not change this session's lock_wait_timeout; record it under its own name.
    ops.push({ kind: 'set', name: global ? `global.${name}` : name, value, local: false, reset: false, range: c.rangeOf(0, part.length) });
  }
  return result('SET', ops);
}

function indexOfWordAtDepth0(tokens: readonly Token[], word: string, from: number): number {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
    } else if (k >= from && depth === 0 && t.type === 'word' && t.value === word) return k;
  }
  return -1;
}
