/**
 * The SQL inside a JavaScript string or template literal, with a map back to the source: every
 * SQL character knows the source offsets it came from, so a finding lands on the exact span in
 * the literal even across escapes (`\n`, `\'`, `\u00e9`) and `${...}` substitutions.
 */
export interface EmbeddedText {
  text: string;
  /** Source offset where SQL character i starts; one extra entry for the end of the text. */
  starts: number[];
  /** Source offset where SQL character i ends (exclusive). */
  ends: number[];
  /** Ranges of the text that stand for `${...}` substitutions. */
  placeholders: Array<[number, number]>;
}

export interface Substitution {
  /** Source range of the whole `${ ... }`, delimiters included. */
  start: number;
  end: number;
  /** What stands in for it in the SQL: a neutral identifier-like placeholder. */
  placeholder: string;
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * Decodes the body of a literal: `source` is the file text, `[start, end)` the characters between
 * the quotes (or backticks). Substitutions (template literals) must be sorted and inside the range.
 */
export function decodeLiteral(source: string, start: number, end: number, substitutions: Substitution[] = []): EmbeddedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const placeholders: Array<[number, number]> = [];
  const emit = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k++) {
      starts.push(from);
      ends.push(to);
    }
    text += s;
  };
  let sub = 0;
  let i = start;
  while (i < end) {
    const next = substitutions[sub];
    if (next && i === next.start) {
      placeholders.push([text.length, text.length + next.placeholder.length]);
      emit(next.placeholder, next.start, next.end);
      i = next.end;
      sub++;
      continue;
    }
    const ch = source[i];
    if (ch !== '\\') {
      emit(ch, i, i + 1);
      i++;
      continue;
    }
    const e = source[i + 1];
    if (e === '\r' && source[i + 2] === '\n') {
      i += 3; // line continuation: nothing in the value
    } else if (e === '\n' || e === '\r' || e === '\u2028' || e === '\u2029') {
      i += 2;
    } else if (e === 'x') {
      emit(String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16)), i, i + 4);
      i += 4;
    } else if (e === 'u' && source[i + 2] === '{') {
      const close = source.indexOf('}', i + 3);
      emit(String.fromCodePoint(parseInt(source.slice(i + 3, close), 16)), i, close + 1);
      i = close + 1;
    } else if (e === 'u') {
      emit(String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16)), i, i + 6);
      i += 6;
    } else {
      emit(simpleEscapes[e] ?? e, i, i + 2);
      i += 2;
    }
  }
  starts.push(end);
  return { text, starts, ends, placeholders };
}

/** Maps a range of the decoded text back to source offsets. */
export function sourceRange(embedded: EmbeddedText, start: number, end: number): [number, number] {
  const n = embedded.text.length;
  const s = Math.max(0, Math.min(start, n));
  const e = Math.max(s, Math.min(end, n));
  const from = embedded.starts[s];
  const to = e > s ? embedded.ends[e - 1] : from;
  return [from, to];
}

/** A placeholder for `${expr}`: a quoted identifier naming the expression, valid wherever a name or value is. */
export function placeholderFor(expressionSource: string, engine: string): string {
  const name = expressionSource.replace(/["`\s]+/g, ' ').trim().slice(0, 40) || 'expr';
  return engine === 'postgres' ? `"\${${name}}"` : `\`\${${name}}\``;
}
