/**
 * @module link/fingerprint
 * Stage: link. Input: a `LinkDoc` (or its `Prepared` form). Output: a JSON-serializable
 * `Fingerprint` whose `keys` find candidates without comparing all pairs:
 *  - `b<band>:<hex>`: MinHash LSH bands over 3-shingles of normalized content terms (copies);
 *  - `p:<hex>`: pairs of salient terms of one sentence (numbers as values, names by their
 *    transliteration skeleton, long content words): rewrites and translations keep a sentence's
 *    facts (who, how many) while changing its words.
 */
import type { Fingerprint, LinkDoc } from './types.js';
import { KIND_CODES, prepare, termOf, type Packed, type Prepared } from './normalize.js';

export const MINHASH_SIZE = 32;
export const BANDS = 8;
const ROWS = MINHASH_SIZE / BANDS;
/** salient terms per sentence that make pair keys */
const SALIENT_PER_SENTENCE = 4;
/** at most this many pair keys per document */
const MAX_PAIR_KEYS = 160;

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, seed: number): number {
  let x = (h ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** Content terms in reading order (no stop words, no quotes' weight games): the shingle basis. */
function contentTerms(p: Prepared): string[] {
  const X = p.packed;
  const out: string[] = [];
  for (let k = 0; k < X.n; k++) {
    if (X.junk[k]) continue;
    // a sentence's terms in alphabetical order: the same in every process (ids are per process)
    const ts: string[] = [];
    for (let q = X.off[k]!; q < X.off[k + 1]!; q++) { const kind = KIND_CODES[X.ks[q]!]; if (kind === 'word' || kind === 'name' || kind === 'number') ts.push(termOf(X.ids[q]!)); }
    out.push(...ts.sort());
  }
  return out;
}

export function minhash(terms: string[]): number[] {
  const sig = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  for (let i = 0; i + 2 < terms.length; i++) {
    const h = fnv1a(terms[i] + ' ' + terms[i + 1] + ' ' + terms[i + 2]);
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const v = mix(h, k + 1);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** Salient terms of sentence k, most telling first. */
function salient(X: Packed, k: number): string[] {
  const scored: [string, number][] = [];
  for (let q = X.off[k]!; q < X.off[k + 1]!; q++) {
    const t = termOf(X.ids[q]!), kind = KIND_CODES[X.ks[q]!];
    if (kind === 'number') {
      const v = Number(t.slice(1));
      if (v >= 10 || !Number.isInteger(v)) scored.push([t, 3 + Math.min(1, String(v).length / 10)]);
    } else if (kind === 'skeleton') scored.push([t, 2 + t.length / 100]);
    else if (kind === 'word' && t.length >= 7) scored.push([t, 1 + t.length / 100]);
  }
  scored.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return scored.slice(0, SALIENT_PER_SENTENCE).map((x) => x[0]);
}

export function fingerprintPrepared(p: Prepared): Fingerprint {
  const sig = minhash(contentTerms(p));
  const keys: string[] = [];
  if (sig[0] !== 0xffffffff) {
    for (let b = 0; b < BANDS; b++) {
      let h = 0x811c9dc5;
      for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!, b + 101);
      keys.push(`b${b}:${hex(h)}`);
    }
  }
  const pairs = new Set<string>();
  const X = p.packed;
  for (let k = 0; k < X.n; k++) {
    if (X.junk[k]) continue;
    const sal = salient(X, k).sort();
    for (let x = 0; x < sal.length; x++) for (let y = x + 1; y < sal.length; y++) pairs.add(`p:${hex(fnv1a(sal[x] + '|' + sal[y]))}`);
    if (pairs.size >= MAX_PAIR_KEYS) break;
  }
  keys.push(...[...pairs].slice(0, MAX_PAIR_KEYS));
  return { v: 1, minhash: sig, keys, sentences: X.n };
}

export function fingerprint(doc: LinkDoc): Fingerprint {
  return fingerprintPrepared(prepare(doc));
}

/** Estimated Jaccard of two MinHash signatures. */
export function minhashSimilarity(a: number[], b: number[]): number {
  let same = 0;
  for (let k = 0; k < MINHASH_SIZE; k++) if (a[k] === b[k]) same++;
  return same / MINHASH_SIZE;
}
