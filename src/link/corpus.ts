/**
 * @module link/corpus
 * Stage: link. Input: many `LinkDoc`s. Output: parley.links/1 for all of them.
 * 1. fingerprint every document (then drop its prepared form: memory stays bounded);
 * 2. index the fingerprint keys in one sorted typed array (key hash, doc) so a key's documents
 *    are a range; keys held by too many documents say nothing and are skipped;
 * 3. for each document, the earlier documents sharing the most keys are its candidates (at
 *    most `maxCandidates`), each compared once: never all pairs;
 * 4. closure: documents linked through a common relative share an origin text; a pair inside
 *    such a group is linked too when its own alignment supports it.
 */
import type { LinkPair, ParleyLinks } from '../record/schema.js';
import type { Fingerprint, LinkDoc } from './types.js';
import { prepare, type Prepared } from './normalize.js';
import { fingerprintPrepared, fnv1a } from './fingerprint.js';
import { compareAligned, toLinkPair, type Comparison } from './compare.js';
import { align } from './align.js';

export interface LinkCorpusOptions {
  /** candidates compared per document (the best by shared keys) */
  maxCandidates?: number;
  /** a key held by more documents than this is too common to find candidates */
  maxKeyDocs?: number;
  /** shared pair keys needed (a shared LSH band counts as BAND_WEIGHT) */
  minShared?: number;
  /** prepared documents kept in memory between comparisons */
  cacheSize?: number;
  /** changes per derived pair (on by default) */
  withChanges?: boolean;
}

export interface LinkStats {
  docs: number;
  /** pair comparisons actually made (alignment of two documents) */
  comparisons: number;
  derived: number;
  sameEvent: number;
  /** pairs added by closure */
  closure: number;
}

export const BAND_WEIGHT = 4;
// (key hash < 2^32) * 2^21 + doc < 2^53: exact in a double
const DOC_BITS = 2 ** 21;

export interface CandidateIndex {
  /** documents sharing keys with doc `x`, among docs with a lower index, best first */
  candidates(x: number): number[];
}

/** Builds the key index over fingerprints. */
export function buildIndex(fps: Fingerprint[], opts: LinkCorpusOptions = {}): CandidateIndex {
  const maxKeyDocs = opts.maxKeyDocs ?? Math.max(50, Math.ceil(Math.sqrt(fps.length)));
  const maxCand = opts.maxCandidates ?? 12;
  const minShared = opts.minShared ?? 2;
  if (fps.length >= DOC_BITS) throw new Error(`link: at most ${DOC_BITS - 1} documents per corpus run`);
  let total = 0;
  for (const f of fps) total += f.keys.length;
  const packed = new Float64Array(total);
  const keyHashes: Uint32Array[] = [];
  let k = 0;
  fps.forEach((f, d) => {
    const hs = new Uint32Array(f.keys.length);
    f.keys.forEach((key, q) => {
      // top bit marks LSH band keys (they weigh more)
      const h = ((fnv1a(key) >>> 1) | (key[0] === 'b' ? 0x80000000 : 0)) >>> 0;
      hs[q] = h;
      packed[k++] = h * DOC_BITS + d;
    });
    keyHashes.push(hs);
  });
  packed.sort();
  // key hash -> [start, end) in packed, for keys held by 2..maxKeyDocs documents
  const ranges = new Map<number, number>();
  for (let i = 0; i < packed.length;) {
    const h = Math.floor(packed[i]! / DOC_BITS);
    let j = i + 1;
    while (j < packed.length && Math.floor(packed[j]! / DOC_BITS) === h) j++;
    if (j - i >= 2 && j - i <= maxKeyDocs) ranges.set(h, i * 4096 + Math.min(j - i, 4095));
    i = j;
  }
  return {
    candidates(x: number): number[] {
      const score = new Map<number, number>();
      for (const h of keyHashes[x]!) {
        const r = ranges.get(h);
        if (r === undefined) continue;
        const start = Math.floor(r / 4096), len = r % 4096;
        const w = h >= 0x80000000 ? BAND_WEIGHT : 1;
        for (let i = start; i < start + len; i++) {
          const d = packed[i]! % DOC_BITS;
          if (d >= x) continue;
          score.set(d, (score.get(d) ?? 0) + w);
        }
      }
      return [...score].filter(([, s]) => s >= minShared).sort((p, q) => q[1] - p[1] || p[0] - q[0]).slice(0, maxCand).map(([d]) => d);
    },
  };
}

