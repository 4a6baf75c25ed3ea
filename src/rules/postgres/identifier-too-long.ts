import type { Rule } from '../types.js';
import { isSchemaChange } from '../helpers/change-kinds.js';
import { identifierTokens, truncateIdentifier } from '../helpers/identifiers.js';

/** PostgreSQL's NAMEDATALEN - 1. */
const MAX_BYTES = 63;

export const identifierTooLong: Rule = {
  meta: {
    id: 'identifier-too-long',
    engines: ['postgres'],
    category: 'style',
    defaultLevel: 'warn',
    description: 'Identifiers longer than 63 bytes are silently truncated by PostgreSQL.',
    fixable: false,
    hasSuggestions: false,
    presets: ['strict'],
  },
  checkStatement(ctx) {
    const st = ctx.statement;
    // Only where names are chosen; references to an existing long name are truncated the same way.
    const defines = st.ops.some((op) => isSchemaChange(op) || ['create-sequence', 'create-schema', 'create-function'].includes(op.kind));
    if (!defines) return;
    const seen = new Set<string>();
    for (const tok of identifierTokens(st.text)) {
      const bytes = Buffer.byteLength(tok.name, 'utf8');
      if (bytes <= MAX_BYTES || seen.has(tok.name)) continue;
      seen.add(tok.name);
      const cut = truncateIdentifier(tok.name, MAX_BYTES);
      ctx.report({
        range: { start: st.range.start + tok.start, end: st.range.start + tok.end },
        message: `Identifier \`${tok.name}\` is ${bytes} bytes${bytes !== tok.name.length ? ` (${tok.name.length} characters)` : ''}; PostgreSQL silently truncates it to 63 bytes and creates \`${cut}\`. Two names with the same first 63 bytes collide, and tools that compare names (ORMs, schema diffs) see a different name. Choose a name of at most 63 bytes.`,
        why: 'NAMEDATALEN is 64: identifiers keep at most 63 bytes (not characters: multibyte UTF-8 characters count 2-4 each) and the rest is dropped with only a NOTICE.',
      });
    }
  },
};
