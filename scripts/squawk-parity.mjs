#!/usr/bin/env node
/**
 * Parity with squawk: runs squawk (devDependency squawk-cli, `--reporter json`) and migrasafe
 * (strict preset, so the type rules are on) over a corpus of real migrations and compares
 * their findings statement by statement.
 *
 *   node scripts/squawk-parity.mjs [corpus-dir] [--list <squawk-rule>] [--json]
 *
 * Prints, per squawk rule: squawk's count, migrasafe's count for the mapped rule(s), findings
 * only squawk reports, findings only migrasafe reports, and the verdict written below. With
 * `--list <rule>` it prints every differing finding of that rule (file:line and the statement).
 * Needs `npm run build` first. Default corpus: ../shared/corpus/postgres.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const listRule = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined;
const asJson = args.includes('--json');
const corpus = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--list') ?? path.join(root, '../shared/corpus/postgres'));

/**
 * squawk rule -> migrasafe rule ids that report the same problem. Rules squawk has and
 * migrasafe deliberately does not (or the other way round) map to [].
 */
export const RULE_MAP = {
  'adding-field-with-default': ['add-column-rewrite'],
  'adding-foreign-key-constraint': ['constraint-not-valid'],
  'adding-not-nullable-field': ['set-not-null'],
  'adding-required-field': ['add-required-column'],
  'adding-serial-primary-key-field': ['add-primary-key'],
  'ban-alter-domain-with-add-constraint': ['domain-constraint'],
  'ban-char-field': ['ban-char'],
  'ban-concurrent-index-creation-in-transaction': ['concurrently-in-transaction'],
  'ban-create-domain-with-constraint': ['domain-constraint'],
  'ban-drop-column': ['drop-column'],
  'ban-drop-database': ['drop-database'],
  'ban-drop-not-null': ['drop-not-null'],
  'ban-drop-table': ['drop-table'],
  'ban-truncate-cascade': ['truncate-table'],
  'ban-uncommitted-transaction': ['transaction-nesting'],
  'changing-column-type': ['change-column-type'],
  'constraint-missing-not-valid': ['constraint-not-valid', 'validate-in-same-transaction'],
  'disallowed-unique-constraint': ['add-unique-constraint'],
  'identifier-too-long': ['identifier-too-long'],
  'prefer-bigint-over-int': ['prefer-bigint'],
  'prefer-bigint-over-smallint': ['prefer-bigint'],
  'prefer-identity': ['prefer-identity'],
  'prefer-robust-stmts': ['prefer-robust-statements'],
  'prefer-text-field': ['prefer-text'],
  'prefer-timestamp-tz': ['prefer-timestamptz'],
  'renaming-column': ['rename-column'],
  'renaming-table': ['rename-table'],
  'require-concurrent-index-creation': ['require-concurrent-index'],
  'require-concurrent-index-deletion': ['require-concurrent-drop-index'],
  'require-enum-value-ordering': [],
  'require-lock-timeout': ['require-lock-timeout'],
  'require-statement-timeout': ['require-statement-timeout'],
  'syntax-error': ['(parse error)'],
  'transaction-nesting': ['transaction-nesting'],
};

/** Why the counts differ, per squawk rule: the summary of the explanations in the rules' docs pages. */
export const VERDICTS = JSON.parse(readFileSync(path.join(root, 'scripts/squawk-parity-verdicts.json'), 'utf8'));

