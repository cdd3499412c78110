/** normalizedHash: what counts as the same text, and storable(): same length, storable in PostgreSQL. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizedHash, normalizeForHash, storable } from '../../src/store/hash.js';

describe('normalizedHash', () => {
  it('ignores whitespace runs, line endings, width forms and invisible characters', () => {
    const h = normalizedHash('Talks resume in Cairo.\nNo deal yet.');
    expect(normalizedHash('  Talks  resume\u00A0in Cairo.\r\n\r\nNo deal yet.\n')).toBe(h);
    expect(normalizedHash('\uFEFFTalks re\u200Bsume in Ｃａｉｒｏ.\tNo deal yet.')).toBe(h);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps case, punctuation and words apart', () => {
    const h = normalizedHash('Talks resume in Cairo.');
    expect(normalizedHash('talks resume in cairo.')).not.toBe(h);
    expect(normalizedHash('Talks resume in Cairo!')).not.toBe(h);
    expect(normalizedHash('Talks resumed in Cairo.')).not.toBe(h);
  });

  it('is unchanged by any extra whitespace between words (property)', () => {
    const word = fc.string({ minLength: 1, maxLength: 8 }).filter((w) => !/\s/u.test(w) && w === w.normalize('NFKC') && w === normalizeForHash(w));
    const gap = fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u00A0', '\u2028', ' \n\n ');
    fc.assert(fc.property(fc.array(fc.tuple(word, gap), { minLength: 1 }), (parts) => {
      const plain = parts.map(([w]) => w).join(' ');
      const spaced = parts.map(([w, g]) => w + g).join('');
      return normalizedHash(plain) === normalizedHash(spaced);
    }));
  });
});

describe('storable', () => {
  it('replaces NUL and lone surrogates one for one, keeps pairs', () => {
    expect(storable('a\u0000b')).toBe('a\uFFFDb');
    expect(storable('x\uD83Dy\uDE00z😀')).toBe('x\uFFFDy\uFFFDz😀');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => storable(s).length === s.length && !/\u0000/.test(storable(s))));
  });
});
