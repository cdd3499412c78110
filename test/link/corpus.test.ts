import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { CORPUS } from '../helpers.js';
import { readSources } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline.js';
import { loadKb } from '../../src/kb/index.js';
import { comparePair, linkCorpusWithStats, toLinkDoc, type LinkDoc } from '../../src/link/index.js';
import { ParleyLinksSchema } from '../../src/record/schema.js';

/** The shared corpus, read and analysed by the real pipeline, by article id. */
const docs = new Map<string, LinkDoc>();
beforeAll(async () => {
  const pipeline = createPipeline(await loadKb());
  for await (const it of readSources(['seeds', 'dev', 'dev-links'].map((d) => path.join(CORPUS, d)))) {
    if (it.kind === 'article') docs.set(it.article.id, toLinkDoc(pipeline.analyse(it.article)));
  }
}, 60_000);
const byPrefix = (p: string) => [...docs.values()].find((d) => d.id.startsWith(p))!;

describe('links on the shared corpus', () => {
  it('seed 000 is a rewrite of seed 001, and 001 is the source', () => {
    const p = comparePair(byPrefix('000_'), byPrefix('001_'))!;
    expect(p.kind).toBe('rewrite');
    expect(p.source).toBe(byPrefix('001_').id);
    expect(p.evidence!.length).toBeGreaterThan(10);
    // evidence spans stay inside both texts
    for (const e of p.evidence!) {
      expect(e.a[1]).toBeLessThanOrEqual(docs.get(p.a)!.text.length);
      expect(e.b[1]).toBeLessThanOrEqual(docs.get(p.b)!.text.length);
    }
    // 000 dropped 001's attributions
    expect(p.changes!.some((c) => c.kind === 'attribution-dropped')).toBe(true);
  });

  it('independent reports of one speech (dev same-event pair) are not derived', () => {
    for (const [x, y] of [['c016', 'c018'], ['c016', 'c017'], ['c001', 'c003'], ['c044', 'd204'], ['c054', 'd205'], ['c060', 'c061']] as const) {
      const p = comparePair(docs.get(x)!, docs.get(y)!);
      expect(p === null || p.kind === 'same-event', `${x}~${y}`).toBe(true);
    }
  });

  it('two copies of one wire story carrying different parts of it (no wire named) are derived, source null', () => {
    for (const [x, y] of [['c001', 'c002'], ['c043', 'c044']] as const) {
      const p = comparePair(docs.get(x)!, docs.get(y)!);
      expect(p?.kind, `${x}~${y}`).toBe('rewrite');
      expect(p!.source, `${x}~${y}`).toBeNull();
    }
  });

  it('a same-day republication with a new top and junk points to the original', () => {
    const p = comparePair(docs.get('c027')!, docs.get('d102')!)!;
    expect(p.kind).toBe('duplicate');
    expect(p.source).toBe('c027');
  });

  it('a back-translation is a translation of its source', () => {
    const p = comparePair(docs.get('c043')!, docs.get('d104')!)!;
    expect(p.kind).toBe('translation');
    expect(p.source).toBe('c043');
  });

  it('linkCorpus on dev + dev-links: valid parley.links/1, gold-free sanity, far fewer comparisons than pairs', () => {
    const list = [...docs.values()].filter((d) => /^[cd]\d/.test(d.id));
    const { links, stats } = linkCorpusWithStats(list);
    expect(ParleyLinksSchema.safeParse(links).success).toBe(true);
    const n = list.length;
    expect(stats.comparisons).toBeLessThan((n * (n - 1)) / 2);
    const derived = links.pairs.filter((p) => p.kind !== 'same-event').map((p) => `${p.a}~${p.b}`);
    expect(derived).toEqual(expect.arrayContaining(['c027~d102', 'c053~d105', 'c053~d106', 'd105~d106', 'c060~d107', 'c001~c002', 'c043~c044', 'c044~d104']));
    // c044~d104 comes by closure through c043; c044 and d104 are copies of one text with no source between them
    expect(links.pairs.find((p) => p.a === 'c044' && p.b === 'd104')!.source).toBeNull();
    // the two rewrites of c053 are siblings: no source between them
    expect(links.pairs.find((p) => p.a === 'd105' && p.b === 'd106')!.source).toBeNull();
    for (const p of links.pairs) expect(p.a < p.b).toBe(true);
  });
});
