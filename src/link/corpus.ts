/**
 * @module link/corpus
 * Stage: link. Input: many `LinkDoc`s. Output: parley.links/1 for all of them.
 * 1. prepare and fingerprint every document once; keep it slim (packed typed arrays, no tokens);
 * 2. index the fingerprint keys in one sorted typed array (key hash, doc) so a key's documents
 *    are a range; keys held by too many documents say nothing and are skipped;
 * 3. for each document, the earlier documents sharing the most keys are its candidates (at
 *    most `maxCandidates`), each compared once: never all pairs;
 * 4. closure: documents linked through a common relative share an origin text; a pair inside
 *    such a group is linked too when its own alignment supports it.
 */
import type { LinkPair, ParleyLinks } from '../record/schema.js';
import type { Fingerprint, LinkDoc } from './types.js';
import { prepare, slim, type Prepared } from './normalize.js';
import { fingerprintPrepared, fnv1a } from './fingerprint.js';
import { compareAligned, toLinkPair, type Comparison } from './compare.js';
import { align } from './align.js';
import { ParleyError } from '../errors.js';

export interface LinkCorpusOptions {
  /** candidates compared per document (the best by shared keys) */
  maxCandidates?: number;
  /** a key held by more documents than this is too common to find candidates */
  maxKeyDocs?: number;
  /** shared pair keys needed (a shared LSH band counts as BAND_WEIGHT) */
  minShared?: number;
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
  /** milliseconds per phase: prepare+fingerprint, index, candidates, compare (incl. changes), closure */
  ms: { prepare: number; index: number; candidates: number; compare: number; closure: number };
}

export const BAND_WEIGHT = 4;
// (key hash < 2^32) * 2^21 + doc < 2^53: exact in a double
const DOC_BITS = 2 ** 21;

export interface CandidateIndex {
  /** documents sharing keys with doc `x`, among docs with a lower index, best first */
  candidates(x: number): number[];
}

/** Key hashes of a fingerprint: the top bit marks LSH band keys (they weigh more). */
export function hashKeys(keys: string[]): Uint32Array {
  const hs = new Uint32Array(keys.length);
  keys.forEach((key, q) => { hs[q] = ((fnv1a(key) >>> 1) | (key[0] === 'b' ? 0x80000000 : 0)) >>> 0; });
  return hs;
}

