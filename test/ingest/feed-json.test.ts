/** Feeds (RSS 2.0, Atom) and JSON / JSON Lines readers, including hostile XML. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/ingest/feed.js';
import { readSources } from '../../src/ingest/index.js';
import type { IngestItem, IngestOptions } from '../../src/ingest/types.js';
import type { Article } from '../../src/types.js';
import { ROOT, tempDir } from '../helpers.js';

const FIX = path.join(ROOT, 'test/fixtures/ingest');

async function all(inputs: string[], opts: IngestOptions = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readSources(inputs, opts)) out.push(it);
  return out;
}
const arts = (items: IngestItem[]): Article[] => items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));

describe('RSS and Atom feeds', () => {
  it('turns each RSS item into an article with its metadata and HTML content as text', async () => {
    const items = await all([path.join(FIX, 'rss.xml')]);
    const [a, b] = arts(items);
    expect(a).toMatchObject({
      id: 'water-board-farmers-deal', title: 'Water Board and Farmers Agree on Summer Allocation', outlet: 'Valley Wire & Partners',
      url: 'https://wire.example/2031/06/water-board-farmers-deal', published: '2031-06-03', language: 'en',
      source: { kind: 'feed', path: `${path.join(FIX, 'rss.xml')}#1` },
    });
    expect(a!.text.split('\n')).toEqual([
      'Water Board and Farmers Agree on Summer Allocation',
      "The regional water board and the farmers' union agreed on Monday to cap summer withdrawals at 70 percent of last year's level.",
      'What Comes Next',
      "A joint committee will review the figures in August, the union's spokesperson said.",
    ]);
    expect(a!.text).not.toContain('feedscriptmarker');
    expect(a!.headings.map((h) => a!.text.slice(h.start, h.end))).toEqual(['Water Board and Farmers Agree on Summer Allocation', 'What Comes Next']);
    // Entity-escaped HTML in <description>; the item's <source> is its outlet.
    expect(b).toMatchObject({ outlet: 'Metro Ledger', published: '2031-06-04' });
    expect(b!.text).toContain('broke off talks late on Wednesday');
    expect(b!.text).not.toContain('<p>');
    // The item without content is not fetched from a file feed unless asked.
    expect(items[2]).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/no content; its link .* fetched only when link fetching is on/) });
  });

  it('reads Atom entries: xhtml content, text summary, feed title as outlet, updated as date', async () => {
    const [a, b] = arts(await all([path.join(FIX, 'atom.xml')]));
    expect(a).toMatchObject({ id: 'quota-offer-tabled', title: 'Quota Offer Tabled', outlet: 'Harbour Notes', url: 'https://notes.example/quota-offer-tabled', published: '2031-04-10', language: 'en' });
    expect(a!.text).toBe('Quota Offer Tabled\nThe league tabled its revised quota offer on Thursday, proposing 40 licences instead of 55.\nThe port authority is expected to answer within two days.');
    expect(b).toMatchObject({ title: 'Mediator Sets Deadline', published: '2031-04-11', url: 'https://notes.example/mediator-sets-deadline' });
    expect(b!.text).toBe('Mediator Sets Deadline\nThe mediator gave both delegations until Sunday to accept a framework, or she would step aside.');
  });

  it('refuses a feed that declares DOCTYPE entities (billion laughs), fast and without expanding them', () => {
    const defs = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.replace('&lol0;', '&lol;').repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [${defs.join('')}]><rss version="2.0"><channel><title>&lol9;</title><item><title>Laughs &lol9;</title><description>Body &lol9; end</description></item></channel></rss>`;
    const t = Date.now();
    const feed = parseFeed(xml);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(feed).toEqual({ ok: false, reason: expect.stringMatching(/declares its own entities/) });
    // A DOCTYPE without entity declarations is still read.
    const plain = parseFeed('<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel><item><title>Plain</title><description>Body text</description></item></channel></rss>');
    expect(plain.ok).toBe(true);
  });

  it('rejects malformed, non-feed and absurdly nested XML with a reason, and keeps reading other inputs', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.xml'), '<rss><channel><item><title>Open</title></item></channel');
    fs.writeFileSync(path.join(dir, 'other.xml'), '<?xml version="1.0"?><config><a>1</a></config>');
    fs.writeFileSync(path.join(dir, 'deep.xml'), `<rss><channel>${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}</channel></rss>`);
    fs.writeFileSync(path.join(dir, 'empty-feed.rss'), '<rss version="2.0"><channel><title>Nothing</title></channel></rss>');
    fs.writeFileSync(path.join(dir, 'z.txt'), 'The last file in the batch is still read after the broken feeds.');
    const items = await all([dir]);
    const by = (n: string) => items.find((i) => (i.kind === 'article' ? i.article.source.path : i.input)!.includes(n))!;
    expect(by('other.xml')).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/not an RSS or Atom feed/) });
    expect(by('deep.xml')).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/nested 20002 levels deep/) });
    expect(by('empty-feed.rss')).toMatchObject({ kind: 'skipped', reason: 'feed has no items' });
    expect(['rejected', 'article']).toContain(by('broken.xml').kind);
    expect(by('z.txt').kind).toBe('article');
  });

  it('reads a large feed (5,000 items) item by item', async () => {
    const dir = tempDir();
    const items = Array.from({ length: 5000 }, (_, i) => `<item><title>Item Number ${i}</title><link>https://big.example/item-${i}</link><description>Round ${i} of the talks ended without an agreement on the agenda.</description></item>`);
    fs.writeFileSync(path.join(dir, 'big.rss'), `<rss version="2.0"><channel><title>Big Feed</title>${items.join('')}</channel></rss>`);
    const t = Date.now();
    let n = 0;
    for await (const it of readSources([path.join(dir, 'big.rss')])) if (it.kind === 'article') n++;
    expect(n).toBe(5000);
    expect(Date.now() - t).toBeLessThan(30_000);
  });
});

describe('JSON and JSON Lines', () => {
  it('reads good JSONL lines and reports bad ones by line number', async () => {
    const p = path.join(FIX, 'articles.jsonl');
    const items = await all([p]);
    expect(items.map((i) => (i.kind === 'article' ? i.article.source.path : `${i.kind} ${i.reason}`))).toEqual([
      `${p}#1`,
      expect.stringMatching(/^rejected line 2: not valid JSON/),
      'rejected line 3: no "text" or "html" field with content',
      `${p}#5`,
      'rejected line 6: expected an article object, found an array',
      `${p}#7`,
    ]);
    const [one, dock, last] = arts(items);
    expect(one).toMatchObject({ id: 'jl-one', title: 'Rail Union Accepts Offer', outlet: 'Plains Daily', url: 'https://plains.example/rail-union-accepts', published: '2031-02-01', language: 'en' });
    expect(one!.text).toBe("The rail union accepted the operator's offer on Saturday after a ballot of its members.\nThe deal raises wages by 4 percent this year.");
    expect(dock).toMatchObject({ id: 'articles-5', title: 'Dock Workers Return', outlet: 'Harbour Gazette', published: '2031-03-03' });
    expect(dock!.text).toContain('three-day stoppage');
    expect(last).toMatchObject({ id: 'articles-7', published: null });
  });

  it('reads one object or an array from .json', async () => {
    const [single] = arts(await all([path.join(FIX, 'article.json')]));
    expect(single).toMatchObject({ id: 'article', title: 'Teachers and Ministry Resume Talks', outlet: 'Capital Review', published: '2031-09-12' });
    expect(single!.stripped.map((r) => single!.text.slice(r.start, r.end))).toEqual(['Share this article']);
    const items = await all([path.join(FIX, 'array.json')]);
    expect(items.map((i) => (i.kind === 'article' ? i.article.id : i.kind))).toEqual(['a1', 'a2', 'rejected']);
    expect(items[2]).toMatchObject({ reason: 'item 3: no "text" or "html" field with content' });
  });

  it('rejects broken JSON with the parser message', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"text": "unterminated');
    const [item] = await all([path.join(dir, 'bad.json')]);
    expect(item).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/not valid JSON/) });
  });

  it('streams JSONL: caps each line, not the file', async () => {
    const dir = tempDir();
    const line = JSON.stringify({ text: 'A line of article text that is long enough to matter here.' });
    fs.writeFileSync(path.join(dir, 'many.jsonl'), `${line}\n`.repeat(200) + JSON.stringify({ text: 'z'.repeat(3000) }) + '\n');
    const items = await all([path.join(dir, 'many.jsonl')], { maxBytes: 2000 });
    expect(items.filter((i) => i.kind === 'article').length).toBe(200);
    expect(items.at(-1)).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/line 201: over the 2000-byte cap/) });
    // A runaway line (no newline for megabytes) is refused without holding it, and the next line is read.
    fs.writeFileSync(path.join(dir, 'runaway.jsonl'), `{"text": "${'r'.repeat(3_000_000)}"}\r\n${line}\r\n`);
    const run = await all([path.join(dir, 'runaway.jsonl')], { maxBytes: 2000 });
    expect(run.map((i) => i.kind)).toEqual(['rejected', 'article']);
    if (run[1]!.kind === 'article') expect(run[1]!.article.text).toBe('A line of article text that is long enough to matter here.');
  });
});
