/**
 * @module link/normalize
 * Stage: link. Input: a `LinkDoc` (text, sentence spans, optional entities/quantities).
 * Output: `Prepared`: per sentence the alignment terms (stemmed content words with synonym
 * groups folded, names with a transliteration skeleton, numbers as values, entity keys),
 * plus the word sequence used for shingles. Pure; the lexicon comes from kb/link/.
 */
import type { Span } from '../types.js';
import type { LinkDoc } from './types.js';
import { loadLinkLexicon, type LinkLexicon } from './lexicon.js';

export interface Token extends Span {
  /** lowercased, diacritics folded */
  lower: string;
  /** starts with a capital letter */
  cap: boolean;
  /** numeric value when the token is (part of) a number */
  value: number | null;
}

export type TermKind = 'word' | 'name' | 'number' | 'entity' | 'skeleton';
export const KIND_CODES: readonly TermKind[] = ['word', 'name', 'number', 'entity', 'skeleton'];

// One process-wide term dictionary: terms are compared as small integers (compact, fast).
const termIds = new Map<string, number>();
const termStrings: string[] = [];
export function termId(t: string): number {
  let id = termIds.get(t);
  if (id === undefined) { id = termStrings.length; termStrings.push(t); termIds.set(t, id); }
  return id;
}
export const termOf = (id: number): string => termStrings[id]!;

export interface SentenceFeatures extends Span {
  /** term ids (see `termId`), ascending, with their base weights (max over occurrences) and kinds (KIND_CODES) */
  ids: Int32Array;
  ws: Float32Array;
  ks: Uint8Array;
  /** attribution cue words, and numbers written in digits, in the sentence */
  cues: number;
  digits: number;
  /** numbers in the sentence with their spans */
  numbers: { value: number; start: number; end: number }[];
  /** proper names (capitalized, not sentence-initial function words) with spans: normalized -> spans */
  names: { norm: string; skel: string; start: number; end: number; tokenIndex: number }[];
  tokens: Token[];
  /** word codes for `Packed.tok` (see there) */
  codes: Int32Array;
  /** content weight (sum of term weights) */
  mass: number;
  /** true for a site-junk line (follow us, read more...) */
  junk: boolean;
  heading: boolean;
}

/**
 * What comparing needs of a document, in flat typed arrays (a few KB a document): sentence k's
 * terms are ids[off[k]..off[k+1]), its names nameNorm/nameSkel[nameOff[k]..nameOff[k+1]).
 */
export interface Packed {
  n: number;
  off: Int32Array;
  ids: Int32Array;
  ws: Float32Array;
  ks: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  mass: Float32Array;
  junk: Uint8Array;
  cues: Uint8Array;
  digits: Uint8Array;
  nameOff: Int32Array;
  /** interned `n:<norm>` and `s:<skeleton>` ids */
  nameNorm: Int32Array;
  nameSkel: Int32Array;
  /**
   * The word sequence of sentence k, tok[tokOff[k]..tokOff[k+1]): interned word id x 4, plus
   * TOK_QUOTED when the word is inside quotation marks and TOK_CONTENT when it is a lowercase
   * content word (not a stop word, name or number). Shared wording is read from it.
   */
  tokOff: Int32Array;
  tok: Int32Array;
}

export const TOK_QUOTED = 1;
export const TOK_CONTENT = 2;

export interface Prepared {
  doc: LinkDoc;
  /** per sentence, with tokens: present when `full` (changes need them); empty once slimmed */
  sentences: SentenceFeatures[];
  packed: Packed;
  /** hashes of word 3-grams (all words lowercased, numbers as values), sorted, unique */
  shingles: Uint32Array;
  /** total content mass over non-junk sentences */
  mass: number;
  /** news agencies the text or the outlet field credits ("Reuters", "AFP") */
  wires: string[];
  /** false once `slim` dropped the tokens (changes need them: prepare again) */
  full: boolean;
}

/** The same prepared document with only its packed arrays: what comparing needs, a fraction of the memory. */
export function slim(p: Prepared): Prepared {
  return { ...p, full: false, sentences: [] };
}

// Packed arrays are carved from shared 4 MB slabs: millions of small ArrayBuffers slow every GC.
const SLAB = 4 << 20;
let slab = new ArrayBuffer(SLAB), slabAt = 0;
function carve(bytes: number): [ArrayBuffer, number] {
  const size = (bytes + 7) & ~7;
  if (size > SLAB / 4) return [new ArrayBuffer(size), 0];
  if (slabAt + size > SLAB) { slab = new ArrayBuffer(SLAB); slabAt = 0; }
  const at = slabAt;
  slabAt += size;
  return [slab, at];
}

