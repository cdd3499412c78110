/**
 * @module link/align
 * Stage: link. Input: two `Prepared` documents. Output: `Alignment`: sentence similarities
 * (pair-local idf-weighted overlap of terms), the best monotone chain of aligned sentence pairs
 * (a DP over the similarity matrix that lets one sentence match two consecutive ones, for
 * merged or split sentences), coverage of each side, and word-3-gram overlap.
 */
import { TOK_CONTENT, TOK_QUOTED, type Packed, type Prepared } from './normalize.js';

export interface AlignedPair {
  i: number;
  j: number;
  sim: number;
}

export interface Alignment {
  pairs: AlignedPair[];
  /** sum of sims over the chain */
  chain: number;
  /** share of each side's content mass inside aligned sentences (junk excluded) */
  covA: number;
  covB: number;
  /** mean sim of chain pairs */
  mean: number;
  /** sum over a's sentences of their best sim (>= threshold), ignoring order */
  free: number;
  /** chain / free: 1 when the best matches keep their order */
  order: number;
  /** word-3-gram containment in the smaller side, and Jaccard */
  shingleContainment: number;
  shingleJaccard: number;
  /** order over firm matches only (sim >= FIRM): chain share of the best-match mass */
  orderFirm: number;
  /** one-to-one monotone chain over the smaller best-match mass: 1 when every firm match keeps its order */
  orderStrict: number;
  /**
   * like `orderStrict`, but the chain may move one block: two one-to-one monotone chains, one in
   * a[0..s) x b[t..m), the other in a[s..n) x b[0..t) (a copy that put a later part first)
   */
  orderBlocks: number;
  /** coverage of each side by that chain of two blocks (= covA/covB when no block moved) */
  covBlocksA: number;
  covBlocksB: number;
  /** share of the smaller side's firm best matches that lie on one increasing sequence */
  lis: number;
  /** longest run of consecutive chain pairs, each with sim >= STRONG, stepping at most 2 sentences on each side */
  run: number;
  /** chain pairs with sim >= STRONG */
  strong: number;
  /**
   * Shared wording: over one-to-one near-copy sentence pairs (sim >= STRONG, best first), the
   * lowercase content words inside word runs of >= WORD_RUN the two sentences share outside
   * quotation marks; and how many sentence pairs contribute.
   */
  wording: number;
  wordingPairs: number;
  /** those one-to-one near-copy sentence pairs (sim >= STRONG), in or out of the chain */
  nearCopies: number;
  /** aligned sentences per side */
  alignedA: Set<number>;
  alignedB: Set<number>;
}

/** A sentence pair counts toward alignment from this similarity up. */
export const PAIR_MIN = 0.2;
/** A sentence pair this similar is a near-copy of one sentence. */
export const STRONG = 0.45;
/** Matches below this are too weak to say anything about order. */
export const FIRM = 0.33;
/** A shared word run this long (names, numbers and function words included) is shared wording. */
export const WORD_RUN = 4;

/**
 * Lowercase content words of sentence i (of P) inside runs of >= WORD_RUN words that sentence j
 * (of Q) has too, in the same sequence, neither copy quoting them: a writer's wording, not a
 * speaker's, and not names or numbers (facts every report of the event shares).
 */
export function sharedWording(P: Packed, i: number, Q: Packed, j: number): number {
  const a0 = P.tokOff[i]!, n = P.tokOff[i + 1]! - a0, b0 = Q.tokOff[j]!, m = Q.tokOff[j + 1]! - b0;
  if (n < WORD_RUN || m < WORD_RUN) return 0;
  const inA = new Uint8Array(n);
  let prev = new Int32Array(m + 1), cur = new Int32Array(m + 1);
  const same = (x: number, y: number) => {
    const u = P.tok[a0 + x]!, v = Q.tok[b0 + y]!;
    return u >> 2 === v >> 2 && ((u | v) & TOK_QUOTED) === 0;
  };
  for (let x = 1; x <= n; x++) {
    for (let y = 1; y <= m; y++) cur[y] = same(x - 1, y - 1) ? prev[y - 1]! + 1 : 0;
    for (let y = 1; y <= m; y++) {
      const L = cur[y]!;
      if (L >= WORD_RUN && (x === n || y === m || !same(x, y))) for (let k = x - L; k < x; k++) inA[k] = 1;
    }
    [prev, cur] = [cur, prev];
  }
  let c = 0;
  for (let k = 0; k < n; k++) if (inA[k] && P.tok[a0 + k]! & TOK_CONTENT) c++;
  return c;
}

