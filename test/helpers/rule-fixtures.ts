import type { Engine } from '../../src/core/types.js';
import type { Segment } from '../../src/lint/lint-source.js';
import type { MigrationInfo } from '../../src/rules/types.js';
import type { ToolName } from '../../src/sources/types.js';
import { dbmateSegments } from '../../src/sources/dbmate.js';
import { liquibaseSegments, preprocessLiquibase } from '../../src/sources/liquibase-sql.js';

/** The options of a rule fixture's first line: `-- fixture: version=11 engine=postgres tool-transaction ...`. */
export function fixtureOptions(sql: string) {
  // (after a byte order mark, which the byte-order-mark fixtures start with)
  const header = /^\uFEFF?-- fixture:(.*)$/m.exec(sql.split('\n')[0] ?? '')?.[1] ?? '';
  const version = /version=(\S+)/.exec(header)?.[1];
  const engine = /engine=(\S+)/.exec(header)?.[1] as Engine | undefined;
  const extraRules = /rules=(\S+)/.exec(header)?.[1]?.split(',') ?? [];
  return { version, engine, toolTransaction: /tool-transaction/.test(header), extraRules, completeHistory: /complete-history/.test(header), tool: /tool=(\S+)/.exec(header)?.[1], description: /description=(\S*)/.exec(header)?.[1] };
}

/** `tool=dbmate` / `tool=liquibase` fixtures are read the way that tool reads them (sections, rollbacks). */
export function toolView(sql: string, o: ReturnType<typeof fixtureOptions>): { text: string; segments?: Segment[]; migration?: MigrationInfo } {
  if (o.tool === 'dbmate') return { text: sql, segments: dbmateSegments(sql), migration: { tool: 'dbmate', role: 'up', downs: 'sections', description: o.description } };
  if (o.tool === 'liquibase') {
    const text = preprocessLiquibase(sql);
    return { text, segments: liquibaseSegments(text), migration: { tool: 'liquibase', role: 'up', downs: 'sections', description: o.description } };
  }
  if (o.tool) return { text: sql, migration: { tool: o.tool as ToolName, role: 'up', downs: 'none', description: o.description } };
  return { text: sql };
}