export function pack(sentences: SentenceFeatures[]): Packed {
  const n = sentences.length;
  let T = 0, M = 0, W = 0;
  for (const s of sentences) { T += s.ids.length; M += s.names.length; W += s.codes.length; }
  // one carve for the whole document: 4-byte fields first, then the byte fields
  const i32 = (n + 1) * 3 + T + n * 2 + M * 2 + W, f32 = T + n, u8 = T + n * 3;
  const [buf, at] = carve((i32 + f32) * 4 + u8);
  let o = at;
  const I = (len: number) => { const v = new Int32Array(buf, o, len); o += len * 4; return v; };
  const F = (len: number) => { const v = new Float32Array(buf, o, len); o += len * 4; return v; };
  const U = (len: number) => { const v = new Uint8Array(buf, o, len); o += len; return v; };
  const p: Packed = {
    n, off: I(n + 1), ids: I(T), start: I(n), end: I(n), nameOff: I(n + 1), nameNorm: I(M), nameSkel: I(M), tokOff: I(n + 1), tok: I(W),
    ws: F(T), mass: F(n), ks: U(T), junk: U(n), cues: U(n), digits: U(n),
  };
  let t = 0, q = 0, w = 0;
  sentences.forEach((s, k) => {
    p.off[k] = t; p.nameOff[k] = q; p.tokOff[k] = w;
    p.tok.set(s.codes, w); w += s.codes.length;
    p.ids.set(s.ids, t); p.ws.set(s.ws, t); p.ks.set(s.ks, t); t += s.ids.length;
    for (const x of s.names) { p.nameNorm[q] = termId('n:' + x.norm); p.nameSkel[q] = termId('s:' + x.skel); q++; }
    p.start[k] = s.start; p.end[k] = s.end; p.mass[k] = s.mass; p.junk[k] = s.junk ? 1 : 0;
    p.cues[k] = Math.min(255, s.cues); p.digits[k] = Math.min(255, s.digits);
  });
  p.off[n] = t; p.nameOff[n] = q; p.tokOff[n] = w;
  return p;
}

const TOKEN_RE = /\d[\d,]*(?:\.\d+)?|[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu;

export function fold(s: string): string {
  // fast path: plain ASCII needs no decomposition
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/’/g, "'");
}

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    const raw = m[0];
    const s = start + m.index;
    const isNum = raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57;
    let lower = fold(raw);
    if (lower.endsWith("'s")) lower = lower.slice(0, -2);
    const value = isNum ? Number(raw.replace(/,/g, '')) : null;
    out.push({ start: s, end: s + raw.length, lower, cap: !isNum && raw[0] !== raw[0]!.toLowerCase(), value: value !== null && Number.isFinite(value) ? value : null });
  }
  return out;
}

/** Reads number words and digit+scale runs ("fifty", "thirty-three", "2.3 million") into values, in place. */
export function readNumberWords(tokens: Token[], lex: LinkLexicon, text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isUnit = lex.units.has(t.lower);
    // "a hundred", "a dozen": the article stands for one
    const isA = t.lower === 'a' && i + 1 < tokens.length && lex.scales.has(tokens[i + 1]!.lower);
    if (t.value === null && !isUnit && !isA) { out.push(t); continue; }
    // a run of number words / digits and scales, joined by hyphens, spaces or "and" after a scale
    let total = 0, current = t.value ?? (isA ? 1 : lex.units.get(t.lower)!), end = t.end, j = i + 1, afterScale = false;
    for (; j < tokens.length; j++) {
      const n = tokens[j]!;
      const gap = text.slice(end, n.start);
      if (!/^[\s-]*$/.test(gap) || gap.length > 2) break;
      // "one hundred and fifty": "and" joins only a scale to the units after it
      if (n.lower === 'and' && afterScale && t.value === null && lex.units.has(tokens[j + 1]?.lower ?? '')) { end = n.end; continue; }
      if (lex.scales.has(n.lower)) {
        const sc = lex.scales.get(n.lower)!;
        if (sc >= 1000) { total += current * sc; current = 0; } else current = (current || 1) * sc;
        afterScale = true;
      } else if (lex.units.has(n.lower) && t.value === null) {
        current += lex.units.get(n.lower)!;
        afterScale = false;
      } else break;
      end = n.end;
    }
    const value = total + current;
    // "one" alone is mostly a pronoun ("one of the"), not a count
    if (t.value === null && j === i + 1 && t.lower === 'one') { out.push({ ...t, value: null }); continue; }
    out.push({ start: t.start, end, lower: String(value), cap: false, value });
    i = j - 1;
  }
  return out;
}

