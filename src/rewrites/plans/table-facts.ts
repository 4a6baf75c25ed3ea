import type { Engine } from '../../core/types.js';
import type { SchemaView } from '../../schema/catalog.js';
import type { TableFacts } from './types.js';

/** serial types are integers with a default; casts and new key columns need the integer type. */
function keyType(type: string | undefined, engine: Engine): string | undefined {
  if (!type) return undefined;
  const t = type.toLowerCase();
  if (t === 'serial' || t === 'serial4') return 'integer';
  if (t === 'bigserial' || t === 'serial8') return 'bigint';
  if (t === 'smallserial' || t === 'serial2') return 'smallint';
  return engine === 'mysql' || engine === 'mariadb' ? type.replace(/\s+auto_increment/i, '') : type;
}

export interface FactOverrides {
  pk?: string;
  pkType?: string;
}

/**
 * What the plans need to know about a table: from the replayed schema when it knows the table,
 * otherwise from --pk/--pk-type, otherwise the common `id bigint` (flagged as guessed).
 */
export function tableFacts(schema: SchemaView | undefined, engine: Engine, name: string, overrides: FactOverrides = {}): TableFacts & { guessed?: boolean } {
  const parts = name.split('.');
  const q = parts.length > 1 ? { schema: parts[0], name: parts[1] } : { name: parts[0] };
  const t = schema?.table(q);
  const columns = new Map<string, { name: string; type?: string; notNull?: boolean }>();
  for (const c of t?.columns.values() ?? []) columns.set(c.name, { name: c.name, type: c.type?.text, notNull: c.notNull });
  const pkCon = [...(t?.constraints.values() ?? [])].find((c) => c.type === 'primary-key' && c.columns.length === 1);
  const pk = overrides.pk ?? pkCon?.columns[0] ?? (columns.has('id') ? 'id' : undefined);
  const pkType = overrides.pkType ?? keyType(pk ? columns.get(pk)?.type : undefined, engine);
  const fallbackType = engine === 'postgres' ? 'bigint' : 'BIGINT';
  return { pk: pk ?? 'id', pkType: pkType ?? fallbackType, columns, guessed: !pk || !pkType };
}
