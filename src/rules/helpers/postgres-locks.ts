import type { Operation } from '../../core/operations.js';
import { blocksFor, blocksInWords, pgLockFact, type LockFact } from '../../engines/postgres/lock-facts.js';
import type { StatementContext } from '../types.js';

/** The engine's lock fact for an operation at the context's target version. */
export function lockFact(ctx: Pick<StatementContext, 'version'>, op: Operation): LockFact | undefined {
  return pgLockFact(op, ctx.version.major);
}

/** "takes an ACCESS EXCLUSIVE lock, which blocks every read and write" */
export function lockSentence(fact: LockFact): string {
  return `takes ${withArticle(fact.lock)} lock, which ${blocksInWords(blocksFor(fact.lock))}`;
}

/** "an ACCESS EXCLUSIVE", "a SHARE" */
export function withArticle(lock: string): string {
  return `${/^[AEIOU]/.test(lock) ? 'an' : 'a'} ${lock}`;
}

/** "for as long as it takes to rewrite the whole table" / "to scan ..." */
export function durationPhrase(fact: LockFact): string {
  if (fact.rewrite) return 'for as long as it takes to rewrite the whole table and rebuild its indexes';
  if (fact.scan) return 'for as long as it takes to read the whole table';
  return 'briefly, but it must first wait for every running transaction on the table, and everything queues behind it';
}
