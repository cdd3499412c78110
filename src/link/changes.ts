/**
 * @module link/changes
 * Stage: link. Input: two prepared documents, their sentence alignment, and which one is the
 * reference (the source, or `a` when the source is unknown). Output: parley.links/1 `changes`:
 * numbers, names and titles that changed inside aligned sentences, attributions the copy
 * dropped, and sentences added or dropped, each with spans in both texts where they exist.
 */
import type { LinkPair } from '../record/schema.js';
import type { Alignment } from './align.js';
import type { Prepared, SentenceFeatures } from './normalize.js';
import { loadLinkLexicon, type LinkLexicon } from './lexicon.js';
import { respelled } from './compare.js';

export type Change = NonNullable<LinkPair['changes']>[number];
type Side = { start: number; end: number; text: string };

const side = (p: Prepared, start: number, end: number): Side => ({ start, end, text: p.doc.text.slice(start, end) });

/** Attribution cue spans in a sentence: "according to X", "X said", "citing ...". */
export function attributionCues(p: Prepared, s: SentenceFeatures, lex: LinkLexicon): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const toks = s.tokens;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (!lex.attributionVerbs.has(t.lower)) continue;
    // the cue with its neighbouring name words (up to 4 tokens on the side where capitals are)
    let start = t.start, end = t.end;
    for (let q = k + 1; q < Math.min(toks.length, k + 5); q++) {
      if (toks[q]!.cap || toks[q]!.lower === 'to' || toks[q]!.lower === 'the' || toks[q]!.lower === 'by') end = toks[q]!.end; else break;
    }
    for (let q = k - 1; q >= Math.max(0, k - 4); q--) {
      if (toks[q]!.cap) start = toks[q]!.start; else break;
    }
    out.push({ start, end });
  }
  void p;
  return out;
}

function countCues(s: SentenceFeatures, _lex: LinkLexicon): number {
  return s.cues;
}

export { countCues };

/** The role words right before a name ("U.S. President", "former President"), as a span, or null. */
function titleBefore(p: Prepared, s: SentenceFeatures, tokenIndex: number, lex: LinkLexicon): { start: number; end: number; words: string } | null {
  let k = tokenIndex - 1, start = -1;
  const words: string[] = [];
  while (k >= 0 && tokenIndex - k <= 3) {
    const t = s.tokens[k]!;
    if (!lex.roleWords.has(t.lower)) break;
    start = t.start;
    words.unshift(t.lower);
    k--;
  }
  // one modifier before the role words: "water minister", "foreign minister"
  const mod = s.tokens[k];
  // (shown in the span, not compared: "met Prime Minister X" and "Prime Minister X" keep one title)
  if (start >= 0 && mod && !mod.cap && mod.value === null && !lex.stop.has(mod.lower) && /^\s+$/.test(p.doc.text.slice(mod.end, start))) {
    start = mod.start;
  }
  return start >= 0 ? { start, end: s.tokens[tokenIndex - 1]!.end, words: words.join(' ') } : null;
}

/** End of the full name starting at a token: the run of capitalized tokens ("Ilse Baraket"). */
function nameEnd(s: SentenceFeatures, tokenIndex: number): number {
  let k = tokenIndex;
  while (k + 1 < s.tokens.length && s.tokens[k + 1]!.cap && s.tokens[k + 1]!.start - s.tokens[k]!.end <= 1) k++;
  return s.tokens[k]!.end;
}

