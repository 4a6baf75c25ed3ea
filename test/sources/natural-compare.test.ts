import { existsSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/sources/natural-compare.js';

// The order migrations replay in must stay ICU's: naturalCompare must agree with the collator.
const icu = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
const agree = (a: string, b: string) => expect([a, b, naturalCompare(a, b)]).toEqual([a, b, Math.sign(icu.compare(a, b))]);

describe('naturalCompare', () => {
  it('orders versions by number; case decides only between otherwise equal names, lower case first', () => {
    expect(['V10__b.sql', 'V2__a.sql', 'V1_1__c.sql', 'v2__A.sql'].sort(naturalCompare)).toEqual(['V1_1__c.sql', 'v2__A.sql', 'V2__a.sql', 'V10__b.sql']);
    expect(naturalCompare('001_x.sql', '1_x.sql')).toBe(0);
  });

  it('agrees with Intl.Collator on every pair of printable ASCII characters', () => {
    const chars = Array.from({ length: 0x7f - 0x20 }, (_, k) => String.fromCharCode(0x20 + k));
    for (const a of chars) for (const b of chars) agree(a, b);
  });

  it('agrees with Intl.Collator on random migration-like names', () => {
    // Deterministic pseudo-random strings over digits, case, and the punctuation names use.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = '0123456789aAbBzZ_-. V';
    const word = () => Array.from({ length: 1 + rand(8) }, () => alphabet[rand(alphabet.length)]).join('');
    for (let k = 0; k < 20000; k++) agree(word(), word());
  });

  it('agrees with Intl.Collator on names sharing a prefix, also one that ends inside a number', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = '0123456789aAbB_-./';
    const word = () => Array.from({ length: rand(7) }, () => alphabet[rand(alphabet.length)]).join('');
    for (let k = 0; k < 20000; k++) {
      const prefix = word();
      agree(prefix + word(), prefix + word());
    }
    for (const [a, b] of [['m/V1__a', 'm/V10__a'], ['m/V19__a', 'm/V1__a'], ['m/001_a', 'm/01_b'], ['m/20200810161022000003_x', 'm/20200810161022000012_x'], ['d/x', 'd/x']]) agree(a, b);
  });

  it('agrees with Intl.Collator beyond ASCII (it defers to it)', () => {
    for (const [a, b] of [['é_1.sql', 'e_2.sql'], ['a\tb', 'ab'], ['Ωmega', 'omega']]) agree(a, b);
  });

  const corpus = path.join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
  it.skipIf(!existsSync(corpus))('sorts the corpus file names exactly as Intl.Collator does (skipped without ../shared/corpus)', () => {
    const names = globSync(['**/*'], { cwd: corpus }).flatMap((f) => f.split('/'));
    const unique = [...new Set(names)];
    expect(unique.length).toBeGreaterThan(1000);
    expect([...unique].sort(naturalCompare)).toEqual([...unique].sort(icu.compare));
    // Whole paths too: the order discoverFiles returns.
    const paths = globSync(['**/*.sql'], { cwd: corpus });
    expect([...paths].sort(naturalCompare)).toEqual([...paths].sort(icu.compare));
  });
});
