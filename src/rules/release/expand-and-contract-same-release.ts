import type { Rule } from '../types.js';
import { contractSteps, describeStep, upStatements } from '../helpers/release-ops.js';

/** Lower-case words of a name: `profileURL` -> profile, url; `typed_signature_enabled` -> typed, signature, enabled. */
function tokens(name: string): Set<string> {
  return new Set(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((t) => t && t !== 'id'));
}

/** The new name replaces the old one when one's words contain the other's (`url` for `profileURL`, `typedSignatureEnabled` for `enabledTypedSignature`). */
function looksLikeReplacement(oldName: string, newName: string): boolean {
  const a = tokens(oldName);
  const b = tokens(newName);
  if (a.size === 0 || b.size === 0) return false;
  return [...a].every((t) => b.has(t)) || [...b].every((t) => a.has(t));
}

const word = (name: string) => new RegExp(`(?<![A-Za-z0-9_$])"?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?![A-Za-z0-9_$])`, 'i');

export const expandAndContractSameRelease: Rule = {
  meta: {
    id: 'expand-and-contract-same-release',
    engines: ['postgres', 'mysql', 'mariadb'],
    category: 'release',
    defaultLevel: 'error',
    description: 'The release adds a replacement column or table and drops or renames the old one in the same deploy (a rename by add + drop).',
    fixable: false,
    hasSuggestions: true,
    presets: ['recommended', 'strict'],
  },
  checkRelease(ctx) {
    // What the release adds to tables that existed before it, and which tables it creates and fills from others.
    const added = new Map<string, string[]>();
    // UPDATE statements that copy one column into another (the backfill of a rename).
    const backfills: Array<{ table: string; text: string }> = [];
    const filledFrom: Array<{ newTable: string; text: string }> = [];
    const created = new Set<string>();
    for (const file of ctx.files) {
      for (const st of upStatements(file)) {
        for (const op of st.ops) {
          if (op.kind === 'add-column' && !file.schemaAt(st.index).isNewTable(op.table)) {
            added.set(op.table.name, [...(added.get(op.table.name) ?? []), op.column.name]);
          }
          if (op.kind === 'create-table') created.add(op.table.name);
          if (op.kind === 'insert' && created.has(op.table.name)) filledFrom.push({ newTable: op.table.name, text: st.text });
          if (op.kind === 'update') backfills.push({ table: op.table.name, text: st.text });
        }
      }
    }
    for (const step of contractSteps(ctx.files)) {
      let replacement: string | undefined;
      if (step.column) {
        const copied = (c: string) => backfills.some((b) => b.table === step.table.name && word(c).test(b.text) && word(step.oldName).test(b.text));
        replacement = added.get(step.table.name)?.find((c) => c !== step.oldName && (copied(c) || looksLikeReplacement(step.oldName, c)));
      } else {
        replacement = filledFrom.find((f) => f.newTable !== step.oldName && word(step.oldName).test(f.text))?.newTable;
      }
      if (!replacement) continue;
      const what = step.column ? `column \`${replacement}\`` : `table \`${replacement}\``;
      ctx.report({
        file: step.file.path,
        statement: step.statement,
        message: `This release adds ${what} and ${describeStep(step)} in the same deploy: a rename by add + drop. The application version running during the deploy still uses \`${step.oldName}\`, and writes it makes after the copy are lost. Expand now (add ${replacement}, write both, backfill), contract in a later release once no code reads \`${step.oldName}\`.`,
        why: 'Expand and contract must be separate deploys so every running version finds the column or table it uses.',
        suggestions: [
          {
            title: 'Keep the old object until a later release',
            sql: `-- This release: add ${replacement}, keep both in sync (application dual-write or a trigger), backfill.\n-- Next release, after the code reads only ${replacement}:\n${step.statement.text.trim()};`,
          },
        ],
      });
    }
  },
};