export function stem(w: string): string {
  let s = w;
  if (s.length > 4) {
    if (s.endsWith('ies')) s = s.slice(0, -3) + 'y';
    else if (s.endsWith('sses')) s = s.slice(0, -2);
    else if (s.endsWith('ing') && s.length > 6) s = s.slice(0, -3);
    else if (s.endsWith('ed') && s.length > 5) s = s.slice(0, -2);
    else if (s.endsWith('es') && s.length > 5 && /(ch|sh|x|z)es$/.test(s)) s = s.slice(0, -2);
    else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);
    else if (s.endsWith('ly') && s.length > 6) s = s.slice(0, -2);
  }
  return s.length > 6 ? s.slice(0, 6) : s;
}

/** A consonant skeleton that survives transliteration (Kyiv/Kiev, Chernihiv/Chernigov, Aleksandr/Alexander). */
export function skeleton(w: string): string {
  let s = w.replace(/[^a-z]/g, '');
  if (!s) return '';
  s = s.replace(/x/g, 'ks').replace(/ph/g, 'f').replace(/ck/g, 'k').replace(/[cq]/g, 'k').replace(/g/g, 'h').replace(/z/g, 's').replace(/j/g, 'y');
  const head = s[0]!;
  const rest = s.slice(1).replace(/[aeiouyhw]/g, '');
  return (head + rest).replace(/(.)\1+/g, '$1');
}

export function canonical(lower: string, lex: LinkLexicon): string {
  const direct = lex.synonyms.get(lower);
  if (direct) return direct;
  const st = stem(lower);
  const viaStem = lex.synonyms.get(st);
  return viaStem ?? st;
}

function isJunkLine(text: string, lex: LinkLexicon): boolean {
  const l = text.toLowerCase();
  if (text.length > 200) return false;
  return lex.junkLines.some((j) => l.startsWith(j) || l.includes(' | ' + j) || (l.includes(j) && text.length < 120 && /\|/.test(text)));
}

/** Weight of a term inside quotation marks: a shared quote shows the same speaker, not the same writer. */
export const QUOTE_WEIGHT = 0.35;

/** Whether `pos` lies inside one of the sorted, disjoint `spans`. */
function insideAny(spans: Span[], pos: number): boolean {
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid]!.end <= pos) lo = mid + 1; else hi = mid; }
  return lo < spans.length && spans[lo]!.start <= pos;
}

