import type { Statement } from '../core/statement.js';
import type { Settings, TransactionState } from '../rules/types.js';

export interface SessionState {
  transaction: TransactionState;
  settings: Settings;
}

class SettingsMap implements Settings {
  constructor(private readonly values: ReadonlyMap<string, string>) {}
  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }
}

/**
 * Walks the statements once and records, for each, the transaction it runs in and the session
 * settings in force just before it. `toolTransaction` is true when the migration tool wraps the
 * whole file in one transaction (explicit BEGIN then nests, COMMIT ends the tool's transaction).
 * `SET LOCAL` lasts until the end of the transaction; plain `SET` for the rest of the session.
 */
/** Where a session stands after some statements, to continue from (one session over several segments). */
export interface SessionCarry {
  transaction: TransactionState;
  session: Map<string, string>;
  local: Map<string, string>;
}

export function computeSessionStates(
  statements: readonly Statement[],
  toolTransaction: boolean,
  start?: SessionCarry,
): { before: SessionState[]; after: SessionState; end: SessionCarry } {
  const before: SessionState[] = [];
  let tx: TransactionState = start?.transaction ?? (toolTransaction ? { inTransaction: true, source: 'tool', startIndex: statements[0]?.index ?? 0 } : { inTransaction: false, source: 'none' });
  const session = new Map<string, string>(start?.session);
  let local = new Map<string, string>(start?.local);
  const snapshot = (): SessionState => ({ transaction: tx, settings: new SettingsMap(new Map([...session, ...local])) });

  for (const st of statements) {
    before.push(snapshot());
    for (const op of st.ops) {
      if (op.kind === 'transaction') {
        if (op.action === 'begin' && !tx.inTransaction) {
          tx = { inTransaction: true, source: 'explicit', startIndex: st.index };
        } else if (op.action === 'commit' || op.action === 'rollback') {
          tx = { inTransaction: false, source: 'none' };
          local = new Map();
        }
      } else if (op.kind === 'set') {
        const target = op.local ? local : session;
        if (op.reset) {
          session.delete(op.name);
          local.delete(op.name);
        } else if (op.value !== undefined) {
          // `SET LOCAL` outside a transaction has no effect (PostgreSQL warns and ignores it).
          if (!op.local || tx.inTransaction) target.set(op.name, op.value);
        }
      }
    }
  }
  return { before, after: snapshot(), end: { transaction: tx, session, local } };
}
