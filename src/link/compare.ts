/**
 * @module link/compare
 * Stage: link. Input: two `LinkDoc`s (or their `Prepared` forms). Output: a parley.links/1 pair
 * (`duplicate` | `rewrite` | `translation` | `same-event`) with score, aligned sentence spans as
 * evidence, source, and what the copy changed; or null when the two are unrelated.
 * The decision and its tuning are described in src/link/README.md.
 */
import type { LinkPair } from '../record/schema.js';
import type { LinkDoc } from './types.js';
import { align, type Alignment } from './align.js';
import { prepare, termOf, type Packed, type Prepared } from './normalize.js';
import { countCues, findChanges } from './changes.js';
import { loadLinkLexicon } from './lexicon.js';

/** Thresholds of the derivation decision (README: how they were tuned). */
export const DECISION = Object.freeze({
  /** ordered coverage: (one-to-one monotone chain / best unordered matches) x (coverage of the more covered side) */
  orderedCoverage: 0.78,
  /** at least this many near-copy sentence pairs */
  strong: 3,
  /** mean similarity of aligned pairs */
  mean: 0.36,
  /** word-3-gram containment from which a pair is a copy whatever the sentences say */
  copyShingles: 0.5,
  /** kind `duplicate` from this containment up */
  duplicateShingles: 0.6,
  /** support wanted of a pair that only closure (sharing a relative) would link */
  closureOrder: 0.55,
  closureCoverage: 0.5,
  /**
   * shared wording (align.ts `wording`): lowercase content words in word runs shared outside
   * quotes by near-copy sentence pairs, over at least `wordingPairs` sentence pairs; with
   * `strong` near-copies and `closureCoverage`, two copies of one story that carry different
   * parts of it (their order and coverage fall short of `orderedCoverage`)
   */
  wording: 9,
  wordingPairs: 2,
  /** ... and the aligned content keeps its order, one moved block allowed (align.ts `orderBlocks`) */
  wordingOrder: 0.7,
  /** same-event: the pair shares this much aligned content without being derived */
  sameEventChain: 2.5,
  sameEventCoverage: 0.4,
  /** ... and, when both dates are known, they were published within this many days (one happening is reported together) */
  sameEventDays: 7,
})

export interface Comparison {
  a: Prepared;
  b: Prepared;
  al: Alignment;
  derived: boolean;
  /** enough shared ordered content to be linked if a common relative says they are derived */
  support: boolean;
  sameEvent: boolean;
  score: number;
  kind: LinkPair['kind'];
  /** 'a' | 'b' as the source, or null */
  source: 'a' | 'b' | null;
  /** why the source was chosen: 'date', 'text', or null */
  sourceBy: 'date' | 'text' | null;
}

export function compareAligned(a: Prepared, b: Prepared, al: Alignment = align(a, b)): Comparison {
  const maxCov = Math.max(al.covA, al.covB);
  const orderedCoverage = Math.min(1, al.orderStrict) * maxCov;
  const byAlignment = orderedCoverage >= DECISION.orderedCoverage && al.strong >= DECISION.strong && al.mean >= DECISION.mean;
  const byCopy = al.shingleContainment >= DECISION.copyShingles && al.pairs.length >= 2;
  const support = byAlignment || byCopy || (al.orderStrict >= DECISION.closureOrder && maxCov >= DECISION.closureCoverage && al.strong >= 1);
  // two copies of one wire story: both credit the same agency and their content keeps one order
  const byWire = !byAlignment && !byCopy && support && a.wires.some((w) => b.wires.includes(w)) && closeDates(a.doc.published, b.doc.published);
  // two copies of one story carrying different parts of it: several near-copy sentences share the writer's wording
  const byWording = !byAlignment && !byCopy && !byWire && Math.max(al.strong, al.nearCopies) >= DECISION.strong
    && Math.max(maxCov, al.covBlocksA, al.covBlocksB) >= DECISION.closureCoverage
    && al.wording >= DECISION.wording && al.wordingPairs >= DECISION.wordingPairs && al.orderBlocks >= DECISION.wordingOrder;
  const derived = byAlignment || byCopy || byWire || byWording;
  const sameEvent = !derived && al.chain >= DECISION.sameEventChain && maxCov >= DECISION.sameEventCoverage
    && closeDates(a.doc.published, b.doc.published, DECISION.sameEventDays);
  // 0..1: ordered coverage and similarity; copies score their shared wording
  const score = round(Math.max(derived ? al.shingleContainment : 0, 0.6 * orderedCoverage + 0.4 * Math.min(1, al.mean / 0.6)));
  const kind: LinkPair['kind'] = !derived ? 'same-event'
    : al.shingleContainment >= DECISION.duplicateShingles ? 'duplicate'
      : translitEvidence(a, b, al) >= 2 && al.shingleContainment < 0.3 ? 'translation' : 'rewrite';
  // wire and wording pairs are found because neither text holds the other's material in order: copies of a third text
  const dir = derived && !byWire && !byWording ? direction(a, b, al) : { source: null, by: null };
  return { a, b, al, derived, support, sameEvent, score, kind, source: dir.source, sourceBy: dir.by };
}

