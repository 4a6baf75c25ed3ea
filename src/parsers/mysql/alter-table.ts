import type { AlterTableSubtype, ConstraintSpec, MysqlAlgorithm, MysqlLock, Operation, QualifiedName } from '../../core/operations.js';
import type { Range } from '../../core/types.js';
import { charsetOfCollation, normalizeCharset } from './charset-names.js';
import { readColumnDefinition, skipReferenceOptions } from './column-def.js';
import type { Token } from './split.js';
import { columnNames, splitOnCommas, TokenCursor } from './token-cursor.js';

const PARTITION_MAINTENANCE = new Set(['ADD', 'DROP', 'DISCARD', 'IMPORT', 'TRUNCATE', 'COALESCE', 'REORGANIZE', 'EXCHANGE', 'ANALYZE', 'CHECK', 'OPTIMIZE', 'REBUILD', 'REPAIR']);

/**
 * Operations of the specifications of `ALTER TABLE t spec, spec, ...` (tokens after the table
 * name). Every specification becomes an operation; ones without a dedicated kind become
 * `alter-table` with a subtype, so nothing is lost.
 */
export function alterTableOperations(table: QualifiedName, specTokens: readonly Token[], text: string): Operation[] {
  const ops: Operation[] = [];
  const options: { algorithm?: MysqlAlgorithm; lock?: MysqlLock; algorithmRange?: Range; lockRange?: Range } = {};
  // PARTITION BY ... is the last clause and is not comma-separated from its own parts.
  const partitionAt = specTokens.findIndex((t, k) => t.type === 'word' && (t.value === 'PARTITION' && specTokens[k + 1]?.value === 'BY'));
  const specs = splitOnCommas(partitionAt >= 0 ? specTokens.slice(0, partitionAt) : specTokens);
  if (partitionAt >= 0) specs.push(specTokens.slice(partitionAt));
  for (const spec of specs) {
    // A statement can end with a partition clause after the last spec without a comma: `..., ALGORITHM=INPLACE`
    const cur = new TokenCursor(spec, text);
    ops.push(...specOperations(table, cur, options));
  }
  if (options.algorithm || options.lock) ops.push({ kind: 'alter-options', table, ...options, range: options.algorithmRange ?? options.lockRange });
  return ops;
}

/** ALGORITHM [=] x / LOCK [=] x, shared with CREATE INDEX and DROP INDEX. */
export function readAlgorithmOrLock(cur: TokenCursor, into: { algorithm?: MysqlAlgorithm; lock?: MysqlLock; algorithmRange?: Range; lockRange?: Range }): boolean {
  const w = cur.word();
  if (w !== 'ALGORITHM' && w !== 'LOCK') return false;
  const start = cur.pos;
  cur.pos++;
  cur.acceptPunct('=');
  const value = cur.next()?.value.toLowerCase();
  const range = cur.rangeOf(start, cur.pos);
  if (w === 'ALGORITHM') {
    into.algorithm = value as MysqlAlgorithm;
    into.algorithmRange = range;
  } else {
    into.lock = value as MysqlLock;
    into.lockRange = range;
  }
  return true;
}