/** Builds the key index over fingerprints (or their hashed keys). */
export function buildIndex(fpsOrHashes: (Fingerprint | Uint32Array)[], opts: LinkCorpusOptions = {}): CandidateIndex {
  const keyHashes = fpsOrHashes.map((f) => (f instanceof Uint32Array ? f : hashKeys(f.keys)));
  const n = keyHashes.length;
  const maxKeyDocs = opts.maxKeyDocs ?? 40;
  const maxCand = opts.maxCandidates ?? 12;
  const minShared = opts.minShared ?? 3;
  if (n >= DOC_BITS) throw new ParleyError(`link: ${n} documents in one corpus run; at most ${DOC_BITS - 1} fit the in-memory index`, { hint: 'add them to a store with `parley add` (linked one by one against the store), then run `parley links` without paths' });
  let total = 0;
  for (const hs of keyHashes) total += hs.length;
  const packed = new Float64Array(total);
  let k = 0;
  keyHashes.forEach((hs, d) => { for (const h of hs) packed[k++] = h * DOC_BITS + d; });
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

export function linkCorpusWithStats(docs: LinkDoc[], opts: LinkCorpusOptions = {}): { links: ParleyLinks; stats: LinkStats } {
  // every document prepared once and kept slim (packed arrays, a few KB); fingerprints as hashed keys
  const now = () => performance.now();
  let t0 = now();
  const ms = { prepare: 0, index: 0, candidates: 0, compare: 0, closure: 0 };
  const slims: Prepared[] = [];
  const hashes: Uint32Array[] = [];
  for (const d of docs) {
    const p = prepare(d);
    hashes.push(hashKeys(fingerprintPrepared(p).keys));
    slims.push(slim(p));
  }
  ms.prepare = now() - t0; t0 = now();
  const index = buildIndex(hashes, opts);
  hashes.length = 0;
  ms.index = now() - t0;
  const cache = { get: (i: number) => slims[i]! };
  const stats: LinkStats = { docs: docs.length, comparisons: 0, derived: 0, sameEvent: 0, closure: 0, ms };
  const pairId = (x: number, y: number) => (x < y ? x * DOC_BITS + y : y * DOC_BITS + x);
  /** pairs compared, and whether their alignment would support a closure link */
  const compared = new Map<number, boolean>();
  /** derived and same-event results, already in parley.links/1 form; x < y and `src` a doc index */
  const results = new Map<number, { x: number; y: number; pair: LinkPair; derived: boolean; src: number | null }>();
  const withChanges = opts.withChanges !== false;
  const compare = (x: number, y: number): Comparison => {
    stats.comparisons++;
    const a = cache.get(Math.min(x, y)), b = cache.get(Math.max(x, y));
    return compareAligned(a, b, align(a, b));
  };
  const record = (x: number, y: number, c: Comparison) => {
    const pair = toLinkPair(c, { withChanges });
    if (!pair) return;
    const src = c.source === null ? null : c.source === 'a' ? x : y;
    results.set(pairId(x, y), { x, y, pair, derived: c.derived, src });
  };
  for (let x = 0; x < docs.length; x++) {
    t0 = now();
    const cands = index.candidates(x);
    ms.candidates += now() - t0;
    t0 = now();
    for (const y of cands) {
      const c = compare(x, y);
      compared.set(pairId(x, y), c.support);
      if (c.derived || c.sameEvent) record(y, x, c);
    }
    ms.compare += now() - t0;
  }
  t0 = now();
  // closure over derived pairs: union-find
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; } return i; };
  const derivedEdges = [...results.values()].filter((r) => r.derived);
  for (const r of derivedEdges) parent[find(r.x)] = find(r.y);
  const groups = new Map<number, number[]>();
  for (const r of derivedEdges) for (const d of [r.x, r.y]) {
    const g = find(d);
    const l = groups.get(g) ?? [];
    if (!l.includes(d)) l.push(d);
    groups.set(g, l);
  }
  // source -> copies, for ancestry through the group
  const copiesOf = new Map<number, number[]>();
  for (const r of derivedEdges) {
    if (r.src === null) continue;
    const cp = r.src === r.x ? r.y : r.x;
    copiesOf.set(r.src, [...(copiesOf.get(r.src) ?? []), cp]);
  }
  const isAncestor = (s: number, t: number): boolean => {
    const seen = new Set<number>([s]);
    const stack = [s];
    while (stack.length) { const u = stack.pop()!; for (const v of copiesOf.get(u) ?? []) { if (v === t) return true; if (!seen.has(v)) { seen.add(v); stack.push(v); } } }
    return false;
  };
  for (const members of groups.values()) {
    if (members.length < 3 || members.length > 30) continue;
    for (let p = 0; p < members.length; p++) for (let q = p + 1; q < members.length; q++) {
      const x = Math.min(members[p]!, members[q]!), y = Math.max(members[p]!, members[q]!);
      const id = pairId(x, y);
      if (results.get(id)?.derived) continue;
      let c: Comparison | null = null;
      if (!compared.has(id)) { c = compare(x, y); compared.set(id, c.support); }
      if (!compared.get(id)) continue;
      c ??= compare(x, y);
      // c.a is document x (the lower index), so 'a' names x
      const source = isAncestor(x, y) ? 'a' : isAncestor(y, x) ? 'b' : null;
      record(x, y, { ...c, derived: true, sameEvent: false, kind: 'rewrite', source, sourceBy: null });
      stats.closure++;
    }
  }
  // siblings: x and y both copied from z, and no closer to each other than to z -> no source between them
  const sourceOf = new Map<number, { z: number; score: number }[]>();
  for (const r of results.values()) {
    if (!r.derived || r.src === null) continue;
    const cp = r.src === r.x ? r.y : r.x;
    sourceOf.set(cp, [...(sourceOf.get(cp) ?? []), { z: r.src, score: r.pair.score }]);
  }
  for (const r of results.values()) {
    if (!r.derived || r.src === null) continue;
    const zx = sourceOf.get(r.x) ?? [], zy = sourceOf.get(r.y) ?? [];
    const common = zx.find((p) => p.z !== r.y && zy.some((q) => q.z === p.z));
    if (!common) continue;
    const other = zy.find((q) => q.z === common.z)!;
    if (r.pair.score <= Math.min(common.score, other.score)) { r.src = null; r.pair.source = null; }
  }
  ms.closure = now() - t0;
  for (const k of Object.keys(ms) as (keyof typeof ms)[]) ms[k] = Math.round(ms[k]);
  const pairs: LinkPair[] = [];
  for (const r of results.values()) {
    if (r.pair.kind === 'same-event') stats.sameEvent++; else stats.derived++;
    pairs.push(r.pair);
  }
  pairs.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { links: { schema: 'parley.links/1', pairs, contradictions: [] }, stats };
}

export function linkCorpus(docs: LinkDoc[], opts: LinkCorpusOptions = {}): ParleyLinks {
  return linkCorpusWithStats(docs, opts).links;
}
