import { relativePath } from './relative-path.js';
import type { Formatter } from './types.js';
import { messageLabel } from './label.js';

/**
 * JUnit XML for CI systems that only show test reports: one test suite per file, one failing
 * test case per error or warning, and a passing case for a clean file so it still shows up.
 */
export const formatJunit: Formatter = (results, ctx) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = results.reduce((n, r) => n + r.diagnostics.length, 0);
  out.push(`<testsuites name="migrasafe" tests="${results.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0)}" failures="${failures}">`);
  for (const r of results) {
    const file = relativePath(ctx.cwd, r.filePath);
    const suite = (r.database ? `[${r.database}] ` : '') + file;
    out.push(`  <testsuite name="${xml(suite)}" tests="${Math.max(1, r.diagnostics.length)}" failures="${r.diagnostics.length}" errors="0">`);
    if (r.diagnostics.length === 0) out.push(`    <testcase name="${xml(file)}" classname="migrasafe" file="${xml(file)}"/>`);
    for (const d of r.diagnostics) {
      const name = `${file}:${d.location.start.line}:${d.location.start.column} ${messageLabel(d)}`;
      const type = d.level === 'error' ? 'error' : d.level === 'warn' ? 'warning' : 'info';
      const body = [d.message, d.why ? `Why: ${d.why}` : '', d.suggestions?.[0]?.sql ? `Instead:\n${d.suggestions[0].sql}` : ''].filter(Boolean).join('\n\n');
      out.push(`    <testcase name="${xml(name)}" classname="migrasafe.${xml(messageLabel(d))}" file="${xml(file)}" line="${d.location.start.line}">`);
      out.push(`      <failure type="${type}" message="${xml(d.message)}">${xml(body)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};

function xml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