/** Shared wording over one-to-one near-copy sentence pairs, the most similar first. */
function wordingOf(P: Packed, Q: Packed, sims: Float64Array[]): { wording: number; wordingPairs: number; nearCopies: number } {
  const cells: [number, number, number][] = [];
  for (let i = 0; i < P.n; i++) for (let j = 0; j < Q.n; j++) if (sims[i]![j]! >= STRONG) cells.push([sims[i]![j]!, i, j]);
  cells.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedA = new Set<number>(), usedB = new Set<number>();
  let wording = 0, wordingPairs = 0, nearCopies = 0;
  for (const [, i, j] of cells) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i); usedB.add(j);
    nearCopies++;
    const w = sharedWording(P, i, Q, j);
    if (w > 0) { wording += w; wordingPairs++; }
  }
  return { wording, wordingPairs, nearCopies };
}

export function similarityMatrix(a: Prepared, b: Prepared): Float64Array[] {
  const P = a.packed, Q = b.packed;
  const n = P.n, m = Q.n;
  // pair-local document frequency over the sentences of both texts: a term in every sentence aligns nothing
  const df = new Map<number, number>();
  for (const t of P.ids) df.set(t, (df.get(t) ?? 0) + 1);
  for (const t of Q.ids) df.set(t, (df.get(t) ?? 0) + 1);
  const N = n + m;
  const idfOf = new Map<number, number>();
  for (const [t, d] of df) idfOf.set(t, Math.log(1 + N / d));
  const weights = (X: Packed) => {
    const w = new Float64Array(X.n);
    for (let k = 0; k < X.n; k++) for (let q = X.off[k]!; q < X.off[k + 1]!; q++) w[k]! += X.ws[q]! * idfOf.get(X.ids[q]!)!;
    return w;
  };
  const wa = weights(P), wb = weights(Q);
  // term -> (sentence of b, its weight there), flat
  const inv = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    if (Q.junk[j]) continue;
    for (let q = Q.off[j]!; q < Q.off[j + 1]!; q++) { const t = Q.ids[q]!; let l = inv.get(t); if (!l) inv.set(t, (l = [])); l.push(j, Q.ws[q]!); }
  }
  const out: Float64Array[] = [];
  const inter = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(m);
    out.push(row);
    if (P.junk[i] || wa[i] === 0) continue;
    inter.fill(0);
    for (let k = P.off[i]!; k < P.off[i + 1]!; k++) {
      const l = inv.get(P.ids[k]!);
      if (!l) continue;
      const base = P.ws[k]!, w = idfOf.get(P.ids[k]!)!;
      for (let q = 0; q < l.length; q += 2) inter[l[q]!]! += Math.min(base, l[q + 1]!) * w;
    }
    for (let j = 0; j < m; j++) {
      const I = inter[j]!;
      if (I === 0) continue;
      const A = wa[i]!, B = wb[j]!;
      const dice = (2 * I) / (A + B);
      const small = Math.min(A, B);
      // containment rewards a sentence merged into a longer one, but not a tiny sentence inside anything
      const cont = small >= 6 ? I / small : dice;
      row[j] = 0.5 * (dice + cont);
    }
  }
  return out;
}

/** Size of the intersection of two sorted unique hash arrays. */
function common(x: Uint32Array, y: Uint32Array): number {
  let i = 0, j = 0, n = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) { n++; i++; j++; } else if (x[i]! < y[j]!) i++; else j++;
  }
  return n;
}

/** The pairs of the best one-to-one monotone chain inside a[i0..i1) x b[j0..j1). */
function lcsPairs(sims: Float64Array[], i0: number, i1: number, j0: number, j1: number, min: number): [number, number][] {
  const h = i1 - i0, w = j1 - j0, W = w + 1;
  const T = new Float64Array((h + 1) * W);
  for (let i = 1; i <= h; i++) for (let j = 1; j <= w; j++) {
    const k = i * W + j, sv = sims[i0 + i - 1]![j0 + j - 1]!;
    T[k] = Math.max(T[k - W]!, T[k - 1]!, sv >= min ? T[k - W - 1]! + sv : 0);
  }
  const out: [number, number][] = [];
  for (let i = h, j = w; i > 0 && j > 0;) {
    const k = i * W + j;
    if (T[k] === T[k - W]) i--;
    else if (T[k] === T[k - 1]) j--;
    else { out.push([i0 + i - 1, j0 + j - 1]); i--; j--; }
  }
  return out;
}