function specOperations(table: QualifiedName, cur: TokenCursor, options: Parameters<typeof readAlgorithmOrLock>[1]): Operation[] {
  const range = cur.rangeOf(0, cur.tokens.length);
  const other = (subtype: AlterTableSubtype, detail?: string): Operation[] => [{ kind: 'alter-table', table, subtype, detail: detail ?? cur.textOf(0, cur.tokens.length), range }];
  const w = cur.word();
  if (w === undefined) return cur.tokens.length ? other('other') : [];
  if (readAlgorithmOrLock(cur, options)) {
    // `ALGORITHM=INPLACE LOCK=NONE` without a comma is accepted by MySQL too
    while (!cur.done && readAlgorithmOrLock(cur, options));
    return [];
  }

  if (w === 'ADD') {
    cur.pos++;
    if (cur.word() === 'PARTITION') return other('partition-maintenance');
    const constraint = readConstraintOrIndex(table, cur, range);
    if (constraint) return constraint;
    cur.accept('COLUMN');
    const ifNotExists = cur.accept('IF', 'NOT', 'EXISTS');
    if (cur.isPunct('(')) {
      // ADD [COLUMN] (a INT, b INT)
      return splitOnCommas(cur.group()).map((part) => {
        const c = new TokenCursor(part, cur.text);
        const name = c.name() ?? '';
        const column = readColumnDefinition(c, name, 0);
        return { kind: 'add-column', table, column, ifNotExists, range: column.range } as Operation;
      });
    }
    const start = cur.pos;
    const name = cur.name() ?? '';
    const column = readColumnDefinition(cur, name, start);
    return [{ kind: 'add-column', table, column, ifNotExists, range }];
  }

  if (w === 'DROP') {
    cur.pos++;
    if (cur.accept('PRIMARY', 'KEY')) return [{ kind: 'drop-constraint', table, name: 'PRIMARY', ifExists: false, cascade: false, range }];
    if (cur.accept('FOREIGN', 'KEY')) {
      const ifExists = cur.accept('IF', 'EXISTS');
      return [{ kind: 'drop-constraint', table, name: cur.name() ?? '', ifExists, cascade: false, range }];
    }
    if (cur.accept('INDEX') || cur.accept('KEY')) {
      const ifExists = cur.accept('IF', 'EXISTS');
      return [{ kind: 'drop-index', table, indexes: [{ name: cur.name() ?? '' }], concurrently: false, ifExists, cascade: false, range }];
    }
    if (cur.accept('CHECK') || cur.accept('CONSTRAINT')) {
      const ifExists = cur.accept('IF', 'EXISTS');
      return [{ kind: 'drop-constraint', table, name: cur.name() ?? '', ifExists, cascade: false, range }];
    }
    if (cur.word() === 'PARTITION') return other('partition-maintenance');
    cur.accept('COLUMN');
    const ifExists = cur.accept('IF', 'EXISTS');
    const column = cur.name() ?? '';
    const cascade = cur.accept('CASCADE');
    return [{ kind: 'drop-column', table, column, ifExists, cascade, range }];
  }

  if (w === 'MODIFY' || w === 'CHANGE') {
    cur.pos++;
    cur.accept('COLUMN');
    cur.accept('IF', 'EXISTS');
    const old = cur.name() ?? '';
    const start = cur.pos;
    const newName = w === 'CHANGE' ? (cur.name() ?? old) : old;
    const definition = readColumnDefinition(cur, newName, start);
    return [{ kind: 'modify-column', table, column: old, definition, syntax: w === 'MODIFY' ? 'modify' : 'change', range }];
  }

  if (w === 'ALTER') {
    cur.pos++;
    if (cur.accept('INDEX') || cur.accept('KEY')) return other('index-visibility');
    if (cur.word() === 'CHECK' || cur.word() === 'CONSTRAINT') return other('alter-constraint');
    cur.accept('COLUMN');
    const column = cur.name() ?? '';
    if (cur.accept('SET', 'DEFAULT')) {
      const start = cur.pos;
      if (cur.isPunct('(')) cur.group();
      else {
        if (cur.isPunct('-')) cur.pos++;
        cur.pos++;
      }
      const text = cur.textOf(start, cur.pos);
      return [{ kind: 'set-default', table, column, default: { text, functions: [], isNull: /^null$/i.test(text) }, range }];
    }
    if (cur.accept('DROP', 'DEFAULT')) return [{ kind: 'drop-default', table, column, range }];
    return other('column-visibility');
  }

  if (w === 'RENAME') {
    cur.pos++;
    if (cur.accept('COLUMN')) {
      const column = cur.name() ?? '';
      cur.accept('TO');
      return [{ kind: 'rename-column', table, column, newName: cur.name() ?? '', range }];
    }
    if (cur.accept('INDEX') || cur.accept('KEY')) {
      const index = cur.name() ?? '';
      cur.accept('TO');
      return [{ kind: 'rename-index', table, index: { name: index }, newName: cur.name() ?? '', range }];
    }
    if (!cur.accept('TO')) cur.accept('AS');
    const target = cur.qualifiedName();
    return [{ kind: 'rename-table', table, newName: target?.name ?? '', range }];
  }

  if (w === 'CONVERT') return other('convert-charset', readCharset(cur));
  if (w === 'DEFAULT' || w === 'CHARACTER' || w === 'CHARSET' || w === 'COLLATE') return other('set-charset', readCharset(cur));
  if (w === 'ENGINE') {
    cur.pos++;
    cur.acceptPunct('=');
    return other('set-engine', cur.name()?.toLowerCase());
  }
  if (w === 'ROW_FORMAT' || w === 'KEY_BLOCK_SIZE') return other('set-row-format');
  if (w === 'FORCE') return other('force-rebuild');
  if (w === 'AUTO_INCREMENT') return other('set-auto-increment');
  if (w === 'ORDER') return other('order-by');
  if (w === 'DISCARD' || w === 'IMPORT') return other(cur.word(1) === 'PARTITION' ? 'partition-maintenance' : 'tablespace');
  if (w === 'ENABLE' || w === 'DISABLE') return other('keys');
  if (w === 'PARTITION' && cur.word(1) === 'BY') return other('partition-by');
  if (w === 'REMOVE' && cur.word(1) === 'PARTITIONING') return other('remove-partitioning');
  if (PARTITION_MAINTENANCE.has(w) && cur.word(1) === 'PARTITION') return other('partition-maintenance');
  if (w === 'WAIT' || w === 'NOWAIT' || w === 'WITH' || w === 'WITHOUT') return [];
  // COMMENT, STATS_*, PACK_KEYS, CHECKSUM, TABLESPACE, ... : table options
  return other(w === 'TABLESPACE' ? 'tablespace' : 'set-table-option');
}

