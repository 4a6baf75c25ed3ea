const t0 = performance.now();
const steps = process.argv.slice(2);
const out = [];
let last = t0;
for (const s of steps) {
  if (s === 'load') { const m = await import('libpg-query'); await m.loadModule(); }
  else await import(s.startsWith('.') ? new URL(s, 'file:///work/wt-foundation/').href : s);
  const now = performance.now(); out.push(`${s}:${(now - last).toFixed(0)}`); last = now;
}
console.log(out.join(' '), 'boot', performance.timeOrigin ? (t0).toFixed(0) : '');