/** Spans inside quotation marks (curly or straight), never running past a line break. */
export function quoteSpans(text: string): Span[] {
  const out: Span[] = [];
  let open = -1, straight = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') { open = -1; continue; }
    if (open < 0) {
      if (c === '“' || c === '«') { open = i; straight = false; }
      else if (c === '"') { open = i; straight = true; }
    } else if ((!straight && (c === '”' || c === '»')) || (straight && c === '"')) {
      out.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  return out;
}

export function prepare(doc: LinkDoc, lex: LinkLexicon = loadLinkLexicon()): Prepared {
  const { text } = doc;
  const quotes = quoteSpans(text);
  let qi = 0;
  const inQuote = (pos: number) => {
    while (qi < quotes.length && quotes[qi]!.end <= pos) qi++;
    return qi < quotes.length && quotes[qi]!.start <= pos;
  };
  // entity mentions by start offset, so their tokens align on the stable key
  const mentionAt: { start: number; end: number; key: string }[] = [];
  for (const e of doc.entities ?? []) for (const m of e.mentions) mentionAt.push({ start: m.start, end: m.end, key: e.key });
  mentionAt.sort((x, y) => x.start - y.start);
  const words: string[] = [];
  let mass = 0;
  const firstWords = phraseHeads(lex);
  const sentences = doc.sentences.map((sp): SentenceFeatures => {
    const raw = tokenize(text, sp.start, sp.end);
    const tokens = readNumberWords(raw, lex, text);
    const terms = new Map<string, number>();
    const kinds = new Map<string, TermKind>();
    let cues = 0, digits = 0;
    const sentWords: string[] = [];
    const numbers: SentenceFeatures['numbers'] = [];
    const names: SentenceFeatures['names'] = [];
    let factor = 1;
    const add = (t: string, w0: number, k: TermKind) => {
      const w = w0 * factor;
      if ((terms.get(t) ?? 0) < w) { terms.set(t, w); kinds.set(t, k); }
    };
    for (const m of mentionAt) if (m.start >= sp.start && m.end <= sp.end) add('e:' + m.key, 1.5, 'entity');
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      sentWords.push(t.lower);
      factor = inQuote(t.start) ? QUOTE_WEIGHT : 1;
      if (lex.attributionVerbs.has(t.lower)) cues++;
      if (t.value !== null) {
        if (text.charCodeAt(t.start) >= 48 && text.charCodeAt(t.start) <= 57) digits++;
        numbers.push({ value: t.value, start: t.start, end: t.end });
        const big = t.value >= 10 || !Number.isInteger(t.value);
        add('#' + t.value, big ? 2 : 1, 'number');
        continue;
      }
      if (t.lower.length < 2 && !t.cap) continue;
      // multiword synonym phrases ("pull back", "turned down")
      let phrase: string | null = null;
      if (firstWords.has(t.lower)) for (let n = Math.min(lex.maxPhrase, tokens.length - i); n >= 2; n--) {
        const p = tokens.slice(i, i + n).map((x) => x.lower).join(' ');
        const g = lex.synonyms.get(p);
        if (g) { phrase = g; i += n - 1; break; }
      }
      if (phrase) { add('w:' + phrase, 1, 'word'); continue; }
      const initial = i === 0 || /[“"'(:—–-]\s*$/.test(text.slice(Math.max(sp.start, t.start - 3), t.start));
      // stop words are skipped, except all-caps abbreviations ("US", "UN")
      if (lex.stop.has(t.lower) && !/^[A-Z]{2,}$/.test(text.slice(t.start, t.end))) continue;
      const isName = t.cap && (!initial || !lex.synonyms.has(t.lower));
      const c = canonical(t.lower, lex);
      add('w:' + c, isName ? 1.5 : 1, isName ? 'name' : 'word');
      if (isName && t.lower.length >= 4) {
        const sk = skeleton(t.lower);
        if (sk.length >= 2) add('k:' + sk, 0.5, 'skeleton');
        // sentence-initial capitals may be ordinary words ("Recent reports"): changes pair names by slot
        if (!initial || !lex.stop.has(t.lower)) names.push({ norm: t.lower, skel: sk, start: t.start, end: t.end, tokenIndex: i });
      }
    }
    // the word sequence, for shared wording: numbers as values, names and stop words kept as context
    const codes = new Int32Array(tokens.length);
    tokens.forEach((t, k) => {
      const content = t.value === null && !t.cap && t.lower.length >= 2 && !lex.stop.has(t.lower);
      codes[k] = termId('t:' + t.lower) * 4 + (insideAny(quotes, t.start) ? TOK_QUOTED : 0) + (content ? TOK_CONTENT : 0);
    });
    const sentText = text.slice(sp.start, sp.end);
    const junk = isJunkLine(sentText, lex);
    // site junk is not shared wording
    if (!junk) for (const w of sentWords) words.push(w);
    let m = 0;
    for (const w of terms.values()) m += w;
    if (!junk) mass += m;
    const order = [...terms.keys()].map((t) => [termId(t), t] as const).sort((x, y) => x[0] - y[0]);
    const ids = new Int32Array(order.length), ws = new Float32Array(order.length), ks = new Uint8Array(order.length);
    order.forEach(([id, t], k) => { ids[k] = id; ws[k] = terms.get(t)!; ks[k] = KIND_CODES.indexOf(kinds.get(t)!); });
    return { start: sp.start, end: sp.end, ids, ws, ks, cues, digits, numbers, names, tokens, codes, mass: m, junk, heading: Boolean((sp as { heading?: boolean }).heading) };
  });
  return { doc, sentences, packed: pack(sentences), shingles: shingleHashes(words), mass, wires: creditedWires(doc, lex), full: true };
}

const wireRes = new WeakMap<LinkLexicon, (readonly [string, RegExp])[]>();

/** Wire names credited in the text or the outlet field, matched as whole words. */
export function creditedWires(doc: LinkDoc, lex: LinkLexicon): string[] {
  const hay = doc.text + '\n' + (doc.outlet ?? '');
  let res = wireRes.get(lex);
  if (!res) {
    res = lex.wires.map((w) => [w, new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u')] as const);
    wireRes.set(lex, res);
  }
  return res.filter(([, re]) => re.test(hay)).map(([w]) => w);
}

const headsCache = new WeakMap<LinkLexicon, Set<string>>();
/** First words of the multiword synonym phrases ("pull" of "pull back"). */
function phraseHeads(lex: LinkLexicon): Set<string> {
  let h = headsCache.get(lex);
  if (!h) {
    h = new Set<string>();
    for (const k of lex.synonyms.keys()) if (k.includes(' ')) h.add(k.split(' ')[0]!);
    headsCache.set(lex, h);
  }
  return h;
}

function hash3(a: string, b: string, c: string): number {
  let h = 0x811c9dc5;
  const s = a + ' ' + b + ' ' + c;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

export function shingleHashes(words: string[]): Uint32Array {
  const out = new Uint32Array(Math.max(0, words.length - 2));
  for (let i = 0; i + 2 < words.length; i++) out[i] = hash3(words[i]!, words[i + 1]!, words[i + 2]!);
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i]!;
  return out.slice(0, k);
}