function sqlFiles(dir) {
  const out = execFileSync('find', [dir, '-type', 'f', '-name', '*.sql'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter(Boolean).sort();
}

function runSquawk(files) {
  const bin = path.join(root, 'node_modules/.bin/squawk');
  const findings = [];
  // In chunks, to stay under the argument-length limit.
  for (let i = 0; i < files.length; i += 400) {
    const r = spawnSync(bin, ['--reporter', 'json', ...files.slice(i, i + 400)], { encoding: 'utf8', maxBuffer: 256 << 20 });
    if (r.error) throw r.error;
    const text = r.stdout.trim();
    if (text) findings.push(...JSON.parse(text));
  }
  // squawk's JSON lines are 0-based (squawk #373).
  return findings.map((f) => ({ file: path.resolve(f.file), line: f.line + 1, endLine: (f.line_end ?? f.line) + 1, rule: f.rule_name }));
}

function runMigrasafe(dir) {
  const cfgDir = mkdtempSync(path.join(tmpdir(), 'migrasafe-parity-'));
  const cfg = path.join(cfgDir, 'migrasafe.config.json');
  writeFileSync(cfg, JSON.stringify({ extends: 'strict' }));
  const r = spawnSync(process.execPath, [path.join(root, 'bin/migrasafe.js'), 'lint', dir, '--format', 'json', '--config', cfg], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status === 2) throw new Error(`migrasafe failed: ${r.stderr}`);
  const out = [];
  for (const f of JSON.parse(r.stdout)) {
    for (const m of f.messages) out.push({ file: path.resolve(f.filePath), line: m.line, endLine: m.endLine ?? m.line, rule: m.ruleId ?? '(parse error)' });
  }
  return out;
}

/** Statement start lines of a file, so findings on different lines of one statement match. */
async function statementLines(parseSource, file) {
  const text = readFileSync(file, 'utf8');
  const starts = [];
  try {
    for (const st of parseSource('postgres', text).statements) starts.push(text.slice(0, st.range.start).split('\n').length);
  } catch {
    /* unparsable: fall back to the finding's own line */
  }
  return starts;
}

function statementOf(starts, line) {
  let k = -1;
  for (let i = 0; i < starts.length && starts[i] <= line; i++) k = i;
  return k < 0 ? `L${line}` : `S${k}`;
}

async function main() {
  if (!existsSync(corpus)) {
    console.error(`squawk-parity: corpus not found at ${corpus}`);
    process.exit(2);
  }
  const { initParser, parseSource } = await import(path.join(root, 'dist/parsers/index.js'));
  await initParser('postgres');
  const files = sqlFiles(corpus);
  const t0 = Date.now();
  const squawk = runSquawk(files);
  const t1 = Date.now();
  const ours = runMigrasafe(corpus);
  const t2 = Date.now();

  const starts = new Map();
  const where = async (f) => {
    if (!starts.has(f.file)) starts.set(f.file, await statementLines(parseSource, f.file));
    return `${f.file}#${statementOf(starts.get(f.file), f.line)}`;
  };
  const oursAt = new Map(); // migrasafe rule -> Map<where, finding>
  for (const f of ours) {
    const w = await where(f);
    if (!oursAt.has(f.rule)) oursAt.set(f.rule, new Map());
    oursAt.get(f.rule).set(w, f);
  }
  const squawkAt = new Map(); // squawk rule -> Map<where, finding>
  for (const f of squawk) {
    const w = await where(f);
    if (!squawkAt.has(f.rule)) squawkAt.set(f.rule, new Map());
    squawkAt.get(f.rule).set(w, f);
  }

  const rows = [];
  const details = {};
  for (const rule of [...new Set([...Object.keys(RULE_MAP), ...squawkAt.keys()])].sort()) {
    const mapped = RULE_MAP[rule] ?? [];
    const theirs = squawkAt.get(rule) ?? new Map();
    const mine = new Map();
    for (const id of mapped) for (const [w, f] of oursAt.get(id) ?? []) mine.set(w, f);
    const onlySquawk = [...theirs].filter(([w]) => !mine.has(w)).map(([, f]) => f);
    // The reverse only counts statements squawk could have flagged with this rule: for rules
    // sharing a migrasafe id (two squawk rules -> constraint-not-valid), a statement another
    // mapped squawk rule reported is not "only migrasafe".
    const siblings = Object.entries(RULE_MAP).filter(([r, ids]) => r !== rule && ids.some((id) => mapped.includes(id))).map(([r]) => squawkAt.get(r) ?? new Map());
    const onlyOurs = [...mine].filter(([w]) => !theirs.has(w) && !siblings.some((s) => s.has(w))).map(([, f]) => f);
    if (theirs.size === 0 && mine.size === 0 && !squawkAt.has(rule)) continue;
    // migrasafe's count for this row: the statements both flag, plus those only migrasafe flags.
    const both = [...theirs.keys()].filter((w) => mine.has(w)).length;
    rows.push({ rule, migrasafe: mapped.join(', ') || '—', squawk: theirs.size, ours: both + onlyOurs.length, onlySquawk: onlySquawk.length, onlyOurs: onlyOurs.length, verdict: VERDICTS[rule] ?? (onlySquawk.length + onlyOurs.length === 0 ? 'same findings' : 'UNEXPLAINED') });
    details[rule] = { onlySquawk, onlyOurs };
  }

  const mappedIds = new Set(Object.values(RULE_MAP).flat());
  const extra = [...oursAt].filter(([id]) => !mappedIds.has(id)).map(([id, m]) => ({ rule: id, count: m.size })).sort((a, b) => b.count - a.count);
  if (asJson) {
    console.log(JSON.stringify({ files: files.length, squawkMs: t1 - t0, migrasafeMs: t2 - t1, rows, migrasafeOnlyRules: extra }, null, 2));
  } else if (listRule) {
    const d = details[listRule];
    if (!d) {
      console.error(`no such squawk rule in the results: ${listRule}`);
      process.exit(2);
    }
    const show = (f) => {
      const lines = readFileSync(f.file, 'utf8').split('\n');
      return `${path.relative(corpus, f.file)}:${f.line}  ${lines.slice(f.line - 1, Math.min(f.endLine, f.line + 2)).join(' ').replace(/\s+/g, ' ').slice(0, 140)}`;
    };
    console.log(`only squawk (${d.onlySquawk.length}):`);
    for (const f of d.onlySquawk) console.log(`  ${show(f)}`);
    console.log(`only migrasafe (${d.onlyOurs.length}):`);
    for (const f of d.onlyOurs) console.log(`  ${show(f)}`);
  } else {
    console.log(`${files.length} files under ${corpus}; squawk ${t1 - t0} ms, migrasafe ${t2 - t1} ms (whole CLI runs, strict preset)\n`);
    console.log('| squawk rule | migrasafe rule | squawk | migrasafe | only squawk | only migrasafe | verdict |');
    console.log('|---|---|---:|---:|---:|---:|---|');
    for (const r of rows) console.log(`| ${r.rule} | ${r.migrasafe} | ${r.squawk} | ${r.ours} | ${r.onlySquawk} | ${r.onlyOurs} | ${r.verdict} |`);
    console.log('\nmigrasafe rules with no squawk counterpart (statements flagged):\n');
    console.log('| migrasafe rule | statements |');
    console.log('|---|---:|');
    for (const e of extra) console.log(`| ${e.rule} | ${e.count} |`);
  }
}

await main();
