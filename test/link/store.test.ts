import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../helpers.js';
import { openStore, normalizedHash, type Store, type ArticleWrite } from '../../src/store/index.js';
import { segment } from '../../src/text/segment.js';
import { fingerprint, linkAgainstStore, toLinkDoc } from '../../src/link/index.js';
import { buildSources } from '../../src/cli/sources.js';
import type { Article } from '../../src/types.js';
import { ORIGIN, REWRITE, SAME_EVENT, UNRELATED } from './fixtures.js';

const article = (id: string, sentences: string[], published: string | null, outlet: string): Article => ({
  id, text: sentences.join('\n\n'), title: null, outlet, url: null, published, language: 'en',
  source: { kind: 'txt', path: `${id}.txt` }, stripped: [], headings: [],
});

/** The write `parley add` makes: analysed text, fingerprint and its keys. */
function write(a: Article): ArticleWrite {
  const seg = segment(a);
  const doc = toLinkDoc({ ...seg, entities: [], quantities: [], times: [], clauses: [] });
  const fp = fingerprint(doc);
  return { article: a, hash: normalizedHash(a.text), segmented: seg, entities: [], quantities: [], fingerprint: fp, fingerprintKeys: fp.keys };
}

let store: Store;
beforeAll(async () => { store = await openStore({ location: path.join(tempDir('parley-link-'), 'db') }); }, 60_000);
afterAll(async () => { await store?.close(); });

describe('linkAgainstStore on the embedded store', () => {
  it('links each new article to what is stored, from fingerprint keys, and the links read back', async () => {
    const arts = [
      article('origin', ORIGIN, '2025-03-01', 'River Wire'),
      article('unrelated', UNRELATED, '2025-03-01', 'Harbour Post'),
      article('same-event', SAME_EVENT, '2025-03-01', 'Valley Times'),
      article('rewrite', REWRITE, '2025-03-02', 'Content Farm'),
    ];
    const ids = new Map<string, number>();
    for (const a of arts) {
      const w = write(a);
      const [out] = await store.addArticles([w]);
      expect(out!.status).toBe('added');
      const id = (out as { id: number }).id;
      ids.set(a.id, id);
      const links = await linkAgainstStore(store, id, toLinkDoc({ ...w.segmented, entities: [], quantities: [], times: [], clauses: [] }));
      await store.saveLinks(links);
    }
    const all = await store.listLinks();
    const derived = all.filter((l) => l.kind !== 'same-event');
    expect(derived).toHaveLength(1);
    const [l] = derived;
    expect(new Set([l!.a, l!.b])).toEqual(new Set([ids.get('origin'), ids.get('rewrite')]));
    expect(l!.source).toBe(ids.get('origin'));
    expect((l!.detail as { a: string }).a).toBe('origin');
    // nothing links the unrelated article
    expect(all.some((x) => x.a === ids.get('unrelated') || x.b === ids.get('unrelated'))).toBe(false);

    const report = buildSources(await store.listArticles(), all);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]!.origin!.name).toBe('origin');
    expect(report.groups[0]!.copies.map((c) => c.name)).toEqual(['rewrite']);
    expect(report.outlets.find((o) => o.outlet === 'Content Farm')).toMatchObject({ derived: 1, independent: 0 });
    expect(report.outlets.find((o) => o.outlet === 'River Wire')).toMatchObject({ derived: 0, independent: 1 });
  });
});
