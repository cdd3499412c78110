/**
 * Tests for the demo corpus in examples/: every file is well-formed (sidecars, the HTML page, the
 * RSS feed), no sentence of the shared corpus was copied into it, and the answer key in
 * examples/README.md agrees with the files it describes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { CORPUS, ROOT } from '../helpers.js';

const EXAMPLES = path.join(ROOT, 'examples');
const ARTICLES = path.join(EXAMPLES, 'articles');
const PAGES = path.join(EXAMPLES, 'pages');
const FEEDS = path.join(EXAMPLES, 'feeds');
const NAME = /^\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const read = (p: string) => fs.readFileSync(p, 'utf8');
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const squash = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();
const filesIn = (dir: string, ext: string) => fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort();

/** Text of an HTML fragment or page, paragraphs separated by blank lines. */
function htmlText(html: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const ps = [...document.querySelectorAll('p')].map((p) => p.textContent!.trim());
  return ps.length ? ps.join('\n\n') : document.body.textContent!.trim();
}

const published = (iso: string) => iso.slice(0, 10);

interface Doc { text: string; published: string }

/** Every document in examples/, by the name the README key uses. */
function loadDocs(): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const f of filesIn(ARTICLES, '.txt')) {
    const meta = JSON.parse(read(path.join(ARTICLES, f.replace(/\.txt$/, '.meta.json'))));
    docs.set(f.replace(/\.txt$/, ''), { text: read(path.join(ARTICLES, f)), published: meta.published });
  }
  for (const f of filesIn(PAGES, '.html')) {
    const { document } = parseHTML(read(path.join(PAGES, f)));
    const time = document.querySelector('meta[property="article:published_time"]')!.getAttribute('content')!;
    docs.set(f.replace(/\.html$/, ''), { text: htmlText(document.querySelector('article')!.innerHTML), published: published(time) });
  }
  for (const f of filesIn(FEEDS, '.xml')) {
    feedItems(read(path.join(FEEDS, f))).forEach((item, i) => {
      docs.set(`${f.replace(/\.xml$/, '')}#${i + 1}`, { text: htmlText(itemHtml(item)), published: new Date(item.pubDate).toISOString().slice(0, 10) });
    });
  }
  return docs;
}

type FeedItem = { title: string; link: string; pubDate: string; description?: string; 'content:encoded'?: string };
function feedItems(xml: string): FeedItem[] {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml);
  const items = parsed.rss.channel.item;
  return Array.isArray(items) ? items : [items];
}
const itemHtml = (item: FeedItem) => String(item['content:encoded'] ?? item.description ?? '');

/** The JSON block at the end of examples/README.md. */
function readKey(): any {
  const readme = read(path.join(EXAMPLES, 'README.md'));
  const m = readme.match(/```json\n([\s\S]*?)\n```/);
  if (!m) throw new Error('examples/README.md has no ```json key block');
  return JSON.parse(m[1]);
}