function readCharset(cur: TokenCursor): string | undefined {
  return charsetOption(cur.tokens, cur.pos);
}

/**
 * The character set named by table options from `from` on: `[DEFAULT] CHARACTER SET|CHARSET [=] x`,
 * else the set of `COLLATE [=] x_...` (a collation names its character set).
 */
export function charsetOption(tokens: readonly Token[], from = 0): string | undefined {
  let collation: string | undefined;
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== 'word' || !(t.value === 'SET' || t.value === 'CHARSET' || t.value === 'COLLATE')) continue;
    if (t.value === 'SET' && tokens[k - 1]?.value !== 'CHARACTER') continue;
    let j = k + 1;
    if (tokens[j]?.value === '=') j++;
    const name = tokens[j]?.value.toLowerCase();
    if (!name) continue;
    if (t.value !== 'COLLATE') return normalizeCharset(name);
    collation ??= name;
  }
  return collation && charsetOfCollation(collation);
}

/**
 * `[CONSTRAINT [name]] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK`, and `INDEX/KEY/FULLTEXT/SPATIAL`
 * after ADD (or inside CREATE TABLE). Returns undefined when the spec is a column.
 */
export function readConstraintOrIndex(table: QualifiedName, cur: TokenCursor, range: Range | undefined): Operation[] | undefined {
  const save = cur.pos;
  let name: string | undefined;
  if (cur.accept('CONSTRAINT')) {
    if (!['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK'].includes(cur.word() ?? '')) name = cur.name();
  }
  const w = cur.word();
  const constraint = (c: Omit<ConstraintSpec, 'notValid'>): Operation[] => [{ kind: 'add-constraint', table, constraint: { notValid: false, ...c, range }, range }];
  if (cur.accept('PRIMARY', 'KEY')) {
    skipIndexType(cur);
    return constraint({ name: name ?? 'PRIMARY', type: 'primary-key', columns: columnNames(cur.group()) });
  }
  if (cur.accept('UNIQUE')) {
    if (!cur.accept('INDEX')) cur.accept('KEY');
    const indexName = cur.isPunct('(') || cur.word() === 'USING' ? undefined : cur.name();
    skipIndexType(cur);
    return constraint({ name: name ?? indexName, type: 'unique', columns: columnNames(cur.group()) });
  }
  if (cur.accept('FOREIGN', 'KEY')) {
    const indexName = cur.isPunct('(') ? undefined : cur.name();
    const columns = columnNames(cur.group());
    let references: ConstraintSpec['references'];
    if (cur.accept('REFERENCES')) {
      const ref = cur.qualifiedName() ?? { name: '' };
      references = { table: ref, columns: columnNames(cur.group()) };
      skipReferenceOptions(cur);
    }
    return constraint({ name: name ?? indexName, type: 'foreign-key', columns, references });
  }
  if (cur.accept('CHECK')) {
    const start = cur.pos;
    cur.group();
    return constraint({ name, type: 'check', columns: [], expression: cur.textOf(start, cur.pos) });
  }
  if (name === undefined && (w === 'INDEX' || w === 'KEY' || w === 'FULLTEXT' || w === 'SPATIAL')) {
    cur.pos++;
    const method = w === 'FULLTEXT' || w === 'SPATIAL' ? w.toLowerCase() : 'btree';
    if (method !== 'btree' && !cur.accept('INDEX')) cur.accept('KEY');
    const ifNotExists = cur.accept('IF', 'NOT', 'EXISTS');
    const indexName = cur.isPunct('(') || cur.word() === 'USING' ? undefined : cur.name();
    skipIndexType(cur);
    const columns = columnNames(cur.group());
    return [{ kind: 'create-index', table, name: indexName, concurrently: false, unique: false, ifNotExists, columns, partial: false, method, only: false, range }];
  }
  cur.pos = save;
  return undefined;
}

function skipIndexType(cur: TokenCursor): void {
  if (cur.accept('USING')) cur.pos++;
}
