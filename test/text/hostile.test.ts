/** Hostile inputs for the segmenter and the time resolver: huge, degenerate or binary text stays linear and well formed. */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/text/segment.js';
import { findTimes } from '../../src/annotate/time.js';
import { article, brokenInvariant } from './article.js';

const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
};

describe('hostile inputs', () => {
  it.each([
    ['many short lines without stops', 'Line without end\n'.repeat(20000)],
    ['one run-on sentence', 'the talks went on and on with 3 hostages, '.repeat(10000)],
    ['periods and spaces only', '. '.repeat(100000)],
    ['one dotted token', 'a.'.repeat(100000) + ' end.'],
    ['abbreviations only', 'U.S. '.repeat(50000)],
    ['lone surrogates and NULs', '\u0000\uffff\ud800 \udc00.'.repeat(20000)],
    ['blank lines only', '\n \r\n\t\u2029'.repeat(20000)],
  ])('%s: well formed, in linear time', (_name, text) => {
    const [seg, ms] = timed(() => segment(article(text, { published: '2024-01-17' })));
    expect(brokenInvariant(seg)).toBeNull();
    // Well under a second on a loaded 2-core machine; the quadratic versions took tens of seconds.
    expect(ms).toBeLessThan(3000);
    const [times, ms2] = timed(() => findTimes(seg));
    expect(ms2).toBeLessThan(3000);
    for (const t of times) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('resolves a run-on sentence full of dates without going quadratic', () => {
    const text = 'the talks on Tuesday and 15.01.2025 with 3 hostages, '.repeat(4000);
    const [times, ms] = timed(() => findTimes(segment(article(text, { published: '2024-01-17' }))));
    expect(times.length).toBeGreaterThanOrEqual(7900);
    expect(times.filter((t) => t.text === '15.01.2025').every((t) => t.date === '2025-01-15')).toBe(true);
    expect(ms).toBeLessThan(8000);
  });
});