export function findChanges(a: Prepared, b: Prepared, al: Alignment, reference: 'a' | 'b' | null, lex: LinkLexicon = loadLinkLexicon()): Change[] {
  const out: Change[] = [];
  const ref = reference ?? 'a';
  for (const { i, j } of al.pairs) {
    const sa = a.sentences[i]!, sb = b.sentences[j]!;
    // numbers: values only on one side, paired in order of appearance
    const va = new Set(sa.numbers.map((n) => n.value)), vb = new Set(sb.numbers.map((n) => n.value));
    const onlyA = sa.numbers.filter((n) => !vb.has(n.value) && !isYearLike(n.value));
    const onlyB = sb.numbers.filter((n) => !va.has(n.value) && !isYearLike(n.value));
    for (let k = 0; k < Math.min(onlyA.length, onlyB.length); k++) {
      out.push({ kind: 'number', a: side(a, onlyA[k]!.start, onlyA[k]!.end), b: side(b, onlyB[k]!.start, onlyB[k]!.end) });
    }
    // names: a name on one side that the other spells differently beyond transliteration, in the same slot
    const na = sa.names, nb = sb.names;
    const normsB = new Set(nb.map((x) => x.norm)), skB = new Set(nb.map((x) => x.skel));
    const normsA = new Set(na.map((x) => x.norm)), skA = new Set(na.map((x) => x.skel));
    const lostA = na.filter((x) => !normsB.has(x.norm) && !skB.has(x.skel));
    const lostB = nb.filter((x) => !normsA.has(x.norm) && !skA.has(x.skel));
    // respellings: the same skeleton, another spelling (Witkoff/Wietkoff, Kyiv/Kiev)
    for (const x of na) {
      if (normsB.has(x.norm)) continue;
      const y = nb.find((c) => c.skel === x.skel && respelled(x.norm, c.norm));
      if (y) out.push({ kind: 'name', a: side(a, x.start, x.end), b: side(b, y.start, y.end) });
    }
    for (const x of lostA) {
      // a replacement: same first letter or at the same relative position
      // not a role word ("Minister"), not another form of the same word (Israeli/Israelis, Egypt/Egyptian)
      if (lex.roleWords.has(x.norm)) continue;
      // the same slot: the same word before or after it ("Steve Witkoff" / "Steve Whittaker")
      const around = (q: SentenceFeatures, k: number) => [q.tokens[k - 1]?.lower ?? '^', q.tokens[k + 1]?.lower ?? '$'];
      const [xb, xa] = around(sa, x.tokenIndex);
      const y = lostB.find((c) => {
        if (c.norm[0] !== x.norm[0] || lex.roleWords.has(c.norm) || commonPrefix(c.norm, x.norm) >= 4) return false;
        const [yb, ya] = around(sb, c.tokenIndex);
        return (xb === yb && xb !== '^') || (xa === ya && xa !== '$');
      });
      if (y) { out.push({ kind: 'name', a: side(a, x.start, x.end), b: side(b, y.start, y.end) }); lostB.splice(lostB.indexOf(y), 1); }
    }
    // titles: the same name with different role words before it
    for (const x of na) {
      const y = nb.find((c) => c.norm === x.norm);
      if (!y) continue;
      const ta = titleBefore(a, sa, x.tokenIndex, lex), tb = titleBefore(b, sb, y.tokenIndex, lex);
      if ((ta || tb) && ta?.words !== tb?.words) {
        out.push({ kind: 'title', a: side(a, ta ? ta.start : x.start, nameEnd(sa, x.tokenIndex)), b: side(b, tb ? tb.start : y.start, nameEnd(sb, y.tokenIndex)) });
      }
    }
    // attribution dropped: the reference attributes, the copy does not
    const [rp, rs, cp, cs] = ref === 'a' ? [a, sa, b, sb] as const : [b, sb, a, sa] as const;
    if (countCues(rs, lex) > 0 && countCues(cs, lex) === 0) {
      const cue = attributionCues(rp, rs, lex)[0]!;
      const refSide = side(rp, cue.start, cue.end), copySide = side(cp, cs.start, cs.end);
      out.push(ref === 'a' ? { kind: 'attribution-dropped', a: refSide, b: copySide } : { kind: 'attribution-dropped', a: copySide, b: refSide });
    }
  }
  // sentences only in one text (junk lines and headings are not content)
  const unaligned = (p: Prepared, set: Set<number>) => p.sentences.filter((s, k) => !set.has(k) && !s.junk && s.mass >= 3);
  const [refP, refSet, copyP, copySet] = ref === 'a' ? [a, al.alignedA, b, al.alignedB] : [b, al.alignedB, a, al.alignedA];
  for (const s of unaligned(refP, refSet)) {
    const sd = side(refP, s.start, s.end);
    out.push(ref === 'a' ? { kind: 'sentence-dropped', a: sd, b: null } : { kind: 'sentence-dropped', a: null, b: sd });
  }
  for (const s of unaligned(copyP, copySet)) {
    const sd = side(copyP, s.start, s.end);
    out.push(ref === 'a' ? { kind: 'sentence-added', a: null, b: sd } : { kind: 'sentence-added', a: sd, b: null });
  }
  return out;
}

function commonPrefix(x: string, y: string): number {
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k;
}

/** Years and days of the month differ between rewrites as dates, not as counts: left to the time layer. */
function isYearLike(v: number): boolean {
  return Number.isInteger(v) && v >= 1900 && v <= 2100;
}
