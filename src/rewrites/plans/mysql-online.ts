import type { Engine } from '../../core/types.js';
import { combineFacts, hasInstantColumnDefect, onlineDdlFact, type DdlAction } from '../../engines/mysql/online-ddl.js';
import type { Version } from '../../engines/version.js';

/**
 * The plans write their MySQL column changes as `ALTER TABLE ..., ALGORITHM=INSTANT` so the server
 * refuses rather than copy. INSTANT is not available for every one of them at every version
 * (none before MySQL 8.0.12; DROP COLUMN only from 8.0.29), and asking for it there is an error
 * (ER_ALTER_OPERATION_NOT_SUPPORTED). This picks, per statement, the clause the target version
 * accepts, from the online-DDL table: INSTANT when it can, else INPLACE with LOCK=NONE.
 */
const ACTIONS: Array<[RegExp, DdlAction]> = [
  [/\bADD COLUMN\b/i, 'add-column'],
  [/\bDROP COLUMN\b/i, 'drop-column'],
  [/\bALTER COLUMN\b[^,]*\b(?:SET|DROP) DEFAULT\b/i, 'set-default'],
];

function clauseFor(statement: string, engine: Engine, version: Version): string | undefined {
  const actions = ACTIONS.filter(([re]) => re.test(statement)).map(([, a]) => a);
  const fact = combineFacts(actions.map((a) => onlineDdlFact(a, engine, version)));
  if (!fact) return undefined;
  const columnChange = actions.includes('add-column') || actions.includes('drop-column');
  if (fact.algorithm === 'INSTANT' && !(columnChange && hasInstantColumnDefect(engine, version))) return 'ALGORITHM=INSTANT';
  return fact.dml ? 'ALGORITHM=INPLACE, LOCK=NONE' : undefined;
}

/** `sql` with each `ALGORITHM=INSTANT` clause replaced by what the target version supports. */
export function mysqlOnlineClauses(sql: string, engine: Engine, version: Version): string {
  if (engine === 'postgres') return sql;
  return sql.replace(/(ALTER TABLE\b[^;]*?),\s*ALGORITHM=INSTANT(?=\s*;)/gi, (whole, head: string) => {
    const clause = clauseFor(head, engine, version);
    return clause ? `${head}, ${clause}` : whole;
  });
}
