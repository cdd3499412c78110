/** Property tests of the segmenter: any text, any stripped ranges and headings, the invariants hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/text/segment.js';
import { splitSentences } from '../../src/text/sentences.js';
import type { Span, StrippedRange } from '../../src/types.js';
import { article, brokenInvariant } from './article.js';

// Text biased towards the characters the segmenter looks at, plus any unicode.
const piece = fc.oneof(
  fc.constantFrom('. ', '.', '? ', '! ', '...', '…', '"', '”', '’', ')', '(', '—', '\n', '\n\n', '\r\n', ' ', '\u2029', '\u00a0',
    'U.S. ', 'Dr. ', 'Mr. ', 'etc. ', 'Nov. ', 'No. ', '2.3', 'J.D. ', 'a.m. ', 'The ', 'he ', 'Hamas ', '- ', '1. ', '。', '؟ '),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const textArb = fc.array(piece, { maxLength: 60 }).map((a) => a.join(''));

function rangesArb(n: number): fc.Arbitrary<Span[]> {
  return fc.array(fc.tuple(fc.integer({ min: -3, max: n + 3 }), fc.integer({ min: -3, max: n + 3 })), { maxLength: 4 })
    .map((pairs) => pairs.map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })));
}

/** The cleaner's contract: stripped ranges and headings inside the text, ordered, not overlapping. */
function clean(spans: Span[], n: number): Span[] {
  const out: Span[] = [];
  for (const s of spans.map((x) => ({ start: Math.max(0, x.start), end: Math.min(n, x.end) })).filter((x) => x.end > x.start).sort((a, b) => a.start - b.start)) {
    if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  }
  return out;
}

describe('segmenter properties', () => {
  it('never throws; sentences equal their slices, trimmed, ordered, inside the text', () => {
    fc.assert(fc.property(textArb, (text) => {
      const seg = segment(article(text));
      expect(brokenInvariant(seg)).toBeNull();
    }), { numRuns: 400 });
  });

  it('never crosses stripped ranges or headings, whatever they are', () => {
    fc.assert(fc.property(textArb.chain((t) => fc.tuple(fc.constant(t), rangesArb(t.length), rangesArb(t.length))), ([text, s, h]) => {
      const stripped: StrippedRange[] = clean(s, text.length).map((r) => ({ ...r, reason: 'junk/test' }));
      const headings = clean(h, text.length).filter((x) => !stripped.some((r) => x.start < r.end && r.start < x.end));
      const seg = segment(article(text, { stripped, headings }));
      expect(brokenInvariant(seg)).toBeNull();
    }), { numRuns: 400 });
  });

  it('keeps every letter of kept text in some sentence', () => {
    fc.assert(fc.property(textArb, (text) => {
      const seg = segment(article(text));
      const covered = new Uint8Array(text.length);
      for (const s of seg.sentences) covered.fill(1, s.start, s.end);
      for (let i = 0; i < text.length; i++) if (/\p{L}/u.test(text[i]!)) expect(covered[i]).toBe(1);
    }), { numRuns: 300 });
  });

  it('splitSentences stays inside any range of any text', () => {
    fc.assert(fc.property(textArb, fc.nat(), fc.nat(), (text, a, b) => {
      const s = Math.min(a, b) % (text.length + 1), e = Math.max(a, b) % (text.length + 1);
      const lo = Math.min(s, e), hi = Math.max(s, e);
      let prev = lo;
      for (const sp of splitSentences(text, lo, hi)) {
        expect(sp.start).toBeGreaterThanOrEqual(prev);
        expect(sp.end).toBeLessThanOrEqual(hi);
        expect(sp.end).toBeGreaterThan(sp.start);
        prev = sp.end;
      }
    }), { numRuns: 300 });
  });
});
