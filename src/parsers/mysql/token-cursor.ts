import type { QualifiedName } from '../../core/operations.js';
import type { Range } from '../../core/types.js';
import type { Token } from './split.js';

/** A read position over one statement's tokens, with the small lookahead helpers the classifier needs. */
export class TokenCursor {
  pos = 0;
  constructor(readonly tokens: readonly Token[], readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  /** Upper-case word at k, or undefined for anything else. */
  word(k = 0): string | undefined {
    const t = this.peek(k);
    return t?.type === 'word' ? t.value : undefined;
  }

  is(...words: string[]): boolean {
    return words.every((w, k) => this.word(k) === w);
  }

  isPunct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.type === 'punct' && t.value === p;
  }

  /** Consumes the words when they all match, in order. */
  accept(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.pos += words.length;
    return true;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  next(): Token | undefined {
    return this.tokens[this.pos++];
  }

  /** An identifier: backticked, double-quoted (ANSI_QUOTES) or a bare word. Names keep their case. */
  name(): string | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.type === 'ident' || t.type === 'word' || (t.type === 'string' && t.text.startsWith('"'))) {
      this.pos++;
      return t.type === 'word' ? t.text : t.value;
    }
    return undefined;
  }

  /** `db.table` or `table`. */
  qualifiedName(): QualifiedName | undefined {
    const first = this.name();
    if (first === undefined) return undefined;
    if (this.isPunct('.') && this.peek(1) && this.peek(1)!.type !== 'punct') {
      this.pos++;
      const second = this.name()!;
      return { schema: first, name: second };
    }
    return { name: first };
  }

  /** Skips a balanced `( ... )` group starting here; returns its inner tokens. */
  group(): Token[] {
    if (!this.isPunct('(')) return [];
    const start = this.pos + 1;
    let depth = 0;
    while (!this.done) {
      const t = this.next()!;
      if (t.type === 'punct' && t.value === '(') depth++;
      else if (t.type === 'punct' && t.value === ')' && --depth === 0) return this.tokens.slice(start, this.pos - 1);
    }
    return this.tokens.slice(start);
  }

  /** The source text of tokens[from, to). */
  textOf(from: number, to: number): string {
    if (to <= from) return '';
    return this.text.slice(this.tokens[from].start, this.tokens[to - 1].end);
  }

  rangeOf(from: number, to: number): Range | undefined {
    if (to <= from || !this.tokens[from]) return undefined;
    return { start: this.tokens[from].start, end: this.tokens[Math.min(to, this.tokens.length) - 1].end };
  }
}

/** Splits tokens on commas outside parentheses (ALTER TABLE specifications, column lists). */
export function splitOnCommas(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
      else if (t.value === ',' && depth === 0) {
        out.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Column names of an index or key part list: `(a, b(10) DESC, (expr))`. */
export function columnNames(inner: readonly Token[]): string[] {
  return splitOnCommas(inner)
    .map((part) => part[0])
    .filter((t): t is Token => !!t && (t.type === 'ident' || t.type === 'word'))
    .map((t) => (t.type === 'word' ? t.text : t.value));
}
