/** The segmenter on every article of the shared corpus: invariants, abbreviations, language, speed. */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/text/segment.js';
import type { Article, Span, StrippedRange } from '../../src/types.js';
import { brokenInvariant, corpusArticles, sentenceTexts } from './article.js';

const articles = corpusArticles();

/** Lines of the text, as spans without their line end. */
function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim()) out.push({ start: m.index, end: m.index + m[0].replace(/\s+$/, '').length });
    if (re.lastIndex === m.index) re.lastIndex++;
    if (re.lastIndex > text.length) break;
  }
  return out;
}

/** The article with every third line stripped and the short unpunctuated lines as headings (what a cleaner might do). */
function withCleaning(a: Article): Article {
  const lines = lineSpans(a.text);
  const stripped: StrippedRange[] = lines.filter((_, i) => i % 3 === 2).map((l) => ({ ...l, reason: 'junk/test' }));
  const headings = lines.filter((l, i) => i % 3 !== 2 && l.end - l.start < 70 && !/[.!?:"”]$/.test(a.text.slice(l.start, l.end)));
  // A stripped range cutting a line in two, too.
  const long = lines.find((l, i) => i % 3 === 0 && l.end - l.start > 120);
  if (long) stripped.push({ start: long.start + 40, end: long.start + 60, reason: 'junk/test' });
  stripped.sort((x, y) => x.start - y.start);
  return { ...a, stripped, headings };
}

describe('segment on the shared corpus', () => {
  it('reads every seed, dev and dev-links article', () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
  });

  it.each(articles.map((a) => [a.id, a] as const))('%s: sentences equal their slices, in order, inside paragraphs', (_id, a) => {
    const seg = segment(a);
    expect(brokenInvariant(seg)).toBeNull();
    expect(seg.sentences.length).toBeGreaterThan(0);
    // All kept text is covered: every letter of the text lies in some sentence.
    const covered = new Uint8Array(a.text.length);
    for (const s of seg.sentences) covered.fill(1, s.start, s.end);
    const lost = [...a.text].filter((ch, i) => /\p{L}/u.test(ch) && !covered[i]).length;
    expect(lost).toBe(0);
  });

  it.each(articles.map((a) => [a.id, a] as const))('%s: with stripped ranges and headings, none is crossed', (_id, a) => {
    const cleaned = withCleaning(a);
    const seg = segment(cleaned);
    expect(brokenInvariant(seg)).toBeNull();
    for (const h of cleaned.headings) {
      const inStripped = cleaned.stripped.some((r) => h.start < r.end && r.start < h.end);
      if (inStripped) continue;
      expect(seg.sentences.some((s) => s.heading && s.start === h.start && s.end === h.end)).toBe(true);
    }
  });

  it('never ends a sentence at a title or at U.S./U.N./U.K. before a capitalised name', () => {
    let checked = 0;
    for (const a of articles) {
      const seg = segment(a);
      const ends = new Set(seg.sentences.map((s) => s.end));
      const starters = /^(?:The|A|An|He|She|It|They|We|But|And|In|On|This|That|However|Meanwhile)\b/;
      for (const m of a.text.matchAll(/\b(?:U\.S\.|U\.N\.|U\.K\.|Dr\.|Mr\.|Mrs\.|Ms\.|Gen\.|Lt\.|Sen\.|Rep\.|Gov\.|Prof\.|St\.)(?=[ \u00a0]+(\p{Lu}\p{L}*))/gu)) {
        if (starters.test(m[1]!)) continue;
        checked++;
        expect(ends.has(m.index + m[0].length), `${a.id}: "${a.text.slice(m.index, m.index + 40)}"`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('never ends a sentence at a month abbreviation before a day or at a decimal', () => {
    for (const a of articles) {
      const ends = new Set(segment(a).sentences.map((s) => s.end));
      for (const m of a.text.matchAll(/\b(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.(?=\s+\d)|\d\.(?=\d)/g)) {
        expect(ends.has(m.index + m[0].length), `${a.id}: "${a.text.slice(m.index, m.index + 30)}"`).toBe(false);
      }
    }
  });

  it('ends sentences where a period, question or exclamation mark is followed by a capitalised sentence', () => {
    // "said. The", "it? We": the next sentence starts right there.
    for (const a of articles) {
      const seg = segment(a);
      const starts = new Set(seg.sentences.map((s) => s.start));
      for (const m of a.text.matchAll(/\b\p{Ll}{3,}[.?!]["”]? (The|He|She|They|It|We|But) /gu)) {
        const at = m.index + m[0].length - m[1]!.length - 1;
        expect(starts.has(at), `${a.id}: "${a.text.slice(m.index, m.index + 40)}"`).toBe(true);
      }
    }
  });

  it('identifies every corpus article as English and analysable', () => {
    for (const a of articles) {
      const seg = segment(a);
      expect(seg.language, a.id).toBe('en');
      expect(seg.analysable, a.id).toBe(true);
      expect(seg.messages.filter((m) => m.ruleId === 'text/not-english'), a.id).toEqual([]);
    }
  });

  it('marks the first line as a heading when it is the title', () => {
    const a = articles.find((x) => x.title === null && /^[^\n.]{10,120}\n/.test(x.text))!;
    const first = a.text.slice(0, a.text.indexOf('\n'));
    const seg = segment({ ...a, title: first });
    expect(seg.sentences[0]).toMatchObject({ start: 0, end: first.trimEnd().length, heading: true });
  });

  it('segments the whole corpus many times over in well under a second per megabyte', () => {
    const chars = articles.reduce((n, a) => n + a.text.length, 0);
    for (const a of articles) segment(a);
    const t0 = performance.now();
    const rounds = 5;
    for (let r = 0; r < rounds; r++) for (const a of articles) segment(a);
    const msPerMb = (performance.now() - t0) / ((chars * rounds) / 1e6);
    expect(msPerMb).toBeLessThan(1000);
  });
});

// Sentence counts are not asserted per article: a better segmenter may split differently. This guards against collapse.
describe('segment output shape', () => {
  it('gives several sentences per paragraph of running prose', () => {
    const total = articles.reduce((n, a) => n + sentenceTexts(segment(a)).length, 0);
    const paragraphs = articles.reduce((n, a) => n + segment(a).paragraphs.length, 0);
    expect(total).toBeGreaterThan(paragraphs);
  });
});

describe('segment after the real cleaner (src/ingest/clean.ts)', () => {
  it('keeps every invariant with the stripped ranges and headings the cleaner finds, and reads English', async () => {
    const { clean } = await import('../../src/ingest/clean.js');
    let headings = 0, stripped = 0;
    for (const a of articles) {
      const c = clean(a.text, { title: a.title });
      const seg = segment({ ...a, stripped: c.stripped, headings: c.headings });
      expect(brokenInvariant(seg), a.id).toBeNull();
      expect(seg.language, a.id).toBe('en');
      headings += c.headings.length;
      stripped += c.stripped.length;
      for (const h of c.headings) expect(seg.sentences.some((s) => s.heading && s.start >= h.start && s.end <= h.end), a.id).toBe(true);
    }
    // The corpus has both: without them this test would check nothing.
    expect(headings).toBeGreaterThan(0);
    expect(stripped).toBeGreaterThan(0);
  });
});
