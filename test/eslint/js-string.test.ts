import { describe, expect, it } from 'vitest';
import { decodeLiteral, placeholderFor, sourceRange } from '../../src/eslint/js-string.js';

describe('decodeLiteral', () => {
  it('decodes escapes and maps every character back to its source span', () => {
    const src = `'a\\u00e9\\x41\\n\\\nb'`; // 'a\u00e9\x41\n\<newline>b'
    const d = decodeLiteral(src, 1, src.length - 1);
    expect(d.text).toBe('aéA\nb');
    expect(sourceRange(d, 1, 2)).toEqual([2, 8]); // é came from \u00e9
    expect(sourceRange(d, 2, 3)).toEqual([8, 12]); // A from \x41
    expect(sourceRange(d, 4, 5)).toEqual([16, 17]); // b, after the line continuation
    expect(sourceRange(d, 0, 5)).toEqual([1, 17]);
  });

  it('replaces substitutions with their placeholder and maps it to the whole ${...}', () => {
    const src = '`ALTER TABLE ${t} ADD x int`';
    const open = src.indexOf('${');
    const d = decodeLiteral(src, 1, src.length - 1, [{ start: open, end: open + 4, placeholder: placeholderFor('t', 'postgres') }]);
    expect(d.text).toBe('ALTER TABLE "${t}" ADD x int');
    expect(d.placeholders).toEqual([[12, 18]]);
    expect(sourceRange(d, 12, 18)).toEqual([open, open + 4]);
    expect(sourceRange(d, 19, 22)).toEqual([open + 5, open + 8]); // ADD
  });

  it('uses backticks for MySQL placeholders', () => {
    expect(placeholderFor('tableName', 'mysql')).toBe('`${tableName}`');
  });
});