/** Aligned sentence pairs whose names match only through the transliteration skeleton (Kiev/Kyiv). */
/** Distinct name respellings inside aligned pairs (Kiev/Kyiv): same skeleton, close but different spelling. */
function translitEvidence(a: Prepared, b: Prepared, al: Alignment): number {
  const P = a.packed, Q = b.packed;
  const seen = new Set<string>();
  for (const { i, j } of al.pairs) {
    for (let x = P.nameOff[i]!; x < P.nameOff[i + 1]!; x++) {
      const xs = termOf(P.nameSkel[x]!), xn = termOf(P.nameNorm[x]!).slice(2);
      if (xs.length < 4) continue; // 's:' + at least two letters
      for (let y = Q.nameOff[j]!; y < Q.nameOff[j + 1]!; y++) {
        if (Q.nameSkel[y] !== P.nameSkel[x]) continue;
        const yn = termOf(Q.nameNorm[y]!).slice(2);
        if (respelled(xn, yn)) seen.add(xn < yn ? `${xn}|${yn}` : `${yn}|${xn}`);
      }
    }
  }
  // one misspelled name is a rewrite's error; several respellings are a transliteration system
  return seen.size;
}

/** Two spellings of one name: different, neither a form of the other (Israel/Israeli), close (Kyiv/Kiev). */
export function respelled(x: string, y: string): boolean {
  return x !== y && !y.startsWith(x) && !x.startsWith(y) && levenshtein(x, y) <= Math.max(2, 0.4 * Math.max(x.length, y.length));
}

