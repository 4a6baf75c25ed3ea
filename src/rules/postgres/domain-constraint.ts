import type { Rule } from '../types.js';
import { displayName } from '../helpers/sql-text.js';

export const domainConstraint: Rule = {
  meta: {
    id: 'domain-constraint',
    engines: ['postgres'],
    category: 'locking',
    defaultLevel: 'warn',
    description: 'CHECK constraints on domains: adding or validating one scans every column of that type in every table while blocking writes.',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const st = ctx.statement;
    for (const op of st.ops) {
      if (op.kind === 'create-domain' && op.hasCheck) {
        ctx.report({
          op,
          message: `CREATE DOMAIN ${displayName(op.domain)} with a CHECK: every later change to that constraint (ALTER DOMAIN ... ADD/VALIDATE CONSTRAINT) scans every column of this type in every table under a SHARE lock that blocks writes, and cannot be done table by table. Prefer a domain without CHECK plus CHECK constraints on the tables, which support NOT VALID and an online VALIDATE.`,
          why: 'Table CHECK constraints are validated under SHARE UPDATE EXCLUSIVE; domain constraints hold SHARE on every table that uses the domain (PostgreSQL 10-18).',
          suggestions: [{ title: 'Domain without the CHECK; put the CHECK on each table column', sql: `${st.text.replace(/\s+(CONSTRAINT\s+\S+\s+)?CHECK\s*\(.*$/is, '')};\n-- per table: ALTER TABLE <table> ADD CONSTRAINT <name> CHECK (<column> ...) NOT VALID; then VALIDATE CONSTRAINT separately` }],
        });
      }
      if (op.kind === 'alter-domain-add-constraint' && !op.notValid) {
        ctx.report({
          op,
          level: 'error',
          message: `ALTER DOMAIN ${displayName(op.domain)} ADD CONSTRAINT checks every existing value of every column of this type, in every table, while holding a SHARE lock on each of those tables: all their writes wait for the whole scan.`,
          why: 'Domain constraint validation locks every table using the domain with SHARE (writes blocked).',
          suggestions: [{ title: 'Add it NOT VALID (new values are checked at once); validate old rows in a quiet window', sql: `${st.text} NOT VALID;\n-- in a low-traffic window (still blocks writes to every table using the domain until PostgreSQL 19):\nALTER DOMAIN ${op.domain.name} VALIDATE CONSTRAINT <name>;` }],
        });
      }
    }
    // ALTER DOMAIN ... VALIDATE CONSTRAINT (parsed as a generic AlterDomainStmt).
    if (st.statementType === 'AlterDomainStmt' && /\bVALIDATE\s+CONSTRAINT\b/i.test(st.text)) {
      ctx.report({
        message: 'ALTER DOMAIN ... VALIDATE CONSTRAINT holds a SHARE lock on every table that uses the domain for the whole scan (PostgreSQL 10-18): writes to all of them wait. Run it in a low-traffic window, or move the check to table CHECK constraints.',
        why: 'Unlike ALTER TABLE ... VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE), the domain form takes SHARE on each table before PostgreSQL 19.',
        suggestions: [{ title: 'Bound the wait and run it when traffic is low', sql: `SET lock_timeout = '5s';\n${st.text};` }],
      });
    }
  },
};
