// Fills each `<!-- plan-output: engine/name -->` marker in docs/plans/*.md with the golden file.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const repo = path.join(import.meta.dirname, '..');
const docs = path.join(repo, 'docs/plans');
for (const name of readdirSync(docs).filter((f) => f.endsWith('.md'))) {
  const file = path.join(docs, name);
  const text = readFileSync(file, 'utf8').replace(/(<!-- plan-output: (\w+)\/([\w-]+) -->)\n(```text\n[\s\S]*?```\n)?/g, (_m, marker, engine, plan) => `${marker}\n\`\`\`text\n${readFileSync(path.join(repo, 'fixtures/plans', engine, `${plan}.txt`), 'utf8')}\`\`\`\n`);
  writeFileSync(file, text);
}
