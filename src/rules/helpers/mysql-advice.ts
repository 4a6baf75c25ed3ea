import type { QualifiedName } from '../../core/operations.js';
import type { Engine } from '../../core/types.js';
import { MARIADB_ONLINE_COPY } from '../../engines/mysql/online-ddl.js';
import type { Version } from '../../engines/version.js';
import type { DdlStep, StatementDdl } from './mysql-ddl.js';

/** MySQL identifier quoting: bare when plain, else backticks. */
export function mysqlIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

export function mysqlName(q: QualifiedName): string {
  return q.schema ? `${mysqlIdent(q.schema)}.${mysqlIdent(q.name)}` : mysqlIdent(q.name);
}

export function engineLabel(engine: Engine, version: Version): string {
  return `${engine === 'mariadb' ? 'MariaDB' : 'MySQL'} ${version.text}`;
}

/** "adding the column `a` and dropping the index `b`" */
export function stepsText(steps: readonly DdlStep[]): string {
  const parts = steps.map((s) => s.what);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Shell-quotes a value for a POSIX shell command line. */
function shellQuote(s: string): string {
  return `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * gh-ost and pt-online-schema-change command lines for the user's table and ALTER: both copy the
 * table in chunks to a shadow table while writes continue, throttle on replica lag and swap the
 * tables at the end.
 */
export function onlineSchemaChangeCommands(table: QualifiedName, spec: string): string {
  const db = table.schema ?? '<database>';
  return [
    '# gh-ost (triggerless, binlog-based; needs binlog_format=ROW):',
    `gh-ost --host=<primary-host> --user=<user> --ask-pass --database=${shellQuote(db)} --table=${shellQuote(table.name)} \\`,
    `  --alter=${shellQuote(spec)} \\`,
    '  --chunk-size=1000 --max-lag-millis=1500 --cut-over=default --exact-rowcount --verbose --execute',
    '',
    '# or pt-online-schema-change (trigger-based):',
    `pt-online-schema-change --alter ${shellQuote(spec)} \\`,
    `  D=${db},t=${table.name} --max-lag=1 --chunk-size=1000 --execute`,
  ].join('\n');
}

/** Why a write-blocking operation is dangerous, with the version nuance. */
export function copyWhy(engine: Engine, version: Version): string {
  const online = engine === 'mariadb' ? ` MariaDB ${MARIADB_ONLINE_COPY}+ can copy with LOCK=NONE; ${version.text} cannot.` : '';
  return `ALGORITHM=COPY builds a new copy of the table row by row while holding a lock that blocks INSERT, UPDATE and DELETE until the copy finishes; replicas then replay it and lag by the same time.${online}`;
}

export function describeAlgorithm(ddl: StatementDdl): string {
  const c = ddl.combined;
  if (c.algorithm === 'INSTANT') return 'INSTANT (metadata only)';
  if (c.algorithm === 'INPLACE') return `INPLACE${c.rebuild ? ' with a table rebuild' : ''}${c.dml ? ', writes allowed' : ', writes blocked'}`;
  return `COPY${c.dml ? ' with concurrent writes' : ', writes blocked'}`;
}
