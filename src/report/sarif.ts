import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Formatter } from './types.js';
import { messageLabel } from './label.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: rule metadata in tool.driver.rules (with help text and a
 * docs link) and one result per finding, with a region and the fix when there is one.
 */
export const formatSarif: Formatter = (results, ctx) => {
  const used = new Set<string>();
  for (const r of results) for (const d of r.diagnostics) if (d.ruleId) used.add(d.ruleId);
  const ruleIds = [...ctx.rules.keys()].filter((id) => used.has(id));
  const rules = ruleIds.map((id) => {
    const m = ctx.rules.get(id)!;
    const helpUri = `${ctx.docsBaseUrl}/${id}.md`;
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_s, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: m.description },
      fullDescription: { text: m.description },
      helpUri,
      help: { text: `${m.description} See ${helpUri}`, markdown: `${m.description}\n\n[Rule documentation](${helpUri})` },
      defaultConfiguration: { level: sarifLevel(m.defaultLevel) },
      properties: { category: m.category, tags: [m.category, ...m.engines] },
    };
  });
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => {
      const uri = path.relative(ctx.cwd, r.filePath).split(path.sep).join('/');
      const region = {
        startLine: d.location.start.line,
        startColumn: d.location.start.column,
        endLine: d.location.end.line,
        endColumn: d.location.end.column,
      };
      return {
        ruleId: messageLabel(d),
        ...(d.ruleId && index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
        level: sarifLevel(d.level),
        message: { text: [d.message, d.why].filter(Boolean).join(' ') },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
        ...(d.fix
          ? {
              fixes: [
                {
                  description: { text: d.fix.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                      replacements: d.fix.edits.map((e) => ({
                        deletedRegion: { charOffset: e.range.start, charLength: e.range.end - e.range.start },
                        insertedContent: { text: e.text },
                      })),
                    },
                  ],
                },
              ],
            }
          : {}),
        ...(r.database ? { properties: { database: r.database } } : {}),
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'migrasafe', informationUri: 'https://github.com/migrasafe/migrasafe', semanticVersion: ctx.toolVersion, version: ctx.toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function sarifLevel(level: string): 'error' | 'warning' | 'note' {
  return level === 'error' ? 'error' : level === 'warn' ? 'warning' : 'note';
}
