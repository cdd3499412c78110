/** The HTML reader: readable text, headings, metadata, and hostile markup. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractHtml, markupShape } from '../../src/ingest/html.js';
import { readSources } from '../../src/ingest/index.js';
import type { IngestItem } from '../../src/ingest/types.js';
import { ROOT, tempDir } from '../helpers.js';

const FIX = path.join(ROOT, 'test/fixtures/ingest');

async function all(inputs: string[], opts = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readSources(inputs, opts)) out.push(it);
  return out;
}

describe('html reader', () => {
  it('extracts readable text, headline first, headings, and metadata from a full page', async () => {
    const [item] = await all([path.join(FIX, 'article.html')]);
    expect(item!.kind).toBe('article');
    if (item!.kind !== 'article') return;
    const a = item.article;
    expect(item.notes ?? []).toEqual([]); // the readability path, no fallback
    expect(a.id).toBe('article');
    expect(a.source.kind).toBe('html');
    expect(a.title).toBe('Harbour Talks Resume After Week-Long Pause');
    expect(a.outlet).toBe('The Lakeside Courier');
    expect(a.url).toBe('https://courier.example/news/harbour-talks-resume');
    expect(a.published).toBe('2031-04-09');
    expect(a.language).toBe('en');
    const ls = a.text.split('\n');
    expect(ls[0]).toBe(a.title);
    expect(ls).toContain('Envoy Returns to the Table');
    expect(a.text).toContain('revised offer covering 40 licences');
    expect(a.headings.map((h) => a.text.slice(h.start, h.end))).toEqual(['Harbour Talks Resume After Week-Long Pause', 'Envoy Returns to the Table']);
    // Never scripts, styles, iframes or navigation in the text.
    for (const marker of ['secretScriptMarker', 'secret-style-marker', 'inline script marker', 'IFRAMEMARKER', 'NAVMARKER', 'document.write', 'color: red']) {
      expect(a.text).not.toContain(marker);
    }
    // Site junk inside the article is kept but stripped.
    expect(a.stripped.map((r) => [a.text.slice(r.start, r.end), r.reason])).toEqual([['Share this article', 'junk/share']]);
  });

  it('lets a NAME.meta.json sidecar override the page metadata', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(FIX, 'article.html'), path.join(dir, 'page.html'));
    fs.writeFileSync(path.join(dir, 'page.meta.json'), JSON.stringify({ title: 'Sidecar Title Wins', outlet: 'Sidecar Outlet', published: '2031-05-01' }));
    const items = await all([dir]);
    expect(items.map((i) => i.kind)).toEqual(['article', 'skipped']);
    if (items[0]!.kind !== 'article') return;
    const a = items[0]!.article;
    expect([a.title, a.outlet, a.published, a.url]).toEqual(['Sidecar Title Wins', 'Sidecar Outlet', '2031-05-01', 'https://courier.example/news/harbour-talks-resume']);
    expect(a.text.split('\n')[0]).toBe('Sidecar Title Wins');
    expect(a.headings.map((h) => a.text.slice(h.start, h.end))[0]).toBe('Sidecar Title Wins');
  });

  it('reads <title> when there is no og or JSON-LD title, and meta name=date', () => {
    const ex = extractHtml('<html lang="fr"><head><title>Une Page</title><meta name="date" content="2030-01-02"></head><body><p>Le texte de la page, assez long pour compter.</p></body></html>');
    expect(ex.title).toBe('Une Page');
    expect(ex.language).toBe('fr');
    expect(ex.published).toBe('2030-01-02');
    expect(ex.text.split('\n')).toEqual(['Une Page', 'Le texte de la page, assez long pour compter.']);
    const de = extractHtml('<html><head><meta http-equiv="Content-Language" content="de-AT"></head><body><p>Ein kurzer Text.</p></body></html>');
    expect([de.language, de.title, de.text]).toEqual(['de', null, 'Ein kurzer Text.']);
  });

  it('survives 50k nested divs without a stack overflow, falling back to flat text', async () => {
    const dir = tempDir();
    const deep = `<html><head><title>Deep Page</title></head><body>${'<div>'.repeat(50_000)}Deeply buried sentence here.${'</div>'.repeat(50_000)}<script>evil()</script></body></html>`;
    fs.writeFileSync(path.join(dir, 'deep.html'), deep);
    const t = Date.now();
    const [item] = await all([path.join(dir, 'deep.html')]);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(item!.kind).toBe('article');
    if (item!.kind !== 'article') return;
    expect(item.article.text).toBe('Deep Page\nDeeply buried sentence here.');
    expect(item.notes?.join(' ')).toMatch(/too deep/);
    expect(markupShape(deep).depth).toBe(50_002); // html, body, 50k divs
  });

  it('stays linear on tag soup: many < without >, unclosed comments and doctypes', () => {
    for (const soup of ['<a '.repeat(300_000), '<!x'.repeat(300_000), `<p>ok</p>${'<!--'.repeat(100_000)}`, '<a<b<c'.repeat(100_000) + '>', '<?'.repeat(300_000)]) {
      const t = Date.now();
      const ex = extractHtml(soup);
      expect(Date.now() - t).toBeLessThan(8000); // quadratic would take minutes
      expect(typeof ex.text).toBe('string');
    }
  });

  it('unclosed nesting (no closing tags) is guarded too', () => {
    const ex = extractHtml(`<body>${'<span><div>'.repeat(20_000)}text at the bottom`);
    expect(ex.text).toBe('text at the bottom');
  });

  it('a page with only scripts and styles yields no article', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'scripts.html'), '<html><head><style>a{}</style></head><body><script>var a = "x";</script><iframe src="x"></iframe><noscript>enable js</noscript></body></html>');
    const [item] = await all([path.join(dir, 'scripts.html')]);
    expect(item!.kind).toBe('rejected');
    if (item!.kind === 'rejected') expect(item.reason).toMatch(/no text/);
  });

  it('decodes a page that declares windows-1252 and is not UTF-8', async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"><title>Caf'), Buffer.from([0xe9]), Buffer.from(' Talks</title></head><body><p>The caf'), Buffer.from([0xe9, 0x20, 0x93]), Buffer.from('deal'), Buffer.from([0x94]), Buffer.from(' was signed.</p></body></html>')]);
    fs.writeFileSync(path.join(dir, 'legacy.html'), bytes);
    const [item] = await all([path.join(dir, 'legacy.html')]);
    expect(item!.kind).toBe('article');
    if (item!.kind !== 'article') return;
    expect(item.article.title).toBe('Café Talks');
    expect(item.article.text).toContain('The café “deal” was signed.');
    expect(item.notes?.join(' ')).toMatch(/not valid UTF-8; decoded as windows-1252/);
  });
});
