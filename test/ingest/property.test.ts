/** Property-based tests: the cleaner and the readers never crash and always give valid ranges. */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/ingest/clean.js';
import { parseFeed } from '../../src/ingest/feed.js';
import { extractHtml } from '../../src/ingest/html.js';
import { readSources } from '../../src/ingest/index.js';
import type { Span } from '../../src/types.js';
import { tempDir } from '../helpers.js';

function validRanges(list: Span[], length: number): void {
  list.forEach((r, i) => {
    expect(r.start).toBeGreaterThanOrEqual(i ? list[i - 1]!.end : 0);
    expect(r.end).toBeGreaterThan(r.start);
    expect(r.end).toBeLessThanOrEqual(length);
  });
}

/** Lines built from pieces that exercise the rules: junk cues, headings, other scripts, odd spaces. */
const piece = fc.constantFrom(
  'Leave a Comment', 'Subscribe to our newsletter', 'Share this article', '© 2031 Example', 'By Jane Doe',
  'Envoy Returns to Cairo', '**Bold Heading**', '## Markdown Heading', 'اشترك في النشرة', 'Привет мир', '中文新闻',
  'The talks resumed on Monday.', '\uFEFF', '\r', '\t', '  ', '—', 'ⓒ', 'Read more: World', '   \n',
);
const line = fc.array(fc.oneof(piece, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: 5 }).map((p) => p.join(' '));
const text = fc.array(line, { maxLength: 25 }).map((ls) => ls.join('\n'));

describe('cleaner properties', () => {
  it('never throws; stripped and heading ranges are ordered, non-overlapping, inside the text and apart', () => {
    fc.assert(fc.property(text, fc.option(fc.string({ maxLength: 30 })), (t, title) => {
      const c = clean(t, { title });
      validRanges(c.stripped, t.length);
      validRanges(c.headings, t.length);
      for (const h of c.headings) expect(c.stripped.some((s) => h.start < s.end && s.start < h.end)).toBe(false);
      for (const s of c.stripped) if (s.reason !== 'junk/bom') expect(t.slice(s.start, s.end).trim().length).toBeGreaterThan(0);
      if (title === null && c.title !== null) expect(t).toContain(c.title);
    }), { numRuns: 400 });
  });

  it('ignores heading hints that fall outside the text or overlap', () => {
    fc.assert(fc.property(text, fc.array(fc.record({ start: fc.integer({ min: -5, max: 400 }), end: fc.integer({ min: -5, max: 400 }) }), { maxLength: 6 }), (t, hints) => {
      const c = clean(t, { title: null, headings: hints });
      validRanges(c.headings, t.length);
    }), { numRuns: 200 });
  });
});

const tag = fc.constantFrom('div', 'p', 'h1', 'h2', 'span', 'script', 'style', 'iframe', 'article', 'li', 'br', 'pre', 'table', 'td', 'b', 'svg', 'noscript', 'title', 'head', 'body', 'html');
const htmlPiece = fc.oneof(
  tag.map((t) => `<${t}>`), tag.map((t) => `</${t}>`), fc.string({ maxLength: 15 }),
  fc.constantFrom('&amp;', '&#x1F600;', '&#0;', '&bogus;', '<!-- c -->', '<![CDATA[x]]>', '<meta property="og:title" content="T">', '<a href="javascript:x">', '"', "'", '<', '>', '<script>SCRIPTMARK</script>'),
);
const html = fc.array(htmlPiece, { maxLength: 60 }).map((p) => p.join(''));
/** Markup without stray '<' (which can open bogus comments and turn a script into text). */
const wellFormed = fc.array(fc.oneof(tag.filter((t) => !['title', 'script', 'style', 'noscript', 'iframe', 'svg', 'pre'].includes(t)).map((t) => `<${t}>`), tag.map((t) => `</${t}>`), fc.string({ maxLength: 15 }).map((s) => s.replace(/[<&]/g, ' ')), fc.constantFrom('&amp;', '<!-- c -->', '<script>SCRIPTMARK</script>', '<style>SCRIPTMARK{}</style>', '<iframe>SCRIPTMARK</iframe>')), { maxLength: 60 }).map((p) => p.join(''));

describe('reader properties', () => {
  it('HTML extraction never leaks a script, style or iframe body', () => {
    fc.assert(fc.property(wellFormed, (h) => {
      const ex = extractHtml(h);
      expect(ex.text).not.toContain('SCRIPTMARK');
    }), { numRuns: 300 });
  });

  it('HTML extraction never throws and gives valid heading ranges', () => {
    fc.assert(fc.property(html, (h) => {
      const ex = extractHtml(h);
      validRanges(ex.headings, ex.text.length);
      const c = clean(ex.text, { title: ex.title, headings: ex.headings });
      validRanges(c.stripped, ex.text.length);
      validRanges(c.headings, ex.text.length);
    }), { numRuns: 300 });
  });

  it('feed parsing never throws on random XML-ish input', () => {
    const xml = fc.array(fc.oneof(htmlPiece, fc.constantFrom('<rss>', '</rss>', '<channel>', '<item>', '</item>', '<feed>', '<entry>', '<title>', '</title>', '<description>', '</description>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;')), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(fc.property(xml, (x) => {
      const f = parseFeed(x);
      if (f.ok) for (const it of f.items) expect(typeof it.content).toBe('string');
      else expect(f.reason.length).toBeGreaterThan(5);
    }), { numRuns: 300 });
  });

  it('readSources never throws on random bytes under any extension, and articles have valid ranges', async () => {
    const dir = tempDir();
    const exts = ['.txt', '.html', '.json', '.jsonl', '.xml', ''];
    await fc.assert(fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)), html.map((s) => new TextEncoder().encode(s))), fc.constantFrom(...exts), async (bytes, ext) => {
      const p = path.join(dir, `f${ext}`);
      fs.writeFileSync(p, bytes);
      let n = 0;
      for await (const it of readSources([p])) {
        n++;
        if (it.kind === 'article') {
          validRanges(it.article.stripped, it.article.text.length);
          validRanges(it.article.headings, it.article.text.length);
          expect(it.article.text.trim().length).toBeGreaterThan(0);
        } else {
          expect(it.reason).not.toContain('\n');
        }
      }
      expect(n).toBeGreaterThanOrEqual(1);
    }), { numRuns: 150 });
  });
});

describe('decoding properties', () => {
  it('mixed UTF-8 / Windows-1252 decoding keeps the length and every valid character of a UTF-8 reading', async () => {
    const { decodeUtf8WithFallback } = await import('../../src/ingest/decode.js');
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xc3, 0xa9, 0xe2, 0x80, 0x94, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0xf4, 0x90, 0xc0)), { maxLength: 64 }).map((a) => Uint8Array.from(a));
    fc.assert(fc.property(bytes, (b) => {
      const ref = Buffer.from(b).toString('utf8');
      const { text } = decodeUtf8WithFallback(b);
      expect(text.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++) if (ref[i] !== '\uFFFD') expect(text[i]).toBe(ref[i]);
    }), { numRuns: 2000 });
  });
});