export function align(a: Prepared, b: Prepared, sims = similarityMatrix(a, b), min = PAIR_MIN): Alignment {
  const n = a.packed.n, m = b.packed.n;
  // D[i][j]: best chain within a[0..i) x b[0..j); C[i][j]: best chain ending exactly at (i-1, j-1).
  // A chain may step diagonally, or stay on one sentence of one side (a merged or split sentence).
  const W = m + 1;
  const D = new Float64Array((n + 1) * W);
  const C = new Float64Array((n + 1) * W);
  const from = new Int32Array((n + 1) * W).fill(-1); // predecessor C cell of a C cell
  const arg = new Int32Array((n + 1) * W).fill(-1); // the C cell D's value comes from
  for (let i = 1; i <= n; i++) {
    const row = sims[i - 1]!;
    for (let j = 1; j <= m; j++) {
      const k = i * W + j;
      const s = row[j - 1]!;
      let best = D[k - W]!, bestArg = arg[k - W]!;
      if (D[k - 1]! > best) { best = D[k - 1]!; bestArg = arg[k - 1]!; }
      if (s >= min) {
        let pv = 0, pk = -1;
        if (D[k - W - 1]! > pv) { pv = D[k - W - 1]!; pk = arg[k - W - 1]!; }
        if (C[k - W]! > pv) { pv = C[k - W]!; pk = k - W; }
        if (C[k - 1]! > pv) { pv = C[k - 1]!; pk = k - 1; }
        C[k] = s + pv;
        from[k] = pk;
        if (C[k]! > best) { best = C[k]!; bestArg = k; }
      }
      D[k] = best;
      arg[k] = bestArg;
    }
  }
  const pairs: AlignedPair[] = [];
  for (let k = arg[n * W + m]!; k >= 0; k = from[k]!) {
    const i = Math.floor(k / W) - 1, j = (k % W) - 1;
    pairs.push({ i, j, sim: sims[i]![j]! });
    if (pairs.length > n + m) break;
  }
  pairs.reverse();
  const alignedA = new Set(pairs.map((p) => p.i)), alignedB = new Set(pairs.map((p) => p.j));
  const massOf = (p: Prepared, set: Set<number>) => {
    let tot = 0, got = 0;
    const X = p.packed;
    for (let i = 0; i < X.n; i++) { if (X.junk[i]) continue; tot += X.mass[i]!; if (set.has(i)) got += X.mass[i]!; }
    return tot > 0 ? got / tot : 0;
  };
  const chain = pairs.reduce((x, p) => x + p.sim, 0);
  let freeA = 0;
  for (let i = 0; i < n; i++) { let bm = 0; for (let j = 0; j < m; j++) bm = Math.max(bm, sims[i]![j]!); if (bm >= min) freeA += bm; }
  let freeB = 0;
  for (let j = 0; j < m; j++) { let bm = 0; for (let i = 0; i < n; i++) bm = Math.max(bm, sims[i]![j]!); if (bm >= min) freeB += bm; }
  const free = Math.max(freeA, freeB);
  const firm = (sel: 'i' | 'j') => {
    const best = new Map<number, number>();
    const len = sel === 'i' ? n : m;
    for (let x = 0; x < len; x++) {
      let bm = 0;
      if (sel === 'i') for (let j = 0; j < m; j++) bm = Math.max(bm, sims[x]![j]!);
      else for (let i = 0; i < n; i++) bm = Math.max(bm, sims[i]![x]!);
      if (bm >= FIRM) best.set(x, bm);
    }
    let tot = 0; for (const v of best.values()) tot += v;
    let got = 0;
    const seen = new Set<number>();
    for (const p of pairs) { const x = sel === 'i' ? p.i : p.j; if (p.sim >= FIRM && !seen.has(x)) { seen.add(x); got += p.sim; } }
    return tot > 0 ? got / tot : 0;
  };
  const orderFirm = Math.min(firm('i'), firm('j'));
  // one-to-one chain (no merges): classic weighted LCS
  const L = new Float64Array((n + 1) * W);
  for (let i = 1; i <= n; i++) for (let j = 1; j <= m; j++) {
    const k = i * W + j, sv = sims[i - 1]![j - 1]!;
    L[k] = Math.max(L[k - W]!, L[k - 1]!, sv >= min ? L[k - W - 1]! + sv : 0);
  }
  const orderStrict = Math.min(freeA, freeB) > 0 ? L[n * W + m]! / Math.min(freeA, freeB) : 0;
  // one block moved: F[s][t] best chain in a[0..s) x b[t..m), G[s][t] best chain in a[s..n) x b[0..t)
  const F = new Float64Array((n + 1) * W), G = new Float64Array((n + 1) * W);
  const row = new Float64Array(m + 1), prevRow = new Float64Array(m + 1);
  for (let t = 0; t < m; t++) {
    // forward over a, columns b[t..m): F[s][t] is the row-s value of the last column
    prevRow.fill(0);
    for (let i = 1; i <= n; i++) {
      row.fill(0);
      for (let j = t + 1; j <= m; j++) {
        const sv = sims[i - 1]![j - 1]!;
        row[j] = Math.max(prevRow[j]!, row[j - 1]!, sv >= min ? prevRow[j - 1]! + sv : 0);
      }
      F[i * W + t] = row[m]!;
      prevRow.set(row);
    }
    // backward over a, columns b[0..t+1) read from the end: G[s][t+1]
    prevRow.fill(0);
    for (let i = n - 1; i >= 0; i--) {
      row.fill(0);
      for (let j = t; j >= 0; j--) {
        const sv = sims[i]![j]!;
        row[j] = Math.max(prevRow[j]!, row[j + 1]!, sv >= min ? prevRow[j + 1]! + sv : 0);
      }
      G[i * W + t + 1] = row[0]!;
      prevRow.set(row);
    }
  }
  let blocks = L[n * W + m]!, split = -1;
  for (let i = 0; i <= n; i++) for (let j = 0; j <= m; j++) if (F[i * W + j]! + G[i * W + j]! > blocks + 1e-9) { blocks = F[i * W + j]! + G[i * W + j]!; split = i * W + j; }
  let covBlocksA = -1, covBlocksB = -1;
  if (split >= 0) {
    const s0 = Math.floor(split / W), t0 = split % W;
    const setA = new Set<number>(), setB = new Set<number>();
    for (const [i, j] of [...lcsPairs(sims, 0, s0, t0, m, min), ...lcsPairs(sims, s0, n, 0, t0, min)]) { setA.add(i); setB.add(j); }
    covBlocksA = massOf(a, setA); covBlocksB = massOf(b, setB);
  }
  const orderBlocks = Math.min(freeA, freeB) > 0 ? blocks / Math.min(freeA, freeB) : 0;
  // LIS of best-match positions of the side with fewer firm matches
  const bestPos = (rows: boolean) => {
    const out: number[] = [];
    const len = rows ? n : m;
    for (let x = 0; x < len; x++) {
      let bm = 0, at = -1;
      if (rows) { for (let j = 0; j < m; j++) if (sims[x]![j]! > bm) { bm = sims[x]![j]!; at = j; } }
      else for (let i = 0; i < n; i++) if (sims[i]![x]! > bm) { bm = sims[i]![x]!; at = i; }
      if (bm >= FIRM) out.push(at);
    }
    return out;
  };
  const lisOf = (xs: number[]) => {
    const tails: number[] = [];
    for (const v of xs) { let lo = 0, hi = tails.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (tails[mid]! <= v) lo = mid + 1; else hi = mid; } tails[lo] = v; }
    return xs.length ? tails.length / xs.length : 0;
  };
  const pa = bestPos(true), pb = bestPos(false);
  const lis = pa.length <= pb.length ? lisOf(pa) : lisOf(pb);
  let run = 0, cur = 0, strong = 0;
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k]!, q = pairs[k - 1];
    if (p.sim < STRONG) { cur = 0; continue; }
    strong++;
    cur = q && q.sim >= STRONG && p.i - q.i <= 2 && p.j - q.j <= 2 ? cur + 1 : 1;
    run = Math.max(run, cur);
  }
  const shared = common(a.shingles, b.shingles);
  const smaller = Math.min(a.shingles.length, b.shingles.length);
  return {
    pairs, chain,
    covA: massOf(a, alignedA), covB: massOf(b, alignedB),
    mean: pairs.length ? chain / pairs.length : 0,
    free, order: free > 0 ? chain / free : 0,
    shingleContainment: smaller ? shared / smaller : 0,
    shingleJaccard: a.shingles.length + b.shingles.length - shared ? shared / (a.shingles.length + b.shingles.length - shared) : 0,
    alignedA, alignedB, run, strong, orderFirm, orderStrict, orderBlocks, lis,
    covBlocksA: covBlocksA < 0 ? massOf(a, alignedA) : covBlocksA, covBlocksB: covBlocksB < 0 ? massOf(b, alignedB) : covBlocksB,
    ...wordingOf(a.packed, b.packed, sims),
  };
}
