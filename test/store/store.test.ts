/**
 * The store contract, run against PGlite and PostgreSQL alike: writes, duplicates, names,
 * round trips, candidate search, links, actors, hostile text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlStore, SqlStore } from '../../src/store/index.js';
import { normalizedHash } from '../../src/store/hash.js';
import { corpusFiles } from '../helpers.js';
import { BACKENDS, articleOf, freshPlace, syntheticText, writeOf, type Place } from './backends.js';

const files = [...corpusFiles('seeds'), ...corpusFiles('dev')];
const corpus = files.map((f) => writeOf(articleOf(path.basename(f, '.txt'), fs.readFileSync(f, 'utf8'))));

describe.each(BACKENDS)('store on $name', ({ name, skip }) => {
  let place: Place;
  let store: SqlStore;
  beforeAll(async () => {
    if (skip) return;
    place = await freshPlace(name);
    store = await openSqlStore({ location: place.location, lockWaitMs: 0 });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await place?.cleanup();
  });

  it.skipIf(skip)('adds the corpus, each article once, and reads every field back', async () => {
    expect(corpus.length).toBeGreaterThan(10);
    const t0 = Date.now();
    const out = await store.addArticles(corpus);
    const ms = Date.now() - t0;
    expect(out.every((o) => o.status === 'added')).toBe(true);
    expect(out.map((o) => o.status === 'added' && o.name)).toEqual(corpus.map((w) => w.article.id));
    expect(await store.countArticles()).toBe(corpus.length);
    console.info(`[store ${name}] ${corpus.length} articles, ${corpus.reduce((n, w) => n + w.segmented.sentences.length, 0)} sentences in ${ms} ms`);

    for (const w of corpus.slice(0, 8)) {
      const got = (await store.getArticle(w.article.id))!;
      expect(got).not.toBeNull();
      expect(got.article).toEqual(w.article);
      expect(got.segmented.sentences).toEqual(w.segmented.sentences);
      expect(got.segmented.paragraphs).toEqual(w.segmented.paragraphs);
      expect(got.segmented.language).toBe(w.segmented.language);
      expect(got.entities).toEqual(w.entities);
      expect(got.quantities).toEqual(w.quantities);
      expect(got.fingerprint).toEqual(w.fingerprint);
      expect(got.sentences).toBe(w.segmented.sentences.length);
      expect(got.addedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await store.getArticle(got.id)).toEqual(got);
      expect(await store.getArticle(String(got.id))).toEqual(got);
    }
    expect(await store.getArticle('no-such-article')).toBeNull();
    expect(await store.getArticle(999_999)).toBeNull();
    expect(await store.getArticle('99999999999999')).toBeNull();
  }, 60_000);

  it.skipIf(skip)('keeps the same text once, also when only whitespace and width differ', async () => {
    const first = corpus[0]!;
    const again = await store.addArticles([{ ...first, article: { ...first.article, id: 'copy-of-first' } }]);
    const [stored] = await store.listArticles({ limit: 1 });
    expect(again).toEqual([{ status: 'duplicate', name: 'copy-of-first', duplicateOf: { id: stored!.id, name: first.article.id } }]);
    const respaced = first.article.text.replace(/ /g, '  ').replace(/\n/g, '\r\n') + '\n\n';
    expect(normalizedHash(respaced)).toBe(first.hash);
    const [o] = await store.addArticles([writeOf(articleOf('respaced', respaced))]);
    expect(o!.status).toBe('duplicate');
    expect(await store.countArticles()).toBe(corpus.length);
  });

  it.skipIf(skip)('gives a taken name to a different text as name-2, name-3', async () => {
    const taken = corpus[1]!.article.id;
    const out = await store.addArticles([
      writeOf(articleOf(taken, syntheticText(1))),
      writeOf(articleOf(taken, syntheticText(2))),
      writeOf(articleOf(taken, syntheticText(1))),
    ]);
    expect(out[0]).toMatchObject({ status: 'added', name: `${taken}-2` });
    expect(out[1]).toMatchObject({ status: 'added', name: `${taken}-3` });
    expect(out[2]).toMatchObject({ status: 'duplicate', name: taken, duplicateOf: { name: `${taken}-2` } });
    expect((await store.getArticle(`${taken}-3`))!.article.text).toBe(syntheticText(2));
  });

  it.skipIf(skip)('lists and iterates in id order, in pages', async () => {
    const total = await store.countArticles();
    const all = await store.listArticles();
    expect(all).toHaveLength(total);
    expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort((x, y) => x - y));
    expect((await store.listArticles({ limit: 5, offset: 3 })).map((a) => a.id)).toEqual(all.slice(3, 8).map((a) => a.id));
    const seen: number[] = [];
    for await (const a of store.iterateArticles({ pageSize: 7 })) seen.push(a.id);
    expect(seen).toEqual(all.map((a) => a.id));
  });

  it.skipIf(skip)('finds candidates by shared fingerprint keys, most shared first, without the article itself', async () => {
    const w = corpus[3]!;
    const self = (await store.getArticle(w.article.id))!;
    const withSelf = await store.findCandidates(w.fingerprintKeys, { limit: 5 });
    expect(withSelf[0]).toEqual({ id: self.id, name: self.name, shared: new Set(w.fingerprintKeys).size });
    const others = await store.findCandidates(w.fingerprintKeys, { excludeId: self.id, minShared: 3, limit: 10 });
    expect(others.every((c) => c.id !== self.id && c.shared >= 3)).toBe(true);
    for (let i = 1; i < others.length; i++) expect(others[i - 1]!.shared).toBeGreaterThanOrEqual(others[i]!.shared);
    expect(await store.findCandidates([])).toEqual([]);
    expect(await store.findCandidates(['w:no-such-key-anywhere'])).toEqual([]);
  });

  it.skipIf(skip)('saves links once per unordered pair, replacing on the reversed pair', async () => {
    const [a, b, c] = await store.listArticles({ limit: 3 });
    await store.saveLinks([
      { a: a!.id, b: b!.id, kind: 'rewrite', source: a!.id, score: 0.8, detail: { evidence: ['x'] } },
      { a: a!.id, b: c!.id, kind: 'same-event', source: null, score: 0.4, detail: null },
    ]);
    await store.saveLinks([{ a: b!.id, b: a!.id, kind: 'duplicate', source: b!.id, score: 0.99, detail: { n: 1 } }]);
    const links = await store.listLinks();
    expect(links).toHaveLength(2);
    expect(links.find((l) => l.b === a!.id)).toEqual({ a: b!.id, b: a!.id, kind: 'duplicate', source: b!.id, score: 0.99, detail: { n: 1 } });
    expect(await store.listLinks(c!.id)).toEqual([{ a: a!.id, b: c!.id, kind: 'same-event', source: null, score: 0.4, detail: null }]);
    await expect(store.saveLinks([{ a: a!.id, b: a!.id, kind: 'duplicate', source: null, score: 1, detail: null }])).rejects.toThrow();
  });

  it.skipIf(skip)('aggregates actors by key with spellings and article counts', async () => {
    const actors = await store.listActors();
    expect(actors.length).toBeGreaterThan(5);
    // The same figures computed from the stored articles one by one.
    const articles = new Map<string, number>();
    const spellings = new Map<string, Map<string, number>>();
    for await (const a of store.iterateArticles()) {
      for (const key of new Set(a.entities.map((e) => e.key))) articles.set(key, (articles.get(key) ?? 0) + 1);
      const seen = new Set<string>();
      for (const e of a.entities) for (const m of e.mentions) seen.add(`${e.key}\u0000${m.text}`);
      for (const k of seen) {
        const [key, text] = k.split('\u0000') as [string, string];
        const m = spellings.get(key) ?? new Map<string, number>();
        m.set(text, (m.get(text) ?? 0) + 1);
        spellings.set(key, m);
      }
    }
    expect(actors.map((x) => x.key).sort()).toEqual([...articles.keys()].sort());
    for (const x of actors.slice(0, 10)) {
      expect(x.articles).toBe(articles.get(x.key));
      expect(Object.fromEntries(x.spellings.map((s) => [s.text, s.articles]))).toEqual(Object.fromEntries(spellings.get(x.key)!));
      expect(x.type).toBe('other');
    }
    for (let i = 1; i < actors.length; i++) expect(actors[i - 1]!.articles).toBeGreaterThanOrEqual(actors[i]!.articles);
    expect(await store.listActors({ type: 'person' })).toEqual([]);
    expect((await store.listActors({ type: 'other' })).length).toBe(actors.length);
  });

  it.skipIf(skip)('stores hostile text: NUL, lone surrogates, quotes, emoji, a 1 MB text, odd names', async () => {
    const nasty = "Robert'); DROP TABLE articles;-- \u0000 half \uD83D pair 😀 \"q\" \\ back\u2028sep";
    const big = syntheticText(99, 4000);
    const odd = writeOf(articleOf("o'brien \u0000/../x", nasty, { title: 'T\u0000' }));
    odd.quantities = [
      { start: 0, end: 6, value: Number.NaN, approx: true, unit: null, what: null, text: 'Robert' },
      { start: 0, end: 6, value: -Infinity, approx: false, unit: 'x', what: null, text: 'Robert' },
      { start: 0, end: 6, value: 0.1 + 0.2, approx: false, unit: null, what: 'sum', text: 'Robert' },
    ];
    const out = await store.addArticles([odd, writeOf(articleOf('big', big))]);
    expect(out.map((o) => o.status)).toEqual(['added', 'added']);
    const got = (await store.getArticle(out[0]!.status === 'added' ? out[0]!.id : -1))!;
    // Unstorable characters become U+FFFD one for one, so every offset still holds.
    expect(got.article.text).toHaveLength(nasty.length);
    expect(got.article.text).toBe(nasty.replace('\u0000', '\uFFFD').replace('\uD83D ', '\uFFFD '));
    expect(got.article.title).toBe('T\uFFFD');
    expect(got.quantities.map((q) => q.value)).toEqual([Number.NaN, -Infinity, 0.1 + 0.2]);
    const b = (await store.getArticle('big'))!;
    expect(b.article.text).toBe(big);
    expect(b.segmented.sentences.length).toBeGreaterThan(10_000);
    expect(await store.countArticles()).toBeGreaterThan(corpus.length);
  }, 60_000);
});
