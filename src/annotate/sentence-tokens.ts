/**
 * @module annotate/sentence-tokens
 * wink-nlp tokens of each kept sentence, with offsets into `Article.text`, computed once per
 * article and shared by the quantity and clause finders (both run on the same `Segmented`).
 * Input: `Segmented`. Output: one `Tok[]` per sentence, same order as `seg.sentences`.
 */
import type { Segmented } from '../types.js';
import { getNlp } from '../text/nlp.js';

export interface Tok {
  /** The token as written. */
  value: string;
  lower: string;
  /** Offsets into `Article.text`. */
  start: number;
  end: number;
  /** Universal POS tag from wink-nlp (NOUN, PROPN, NUM, ...). */
  pos: string;
  lemma: string;
  /** wink-nlp token type: word, number, punctuation, currency, ordinal, symbol, ... */
  type: string;
  /** Spaces between the previous token and this one (0 when glued). */
  gap: number;
}

const cache = new WeakMap<Segmented['article'], { sentences: Segmented['sentences']; toks: Tok[][] }>();

export function sentenceTokens(seg: Segmented): Tok[][] {
  const hit = cache.get(seg.article);
  if (hit && hit.sentences === seg.sentences) return hit.toks;
  const toks = articleTokens(seg);
  cache.set(seg.article, { sentences: seg.sentences, toks });
  return toks;
}

/**
 * One wink-nlp pass over the whole text, tokens dealt out to the kept sentences by offset; a
 * heading (tagged in lower case) or a sentence a token straddles is tokenized on its own.
 */
function articleTokens(seg: Segmented): Tok[][] {
  const text = seg.article.text;
  const own = (s: Segmented['sentences'][number]) => tokenize(text, s.start, s.end, true);
  const needOwn = seg.sentences.map((s) => s.heading || isTitleCase(text.slice(s.start, s.end)));
  if (seg.sentences.length === 0) return [];
  const span = { start: seg.sentences[0]!.start, end: seg.sentences[seg.sentences.length - 1]!.end };
  const all = tokenize(text, span.start, span.end, false);
  const out: Tok[][] = [];
  let k = 0;
  seg.sentences.forEach((s, si) => {
    while (k < all.length && all[k]!.end <= s.start) k++;
    const mine: Tok[] = [];
    let straddles = k < all.length && all[k]!.start < s.start;
    while (k < all.length && all[k]!.start < s.end) {
      if (all[k]!.end > s.end) { straddles = true; break; }
      mine.push(all[k]!); k++;
    }
    if (straddles || needOwn[si]) { out.push(own(s)); return; }
    // the first token of a sentence has no gap to anything before it
    if (mine[0]) mine[0] = { ...mine[0], gap: 0 };
    out.push(mine);
  });
  return out;
}

/** Tokens of `text.slice(start, end)`; offsets found by searching forward, so odd spacing cannot shift them. */
export function tokenize(text: string, start: number, end: number, heading = false): Tok[] {
  if (end <= start) return [];
  const nlp = getNlp();
  const its = nlp.its;
  const slice = text.slice(start, end);
  // Title-case headings fool the tagger (every word a PROPN): tag them in lower case, keep the text as written.
  const lowered = heading ? slice.toLowerCase() : slice;
  const doc = nlp.readDoc(lowered.length === slice.length ? lowered : slice);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemma = doc.tokens().out(its.lemma as never) as unknown as string[];
  const type = doc.tokens().out(its.type) as string[];
  const out: Tok[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    if (!v) continue;
    let at = (lowered.length === slice.length ? lowered : slice).indexOf(v, cursor);
    // wink may normalise a token (quotes, ellipses): keep it glued to the cursor rather than jump.
    if (at < 0 || at - cursor > 40) { at = cursor; while (at < slice.length && /\s/.test(slice[at]!)) at++; }
    const len = (lowered.length === slice.length ? lowered : slice).startsWith(v, at) ? v.length : Math.max(1, Math.min(v.length, slice.length - at));
    if (at >= slice.length) break;
    out.push({ value: slice.slice(at, at + len), lower: v.toLowerCase(), start: start + at, end: start + at + len,
      pos: pos[i] ?? 'X', lemma: (lemma[i] ?? v).toLowerCase(), type: type[i] ?? 'word', gap: at - cursor });
    cursor = at + len;
  }
  return out;
}

/** A headline-style line: most words of four letters or more start with a capital. */
export function isTitleCase(line: string): boolean {
  const words = line.match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.75;
}