export function levenshtein(x: string, y: string): number {
  const prev = Array.from({ length: y.length + 1 }, (_, k) => k);
  for (let i = 1; i <= x.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[y.length]!;
}

/** Publication dates at most two days apart, or unknown. */
/** Published within `days` of each other; true when either date is unknown. */
function closeDates(x: string | null, y: string | null, days = 2): boolean {
  if (!x || !y) return true;
  return Math.abs(Date.parse(x) - Date.parse(y)) <= days * 86400000;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Sentence ends without final punctuation: the text was cut off there. */
function endsCut(p: Prepared): boolean {
  const X = p.packed;
  for (let k = X.n - 1; k >= 0; k--) {
    if (X.junk[k]) continue;
    return !/[.!?"”’)\]]\s*$/.test(p.doc.text.slice(X.start[k], X.end[k]));
  }
  return false;
}

/** Distinct names in sentence k. */
function nameCount(X: Packed, k: number): number {
  return new Set(X.nameNorm.subarray(X.nameOff[k]!, X.nameOff[k + 1]!)).size;
}

/**
 * Which side is the source: the earlier publication date when both are known and differ; else
 * the text: the source keeps attributions and names the copy drops, has material the copy lacks,
 * carries no site junk; null when the evidence is weak or both carry much of their own material.
 */
export function direction(a: Prepared, b: Prepared, al: Alignment): { source: 'a' | 'b' | null; by: 'date' | 'text' | null } {
  const da = a.doc.published, db = b.doc.published;
  if (da && db && da !== db) return { source: da < db ? 'a' : 'b', by: 'date' };
  const lex = loadLinkLexicon();
  const uA = 1 - al.covA, uB = 1 - al.covB;
  // two copies of a third text: each has much material the other lacks
  if (uA >= 0.3 && uB >= 0.3) return { source: null, by: null };
  let attr = 0, names = 0, digits = 0;
  const P = a.packed, Q = b.packed;
  for (const { i, j } of al.pairs) {
    attr += Math.sign(P.cues[i]! - Q.cues[j]!);
    names += Math.sign(nameCount(P, i) - nameCount(Q, j));
    digits += Math.sign(P.digits[i]! - Q.digits[j]!);
  }
  const np = Math.max(1, al.pairs.length);
  const junkA = P.junk.reduce((x, v) => x + v, 0), junkB = Q.junk.reduce((x, v) => x + v, 0);
  // a text that names the other's outlet ("first published by ...") is the copy
  const credits = (x: Prepared, y: Prepared) => {
    const name = (y.doc.outlet ?? '').replace(/\s*\(.*$/, '').trim();
    return name.length >= 4 && x.doc.text.includes(name) && !(x.doc.outlet ?? '').includes(name) ? 1 : 0;
  };
  let s = 2 * (uA - uB)
    + 0.5 * (credits(b, a) - credits(a, b))
    + 0.8 * (attr / np) + 0.5 * (names / np) + 0.3 * (digits / np)
    + 0.3 * Math.sign(junkB - junkA)
    + 0.2 * ((endsCut(a) ? 1 : 0) - (endsCut(b) ? 1 : 0));
  // dev's text-decided pairs score 0.17-1.26: weaker evidence says nothing
  if (Math.abs(s) < 0.12) return { source: null, by: null };
  s = s > 0 ? 1 : -1;
  return { source: s > 0 ? 'a' : 'b', by: 'text' };
}


/** The parley.links/1 pair for a comparison (a, b in id order), or null when unrelated. */
export function toLinkPair(c: Comparison, opts: { withChanges?: boolean } = {}): LinkPair | null {
  if (!c.derived && !c.sameEvent) return null;
  const swap = c.a.doc.id > c.b.doc.id;
  const [A, B] = swap ? [c.b, c.a] : [c.a, c.b];
  const src = c.source === null ? null : c.source === 'a' ? c.a.doc.id : c.b.doc.id;
  const pairs = c.al.pairs.map((p) => (swap ? { i: p.j, j: p.i } : { i: p.i, j: p.j }));
  const evidence = pairs.map(({ i, j }) => ({
    a: [A.packed.start[i]!, A.packed.end[i]!] as [number, number],
    b: [B.packed.start[j]!, B.packed.end[j]!] as [number, number],
  }));
  const out: LinkPair = { a: A.doc.id, b: B.doc.id, kind: c.kind, source: src, score: c.score, evidence };
  if (c.derived && opts.withChanges !== false) {
    // changes need tokens: documents slimmed by a cache are prepared again (same terms, same alignment)
    const [FA, FB] = [A.full ? A : prepare(A.doc), B.full ? B : prepare(B.doc)];
    const al = swap || FA !== A || FB !== B ? align(FA, FB) : c.al;
    out.changes = findChanges(FA, FB, al, src === null ? null : src === A.doc.id ? 'a' : 'b');
  }
  return out;
}

export function comparePrepared(a: Prepared, b: Prepared): Comparison {
  return compareAligned(a, b, align(a, b));
}

/** Compares two documents: the link between them, or null when they are unrelated. */
export function comparePair(a: LinkDoc, b: LinkDoc): LinkPair | null {
  return toLinkPair(comparePrepared(prepare(a), prepare(b)));
}
