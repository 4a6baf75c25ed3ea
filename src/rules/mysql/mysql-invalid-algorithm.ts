import { atLeast } from '../../engines/version.js';
import { algorithmSupported } from '../../engines/mysql/online-ddl.js';
import type { Rule } from '../types.js';
import { statementDdl } from '../helpers/mysql-ddl.js';
import { engineLabel } from '../helpers/mysql-advice.js';

export const mysqlInvalidAlgorithm: Rule = {
  meta: {
    id: 'mysql-invalid-algorithm',
    engines: ['mysql', 'mariadb'],
    category: 'correctness',
    defaultLevel: 'error',
    description: 'An ALGORITHM/LOCK clause the server rejects for this operation or version: the migration fails.',
    fixable: true,
    hasSuggestions: false,
    presets: ['recommended', 'strict'],
  },
  checkStatement(ctx) {
    const opts = ctx.statement.ops.find((o) => o.kind === 'alter-options');
    if (!opts || opts.kind !== 'alter-options') return;
    const label = engineLabel(ctx.engine, ctx.version);
    const algo = opts.algorithm;
    const lock = opts.lock;
    if (algo === 'nocopy' && ctx.engine !== 'mariadb') {
      ctx.report({ range: opts.algorithmRange, message: `ALGORITHM=NOCOPY exists only in MariaDB; ${label} rejects the statement. Use ALGORITHM=INPLACE.` });
      return;
    }
    if (algo === 'instant' && ctx.engine === 'mysql' && !atLeast(ctx.version, 8, 0, 12)) {
      ctx.report({ range: opts.algorithmRange, message: `ALGORITHM=INSTANT does not exist before MySQL 8.0.12; ${label} rejects the statement. Use ALGORITHM=INPLACE, LOCK=NONE (or target the right version with --target-version).` });
      return;
    }
    if (algo === 'instant' && lock && lock !== 'default' && ctx.engine === 'mysql' && opts.lockRange) {
      ctx.report({
        range: opts.lockRange,
        message: `MySQL rejects LOCK=${lock.toUpperCase()} together with ALGORITHM=INSTANT (ERROR 1221, incorrect usage): an INSTANT change takes no table lock to choose. Remove the LOCK clause.`,
        fix: { title: 'Remove the LOCK clause', safe: true, edits: [{ range: widenToComma(ctx.statement.text, ctx.statement.range.start, opts.lockRange), text: '' }] },
      });
    }
    const ddl = statementDdl(ctx);
    if (!ddl) return;
    const known = ddl.steps.filter((s) => !s.assumed);
    if (algo && algo !== 'default' && algo !== 'copy') {
      const unsupported = known.filter((s) => !algorithmSupported(algo, s.fact.algorithm, ctx.engine) || (algo === 'nocopy' && s.fact.rebuild));
      if (unsupported.length) {
        const s = unsupported[0];
        const mixed = known.length > unsupported.length ? ` Every operation of one ALTER must support it: split ${s.what} into its own statement.` : '';
        ctx.report({
          range: opts.algorithmRange,
          message: `ALGORITHM=${algo.toUpperCase()} is not supported for ${s.what} on ${label} (it needs ${s.fact.algorithm}${s.fact.rebuild ? ', with a table rebuild' : ''}): the server refuses the statement (ERROR 1845/1846) and the migration fails.${mixed}`,
        });
        return;
      }
    }
    if (lock === 'none') {
      const blocking = known.filter((s) => !s.fact.dml);
      if (blocking.length) {
        ctx.report({
          range: opts.lockRange,
          message: `LOCK=NONE is not supported for ${blocking[0].what} on ${label} (concurrent writes are not permitted${blocking[0].fact.note ? `; ${blocking[0].fact.note}` : ''}): the server refuses the statement (ERROR 1846) and the migration fails. Use gh-ost / pt-online-schema-change, or LOCK=SHARED in a maintenance window.`,
        });
      }
    }
  },
};

/** The clause plus the comma before it (`, LOCK=NONE`), so removing it leaves valid SQL. */
function widenToComma(text: string, base: number, range: { start: number; end: number }): { start: number; end: number } {
  const before = text.slice(0, range.start - base);
  const m = /,\s*$/.exec(before);
  if (m) return { start: base + m.index, end: range.end };
  const after = /^\s*,\s*/.exec(text.slice(range.end - base));
  return after ? { start: range.start, end: range.end + after[0].length } : range;
}
