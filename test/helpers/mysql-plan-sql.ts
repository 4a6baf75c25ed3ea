import type { Engine } from '../../src/core/types.js';
import { parseSource } from '../../src/parsers/index.js';

/**
 * Statements node-sql-parser cannot read although they are valid MySQL 8.0 / MariaDB: stored
 * procedures (the only way a MySQL migration can loop over batches) and the two procedure-body
 * statements they use. A CREATE PROCEDURE's body is still checked statement by statement.
 */
const PARSER_GAPS = new Set(['CREATE PROCEDURE', 'DROP PROCEDURE', 'DO', 'DECLARE', 'CREATE TRIGGER', 'ALTER TABLE']);

/**
 * The forms of the gaps that are DDL, checked by shape since the parser cannot: a trigger whose
 * body is not a SET (its body is parsed on its own) and the metadata-only column default change.
 */
const GAP_FORMS: Record<string, RegExp> = {
  'CREATE TRIGGER': /^\s*CREATE\s+TRIGGER\s+\S+\s+(?:BEFORE|AFTER)\s+(?:INSERT|UPDATE|DELETE)\s+ON\s+\S+\s+FOR\s+EACH\s+ROW\s+(?<body>(?:INSERT|UPDATE|DELETE)\b[\s\S]*)$/i,
  'ALTER TABLE': /^\s*ALTER\s+TABLE\s+\S+\s+ALTER\s+COLUMN\s+\S+\s+(?:SET\s+DEFAULT\s+(?:'[^']*'|-?\d+(?:\.\d+)?|\([^;]*\))|DROP\s+DEFAULT)(?:\s*,\s*ALGORITHM\s*=\s*INSTANT)?\s*$/i,
};

export interface MysqlParseReport {
  /** Statements read by node-sql-parser. */
  parsed: number;
  /** Known parser gaps (valid MySQL the parser does not support), read by the token classifier. */
  gaps: string[];
  /** Anything else the parser could not read: must be empty. */
  failures: string[];
}

/** Control flow of a procedure body, which only exists inside BEGIN ... END. */
function withoutControlFlow(body: string): string {
  return body.replace(/^\s*WHILE\b[^\n]*\bDO\s*$/gim, '').replace(/^\s*END\s+WHILE\s*;\s*$/gim, '');
}

/** Parses plan SQL with the MySQL parser (src/parsers/mysql), looking inside stored procedures. */
export function mysqlParseReport(sql: string, engine: Engine = 'mysql'): MysqlParseReport {
  const report: MysqlParseReport = { parsed: 0, gaps: [], failures: [] };
  for (const st of parseSource(engine, sql).statements) {
    if (st.kind === 'meta') continue;
    if (st.kind !== 'unparsed') {
      report.parsed++;
      continue;
    }
    if (!PARSER_GAPS.has(st.statementType)) {
      report.failures.push(`${st.statementType || 'unknown'}: ${st.error?.message ?? 'unparsed'}\n${st.text}`);
      continue;
    }
    const form = GAP_FORMS[st.statementType];
    const shape = form?.exec(st.text);
    if (form && !shape) {
      report.failures.push(`${st.statementType}: ${st.error?.message ?? 'unparsed'}\n${st.text}`);
      continue;
    }
    report.gaps.push(st.statementType === 'ALTER TABLE' ? 'ALTER COLUMN SET/DROP DEFAULT' : st.statementType);
    if (shape?.groups?.body) {
      const inner = mysqlParseReport(shape.groups.body, engine);
      report.parsed += inner.parsed;
      report.failures.push(...inner.failures);
    }
    const body = /^\s*CREATE\s+PROCEDURE\b[^(]*\([^)]*\)\s*BEGIN\b([\s\S]*)\bEND\s*$/i.exec(st.text)?.[1];
    if (st.statementType === 'CREATE PROCEDURE') {
      if (body === undefined) report.failures.push(`CREATE PROCEDURE without a BEGIN ... END body:\n${st.text}`);
      else {
        const inner = mysqlParseReport(withoutControlFlow(body), engine);
        report.parsed += inner.parsed;
        report.gaps.push(...inner.gaps);
        report.failures.push(...inner.failures);
      }
    }
  }
  return report;
}