/** A small LRU of prepared documents. */
class PreparedCache {
  private map = new Map<number, Prepared>();
  constructor(private docs: LinkDoc[], private size: number) {}
  get(i: number): Prepared {
    let p = this.map.get(i);
    if (p) { this.map.delete(i); this.map.set(i, p); return p; }
    p = prepare(this.docs[i]!);
    this.map.set(i, p);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return p;
  }
}

export function linkCorpusWithStats(docs: LinkDoc[], opts: LinkCorpusOptions = {}): { links: ParleyLinks; stats: LinkStats } {
  const cache = new PreparedCache(docs, opts.cacheSize ?? 4000);
  const fps = docs.map((_, i) => fingerprintPrepared(cache.get(i)));
  const index = buildIndex(fps, opts);
  const stats: LinkStats = { docs: docs.length, comparisons: 0, derived: 0, sameEvent: 0, closure: 0 };
  const compared = new Map<string, Comparison | null>();
  const pairKey = (x: number, y: number) => (x < y ? `${x}|${y}` : `${y}|${x}`);
  const results: { x: number; y: number; c: Comparison }[] = [];
  const compare = (x: number, y: number): Comparison => {
    stats.comparisons++;
    const a = cache.get(y), b = cache.get(x);
    return compareAligned(a, b, align(a, b));
  };
  for (let x = 0; x < docs.length; x++) {
    for (const y of index.candidates(x)) {
      const c = compare(x, y);
      const keep = c.derived || c.sameEvent || c.support;
      compared.set(pairKey(x, y), keep ? c : null);
      if (c.derived || c.sameEvent) results.push({ x: y, y: x, c });
    }
  }
  // closure over derived pairs: union-find
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; } return i; };
  const derivedEdges = results.filter((r) => r.c.derived);
  for (const r of derivedEdges) parent[find(r.x)] = find(r.y);
  const groups = new Map<number, number[]>();
  for (const r of derivedEdges) for (const d of [r.x, r.y]) {
    const g = find(d);
    const l = groups.get(g) ?? [];
    if (!l.includes(d)) l.push(d);
    groups.set(g, l);
  }
  // source edges (source -> copy) for ancestry
  const copiesOf = new Map<number, number[]>();
  for (const r of derivedEdges) {
    if (r.c.source === null) continue;
    const src = r.c.source === 'a' ? r.x : r.y, cp = src === r.x ? r.y : r.x;
    copiesOf.set(src, [...(copiesOf.get(src) ?? []), cp]);
  }
  const isAncestor = (s: number, t: number): boolean => {
    const seen = new Set<number>([s]);
    const stack = [s];
    while (stack.length) { const u = stack.pop()!; for (const v of copiesOf.get(u) ?? []) { if (v === t) return true; if (!seen.has(v)) { seen.add(v); stack.push(v); } } }
    return false;
  };
  const linked = new Set(results.filter((r) => r.c.derived).map((r) => pairKey(r.x, r.y)));
  for (const members of groups.values()) {
    if (members.length < 3 || members.length > 30) continue;
    for (let p = 0; p < members.length; p++) for (let q = p + 1; q < members.length; q++) {
      const x = Math.min(members[p]!, members[q]!), y = Math.max(members[p]!, members[q]!);
      const key = pairKey(x, y);
      if (linked.has(key)) continue;
      let c = compared.has(key) ? compared.get(key)! : null;
      if (!compared.has(key)) { c = compare(y, x); compared.set(key, c); }
      if (!c || !c.support) continue;
      const source = isAncestor(x, y) ? 'a' : isAncestor(y, x) ? 'b' : null;
      // c.a is document x here (the lower index), so 'a' names x
      const closed: Comparison = { ...c, derived: true, sameEvent: false, kind: 'rewrite', source, sourceBy: null };
      // drop an earlier same-event result for this pair
      const at = results.findIndex((r) => pairKey(r.x, r.y) === key);
      if (at >= 0) results.splice(at, 1);
      results.push({ x, y, c: closed });
      linked.add(key);
      stats.closure++;
    }
  }
  const pairs: LinkPair[] = [];
  for (const r of results) {
    const lp = toLinkPair(r.c, { withChanges: opts.withChanges });
    if (!lp) continue;
    if (lp.kind === 'same-event') stats.sameEvent++; else stats.derived++;
    pairs.push(lp);
  }
  pairs.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { links: { schema: 'parley.links/1', pairs, contradictions: [] }, stats };
}

export function linkCorpus(docs: LinkDoc[], opts: LinkCorpusOptions = {}): ParleyLinks {
  return linkCorpusWithStats(docs, opts).links;
}
