/** Property tests of the time resolver: any text, any publication date; output always well formed and in place. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clauseTense, findTimes, refOf } from '../../src/annotate/time.js';
import { segment } from '../../src/text/segment.js';
import { article } from '../text/article.js';
import { wellFormed } from './well-formed.js';

const piece = fc.oneof(
  fc.constantFrom('on Tuesday', 'last Friday', 'next Monday', 'Sunday', 'yesterday', 'two days ago', 'a week ago', 'next week',
    'earlier this month', 'March 4', '4 March 2025', 'Nov. 22', 'in 2023', 'mid-2024', '15.01.2025', '10 a.m.', 'the next day',
    'in recent days', 'will', 'said', 'was', 'to be released', ' ', '. ', ', ', '\n', '\n\n', 'The ', 'Hamas ', '31/02/2024', 'Feb. 30',
    'February 29', 'weekend', 'this week', 'for six weeks', 'the past four days'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const textArb = fc.array(piece, { maxLength: 30 }).map((a) => a.join(' '));
const dateArb = fc.oneof(
  fc.constant(null),
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.string({ maxLength: 12 }),
);

describe('time resolver properties', () => {
  it('never throws; every expression is its slice, inside a kept sentence, well formed', () => {
    fc.assert(fc.property(textArb, dateArb, (text, published) => {
      const seg = segment(article(text, { published }));
      let prev = 0;
      for (const t of findTimes(seg)) {
        expect(wellFormed(text, t)).toBeNull();
        expect(seg.sentences.some((s) => t.start >= s.start && t.end <= s.end)).toBe(true);
        expect(t.start).toBeGreaterThanOrEqual(prev);
        prev = t.end;
        if (!refOf(published) && t.date) expect(t.text).toMatch(/\d{4}/);
      }
    }), { numRuns: 300 });
  });

  it('resolves a bare weekday in a past clause to the last seven days, in a future clause to the next seven', () => {
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 6 }), (d, w) => {
      const published = d.toISOString().slice(0, 10);
      const ref = Date.parse(published + 'T00:00:00Z') / 86_400_000;
      for (const [sentence, lo, hi] of [[`Officials said on ${days[w]} that talks failed.`, -6, 0], [`The delegations will meet on ${days[w]}.`, 0, 6]] as const) {
        const [t] = findTimes(segment(article(sentence, { published })));
        const n = Date.parse(t!.date! + 'T00:00:00Z') / 86_400_000;
        expect(n - ref).toBeGreaterThanOrEqual(lo);
        expect(n - ref).toBeLessThanOrEqual(hi);
        expect(new Date(t!.date! + 'T00:00:00Z').getUTCDay()).toBe(w);
      }
    }), { numRuns: 200 });
  });

  it('clauseTense never throws on any text and position', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.nat(), fc.nat(), (s, a, b) => {
      const lo = Math.min(a, b) % (s.length + 1), hi = Math.max(a, b) % (s.length + 1);
      expect(['future', 'past', 'unknown']).toContain(clauseTense(s, Math.min(lo, hi), Math.max(lo, hi)));
    }), { numRuns: 300 });
  });
});
