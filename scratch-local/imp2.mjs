const steps = process.argv.slice(2);
const out = [];
let last = process.cpuUsage();
for (const s of steps) {
  if (s === 'load') { const m = await import('libpg-query'); await m.loadModule(); }
  else await import(s.startsWith('.') ? new URL(s, 'file:///work/wt-foundation/').href : s);
  const now = process.cpuUsage(); out.push(`${s}:${((now.user - last.user + now.system - last.system) / 1000).toFixed(0)}`); last = now;
}
console.log(out.join(' '), 'boot', (process.cpuUsage().user/1000).toFixed(0));