describe('examples/articles', () => {
  const txts = filesIn(ARTICLES, '.txt');

  it('holds 12 to 14 articles named NNN-slug', () => {
    expect(txts.length).toBeGreaterThanOrEqual(12);
    expect(txts.length).toBeLessThanOrEqual(14);
    for (const f of txts) expect(f.replace(/\.txt$/, '')).toMatch(NAME);
  });

  it('gives every article a valid sidecar, and every sidecar an article', () => {
    for (const f of txts) {
      const metaPath = path.join(ARTICLES, f.replace(/\.txt$/, '.meta.json'));
      expect(fs.existsSync(metaPath), `${f} has no sidecar`).toBe(true);
      const meta = JSON.parse(read(metaPath));
      expect(Object.keys(meta).sort(), f).toEqual(['outlet', 'published', 'title', 'url']);
      expect(typeof meta.title === 'string' && meta.title.length > 10, `${f} title`).toBe(true);
      expect(typeof meta.outlet === 'string' && meta.outlet.length > 2, `${f} outlet`).toBe(true);
      const url = new URL(meta.url);
      expect(url.protocol, f).toBe('https:');
      expect(url.hostname, f).toMatch(/(^|\.)example\.(org|com)$/);
      expect(meta.published, f).toMatch(DAY);
      const d = new Date(`${meta.published}T00:00:00Z`);
      expect(d.toISOString().slice(0, 10), `${f} published is not a real day`).toBe(meta.published);
      expect(meta.published >= '2025-01-01' && meta.published <= '2025-03-31', f).toBe(true);
    }
    for (const m of filesIn(ARTICLES, '.meta.json')) {
      expect(fs.existsSync(path.join(ARTICLES, m.replace(/\.meta\.json$/, '.txt'))), `${m} has no article`).toBe(true);
    }
  });

  it('keeps every article between 150 and 400 words, in plain UTF-8 text', () => {
    for (const f of txts) {
      const text = read(path.join(ARTICLES, f));
      expect(words(text), f).toBeGreaterThanOrEqual(150);
      expect(words(text), f).toBeLessThanOrEqual(400);
      expect(text, f).not.toMatch(/<\/?(p|div|span|br)\b/i);
      expect(text.includes('\uFFFD'), f).toBe(false);
    }
  });

  it('spreads publication over several weeks and several outlets', () => {
    const metas = txts.map((f) => JSON.parse(read(path.join(ARTICLES, f.replace(/\.txt$/, '.meta.json')))));
    const days = metas.map((m) => m.published).sort();
    const span = (Date.parse(days.at(-1)) - Date.parse(days[0])) / 86_400_000;
    expect(span).toBeGreaterThanOrEqual(21);
    expect(new Set(metas.map((m) => m.outlet)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('examples/pages', () => {
  const pages = filesIn(PAGES, '.html');

  it('holds one realistic news page that linkedom parses', () => {
    expect(pages.length).toBe(1);
    for (const f of pages) {
      expect(f.replace(/\.html$/, '')).toMatch(NAME);
      const { document } = parseHTML(read(path.join(PAGES, f)));
      expect(document.querySelector('title')?.textContent?.trim()).toBeTruthy();
      const og = (p: string) => document.querySelector(`meta[property="${p}"]`)?.getAttribute('content');
      expect(og('og:title')).toBeTruthy();
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
      expect(canonical).toMatch(/^https:\/\/[^/]*example\.(org|com)\//);
      expect(og('og:url')).toBe(canonical);
      const time = og('article:published_time')!;
      expect(Number.isNaN(Date.parse(time))).toBe(false);
      const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!);
      expect(ld['@type']).toBe('NewsArticle');
      expect(ld.headline).toBe(og('og:title'));
      expect(published(ld.datePublished)).toBe(published(time));
      for (const sel of ['nav', 'style', 'script:not([type])', '.cookie-banner', '.share-bar', 'article', 'footer']) {
        expect(document.querySelector(sel), `${f} lacks ${sel}`).toBeTruthy();
      }
      const body = htmlText(document.querySelector('article')!.innerHTML);
      expect(words(body)).toBeGreaterThanOrEqual(150);
      expect(words(body)).toBeLessThanOrEqual(400);
    }
  });
});

describe('examples/feeds', () => {
  const feeds = filesIn(FEEDS, '.xml');

  it('holds one RSS 2.0 feed of 3 to 4 items that fast-xml-parser parses', () => {
    expect(feeds.length).toBe(1);
    for (const f of feeds) {
      expect(f.replace(/\.xml$/, '')).toMatch(NAME);
      const xml = read(path.join(FEEDS, f));
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml);
      expect(parsed.rss['@_version']).toBe('2.0');
      const items = feedItems(xml);
      expect(items.length).toBeGreaterThanOrEqual(3);
      expect(items.length).toBeLessThanOrEqual(4);
      for (const item of items) {
        expect(item.title).toBeTruthy();
        expect(new URL(item.link).hostname).toMatch(/(^|\.)example\.(org|com)$/);
        expect(Number.isNaN(Date.parse(item.pubDate)), item.title).toBe(false);
        const html = itemHtml(item);
        expect(html, item.title).toMatch(/<p>/);
        const text = htmlText(html);
        expect(words(text), item.title).toBeGreaterThanOrEqual(150);
        expect(words(text), item.title).toBeLessThanOrEqual(400);
      }
    }
  });
});

describe('examples/ against the shared corpus', () => {
  it('copies no sentence of 70 or more characters from ../shared/corpus', () => {
    const corpusTexts: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.txt')) corpusTexts.push(read(p));
      }
    };
    walk(CORPUS);
    expect(corpusTexts.length).toBeGreaterThan(10);
    const sentences = new Set<string>();
    for (const t of corpusTexts) {
      for (const s of t.split(/(?<=[.!?]["'\u201d\u2019]?)\s+|\n+/)) {
        const q = squash(s);
        if (q.length >= 70) sentences.add(q);
      }
    }
    expect(sentences.size).toBeGreaterThan(100);
    // Raw files and extracted texts both, so that HTML entities cannot hide a copied sentence.
    const ours = squash([
      ...[...loadDocs().values()].map((d) => d.text),
      ...[ARTICLES, PAGES, FEEDS].flatMap((dir) => fs.readdirSync(dir).map((f) => read(path.join(dir, f)))),
      read(path.join(EXAMPLES, 'README.md')),
    ].join('\n'));
    const copied = [...sentences].filter((s) => ours.includes(s));
    expect(copied).toEqual([]);

    // Lightly edited copies too: no run of ten words in common (names of office-holders with
    // their titles come to eight or nine).
    const tokens = (t: string) => t.toLowerCase().replace(/<[^>]+>/g, ' ').match(/[a-z0-9']+/g) ?? [];
    const RUN = 10;
    const runs = new Set<string>();
    for (const t of corpusTexts) {
      const w = tokens(t);
      for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
    }
    const w = tokens(ours);
    const shared: string[] = [];
    for (let i = 0; i + RUN <= w.length; i++) if (runs.has(w.slice(i, i + RUN).join(' '))) shared.push(w.slice(i, i + RUN).join(' '));
    expect(shared).toEqual([]);
  });
});

describe('the answer key in examples/README.md', () => {
  const docs = loadDocs();
  const key = readKey();
  const doc = (name: string): Doc => {
    const d = docs.get(name);
    if (!d) throw new Error(`the key names ${name}, which is not in examples/`);
    return d;
  };
  const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

  it('names only documents that exist, and the README mentions every file', () => {
    const readme = read(path.join(EXAMPLES, 'README.md'));
    for (const p of [...key.derived, ...key.sameEvent]) { doc(p.a); doc(p.b); if (p.source) doc(p.source); }
    for (const name of docs.keys()) expect(readme, name).toContain(name.replace(/#\d+$/, ''));
  });

  it('quotes in its prose only phrases that occur in the corpus', () => {
    const prose = squash(read(path.join(EXAMPLES, 'README.md')).split('## The key as JSON')[0]);
    const all = squash([...docs.values()].map((d) => d.text).join('\n'));
    const quotes = [...prose.matchAll(/"([^"]{3,})"/g)].map((m) => m[1]);
    expect(quotes.length).toBeGreaterThan(20);
    expect(quotes.filter((q) => !all.includes(q))).toEqual([]);
  });

  it('has republications that really repeat their source', () => {
    for (const p of key.derived.filter((x: any) => x.kind === 'duplicate')) {
      const src = paragraphs(doc(p.source).text).map(squash);
      const copy = squash(doc(p.source === p.a ? p.b : p.a).text);
      const kept = src.filter((para) => copy.includes(para));
      expect(kept.length, `${p.a} / ${p.b}`).toBeGreaterThanOrEqual(Math.ceil(src.length / 2));
    }
    // The near-exact republication keeps the start of its source and cuts its end.
    const wire = paragraphs(doc('003-witkoff-netanyahu-meeting').text);
    const repub = doc('005-envoy-presses-netanyahu-republished').text;
    for (const para of wire.slice(0, 6)) expect(repub).toContain(para);
    for (const para of wire.slice(6)) expect(repub).not.toContain(para);
    expect(paragraphs(repub)[0]).not.toBe(wire[0]);
  });

  it('has a rewrite and a translation that share facts but not sentences with their source', () => {
    for (const p of key.derived.filter((x: any) => x.kind === 'rewrite' || x.kind === 'translation')) {
      if (!p.source) continue;
      const src = paragraphs(doc(p.source).text).map(squash);
      const other = squash(doc(p.source === p.a ? p.b : p.a).text);
      expect(src.filter((para) => other.includes(para)), `${p.a} / ${p.b}`).toEqual([]);
      // Same facts in the same order: paragraph i of the copy shares names and numbers with
      // paragraph i of the source (independent reports of one event score about 0.1 here).
      const marks = (t: string) => new Set(t.replace(/,/g, '').match(/\b[A-Z][a-z]{3,}\b|\d+/g)?.map((w) => w.toLowerCase()));
      const theirs = paragraphs(doc(p.source === p.a ? p.b : p.a).text);
      const sims = src.slice(0, theirs.length).map((para, i) => {
        const x = marks(para), y = marks(theirs[i]);
        return [...x].filter((w) => y.has(w)).length / Math.max(1, new Set([...x, ...y]).size);
      }).sort((u, v) => u - v);
      expect(sims[Math.floor(sims.length / 2)], `${p.a} / ${p.b} do not follow each other`).toBeGreaterThanOrEqual(0.4);
    }
    expect(doc('009-deal-announced-translated').text).toContain('al-Hayyeh');
    expect(doc('008-deal-announced-doha').text).toContain('al-Hayya');
  });

  it('lists each change a copy made: present in the source, replaced in the copy', () => {
    for (const c of key.changes) {
      const copy = doc(c.doc).text;
      const source = key.derived.find((p: any) => (p.a === c.doc || p.b === c.doc) && p.source)!.source;
      expect(doc(source).text, c.from).toContain(c.from);
      expect(copy, c.from).not.toContain(c.from);
      expect(copy, c.to).toContain(c.to);
    }
  });

  it('quotes each contradiction from two independent documents', () => {
    expect(key.contradictions.length).toBeGreaterThanOrEqual(1);
    for (const c of key.contradictions) {
      expect(doc(c.a.doc).text).toContain(c.a.quote);
      expect(doc(c.b.doc).text).toContain(c.b.quote);
      const derived = key.derived.some((p: any) => [p.a, p.b].includes(c.a.doc) && [p.a, p.b].includes(c.b.doc));
      expect(derived, `${c.a.doc} / ${c.b.doc} are copies`).toBe(false);
      expect(doc(c.a.doc).published).toBe(doc(c.b.doc).published);
    }
  });

  it('resolves every relative date consistently with its document\'s published day', () => {
    const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
    const dayNo = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    const weekday = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay();
    const monday = (s: string) => dayNo(s) - ((weekday(s) + 6) % 7);
    expect(key.dates.length).toBeGreaterThanOrEqual(20);
    for (const e of key.dates) {
      const d = doc(e.doc);
      const where = `${e.doc}: "${e.text}" -> ${e.date}`;
      expect(d.text, where).toContain(e.text);
      const gap = dayNo(e.date) - dayNo(d.published);
      const lower = e.text.toLowerCase();
      const named = WEEKDAYS.findIndex((w) => lower.includes(w));
      if (e.grain === 'week') {
        expect(weekday(e.date), where).toBe(1);
        const weeks = (monday(e.date) - monday(d.published)) / 7;
        expect(weeks, where).toBe(lower.includes('next') ? 1 : lower.includes('last') ? -1 : 0);
      } else if (/(\w+) days? ago/.test(lower)) {
        expect(-gap, where).toBe(lower.startsWith('two') ? 2 : Number.NaN);
      } else if (named >= 0) {
        expect(weekday(e.date), where).toBe(named);
        expect(Math.abs(gap), where).toBeLessThan(7);
        if (lower.includes('last')) expect(gap, where).toBeLessThan(0);
      } else {
        throw new Error(`${where}: the test cannot check this kind of expression; add a rule`);
      }
    }
  });
});
