/**
 * @module link/store-link
 * Stage: link, at the store edge. Input: the store, the stored id of a just-written article and
 * its `LinkDoc`. Output: `StoredLink[]` between it and stored articles, found from the store's
 * fingerprint-key index (never a scan), for the caller to save. Closure: when the new article is
 * derived from a stored one, that one's derived relatives are compared too (they share an origin).
 */
import type { Store, StoredArticle, StoredLink } from '../store/types.js';
import type { LinkDoc } from './types.js';
import { joinFragments } from './doc.js';
import { fingerprintPrepared } from './fingerprint.js';
import { prepare, type Prepared } from './normalize.js';
import { compareAligned, toLinkPair, type Comparison } from './compare.js';
import { align } from './align.js';

export const STORE_CANDIDATES = 12;

export function storedToLinkDoc(s: StoredArticle): LinkDoc {
  return {
    id: s.name,
    text: s.article.text,
    published: s.article.published,
    outlet: s.article.outlet,
    title: s.article.title,
    sentences: joinFragments(s.article.text, s.segmented.sentences),
    entities: s.entities,
    quantities: s.quantities,
  };
}

function toStored(c: Comparison, newId: number, newName: string, otherId: number): StoredLink | null {
  const pair = toLinkPair(c);
  if (!pair) return null;
  const idOf = (name: string | null) => (name === null ? null : name === newName ? newId : otherId);
  const [a, b] = pair.a === newName ? [newId, otherId] : [otherId, newId];
  return { a, b, kind: pair.kind, source: idOf(pair.source), score: pair.score, detail: pair };
}

/**
 * Prepared stored articles kept between calls of one run (`parley add` of many related articles
 * meets the same candidates again and again); bounded, oldest dropped first.
 */
export class PreparedCache {
  private map = new Map<number, Prepared>();
  constructor(private max = 2000) {}
  get(id: number): Prepared | undefined { return this.map.get(id); }
  set(id: number, p: Prepared): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as number);
    this.map.set(id, p);
  }
}

async function preparedStored(store: Store, id: number, cache?: PreparedCache): Promise<Prepared | null> {
  const hit = cache?.get(id);
  if (hit) return hit;
  const other = await store.getArticle(id);
  if (!other) return null;
  const p = prepare(storedToLinkDoc(other));
  cache?.set(id, p);
  return p;
}

export async function linkAgainstStore(store: Store, storedId: number, doc: LinkDoc, opts: { limit?: number; cache?: PreparedCache } = {}): Promise<StoredLink[]> {
  const me = prepare(doc);
  opts.cache?.set(storedId, me);
  const fp = fingerprintPrepared(me);
  const cands = await store.findCandidates(fp.keys, { excludeId: storedId, limit: opts.limit ?? STORE_CANDIDATES, minShared: 3 });
  const out = new Map<number, StoredLink>();
  const seen = new Map<number, Comparison | null>([[storedId, null]]);
  const derivedFrom: number[] = [];
  const compareWith = async (id: number, closure: boolean): Promise<void> => {
    let c: Comparison | null | undefined = seen.get(id);
    if (c === undefined) {
      const p = await preparedStored(store, id, opts.cache);
      if (!p) { seen.set(id, null); return; }
      c = compareAligned(p, me, align(p, me));
      seen.set(id, c);
    } else if (!closure || !c) return;
    // a relative of what the new article derives from: linked when its own alignment supports it
    if (closure && !c.derived && c.support) c = { ...c, derived: true, sameEvent: false, kind: 'rewrite', source: null, sourceBy: null };
    const link = toStored(c, storedId, doc.id, id);
    if (!link) return;
    out.set(id, link);
    if (c.derived && !closure) derivedFrom.push(id);
  };
  for (const c of cands) await compareWith(c.id, false);
  // relatives of what the new article is derived from share its origin text
  for (const id of derivedFrom) {
    for (const l of await store.listLinks(id)) {
      if (l.kind === 'same-event') continue;
      await compareWith(l.a === id ? l.b : l.a, true);
    }
  }
  // siblings: the new article and X both copied from Z, and no closer to each other than to Z
  const fromZ = [...out.values()].filter((l) => l.kind !== 'same-event' && l.source !== null && l.source !== storedId);
  for (const l of out.values()) {
    if (l.kind === 'same-event' || l.source === null) continue;
    const x = l.a === storedId ? l.b : l.a;
    for (const z of fromZ) {
      if (z.source === x) continue;
      const xz = (await store.listLinks(x)).find((k) => k.kind !== 'same-event' && k.source === z.source && (k.a === x || k.b === x));
      if (xz && l.score <= Math.min(z.score, xz.score)) {
        l.source = null;
        if (l.detail && typeof l.detail === 'object') (l.detail as { source: string | null }).source = null;
        break;
      }
    }
  }
  return [...out.values()];
}
