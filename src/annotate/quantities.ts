/**
 * @module annotate/quantities
 * Stage 3 (annotate), quantities: every explicit number that counts or measures something, in
 * the kept sentences (headings included), with its value, unit and the counted phrase.
 * Input: `Segmented`. Output: `Quantity[]` ordered by offset; `text === article.text.slice(start, end)`.
 *
 * Decisions (see ../shared/spec/ANNOTATION.md "Quantities", "Units"):
 * - unit is the singular lemma of the counted head noun found with wink-nlp POS and lemmas
 *   ("27 Israeli hostages" -> hostage); people are `person`; people counted by nationality or as
 *   women/children/civilians in a sentence about a release or exchange take the role the article
 *   gives that nationality elsewhere ("Palestinian prisoners" -> "150 Palestinians" = prisoner),
 *   or the role of another count with the same value ("40 hostages" ... "40 women and children").
 * - `what` is the counted phrase as written, between the number and the head noun inclusive
 *   ("Palestinian prisoners"); for a number without its noun ("one alive", "80 serving long
 *   sentences") unit and what come from the count it refers back to in the sentence (or the one before).
 * - ranges give one quantity per explicit number, both approx: "700-1,000 trucks" -> 700 and
 *   1000 truck; "between 700 and 1,000", "two or three days" likewise.
 * - approx is set by a hedge before ("about", "more than", "at least") or after ("or so").
 * - left out: dates (a month name next to the number), years (1800-2100 without a plural head
 *   noun), clock times, ordinals, vague plurals ("dozens"), labels ("Resolution 2735", "Phase 2"),
 *   ids and phone numbers (7+ bare digits), "one of", "no one", "the one that", "one another".
 */
import type { Quantity, Segmented } from '../types.js';
import { parseNumberAt, quantityLexicon, type NumberMatch, type QuantityLexicon } from './numbers.js';
import { isTitleCase, sentenceTokens, type Tok } from './sentence-tokens.js';

/** Units that are measures, not things that can be referred back to by a bare number. */
const MEASURES = new Set(['day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'percent', 'point', 'dollar', 'euro', 'pound', 'shekel']);

interface Draft {
  q: Quantity;
  sentence: number;
  /** Index of the head noun token in the sentence, or -1 when the unit is inherited or absent. */
  head: number;
  demonym: string | null;
  needsRole: boolean;
  /** The high end of a one-token range ("700-1,000"), as its own quantity. */
  high?: Quantity;
}

export function findQuantities(seg: Segmented): Quantity[] {
  if (!seg.analysable) return [];
  const lex = quantityLexicon();
  const text = seg.article.text;
  const all = sentenceTokens(seg);
  const ctx = articleContext(all, lex);
  const drafts: Draft[] = [];
  let previous: Draft[] = [];
  all.forEach((toks, si) => {
    const sentence = seg.sentences[si]!;
    const prevSame = si > 0 && seg.sentences[si - 1]!.paragraph === sentence.paragraph ? previous : [];
    previous = sentenceQuantities(toks, si, text, lex, prevSame, sentence.heading || isTitleCase(text.slice(sentence.start, sentence.end)));
    for (const d of previous) drafts.push(d);
  });
  // Roles for people counted in an exchange: the demonym's role in this article, else a same-valued count.
  const roleByValue = new Map<number, string>();
  for (const d of drafts) if (d.q.unit && lex.roleNouns.includes(d.q.unit) && !roleByValue.has(d.q.value)) roleByValue.set(d.q.value, d.q.unit);
  for (const d of drafts) {
    if (!d.needsRole) continue;
    const role = (d.demonym && ctx.demonymRole.get(d.demonym)) ?? roleByValue.get(d.q.value);
    if (role) d.q.unit = role;
  }
  const seen = new Set<string>();
  return drafts.map((d) => d.q).sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((q) => { const k = `${q.start}:${q.end}`; if (seen.has(k)) return false; seen.add(k); return true; });
}

/** What the whole article says once: which role each nationality has ("Palestinian prisoners"). */
function articleContext(all: Tok[][], lex: QuantityLexicon): { demonymRole: Map<string, string> } {
  const demonymRole = new Map<string, string>();
  for (const toks of all) {
    for (let i = 0; i + 1 < toks.length; i++) {
      const a = toks[i]!;
      if (!/^\p{Lu}/u.test(a.value) || a.pos !== 'PROPN' && a.pos !== 'ADJ') continue;
      // allow one modifier between: "Palestinian security prisoners", "Israeli civilian hostages"
      for (const j of [i + 1, i + 2]) {
        const b = toks[j];
        if (!b) break;
        if (lex.roleNouns.includes(b.lemma) || lex.roleNouns.includes(singular(b.lower))) {
          const key = singular(a.lower);
          if (!demonymRole.has(key)) demonymRole.set(key, lex.roleNouns.includes(b.lemma) ? b.lemma : singular(b.lower));
          break;
        }
        if (b.pos !== 'ADJ' && b.pos !== 'NOUN') break;
      }
    }
  }
  return { demonymRole };
}

function sentenceQuantities(toks: Tok[], si: number, text: string, lex: QuantityLexicon, prev: Draft[], heading: boolean): Draft[] {
  const out: Draft[] = [];
  const lowers = toks.map((t) => t.lower);
  let exchangeMemo: boolean | null = null;
  const exchange = () => (exchangeMemo ??= hasCue(lowers, lex.exchangeCues));
  const idiomTokens = idiomMask(lowers, lex.idioms);
  const depth: number[] = [];
  toks.reduce((dep, t, i) => { const n = t.value === '(' ? dep + 1 : t.value === ')' ? Math.max(0, dep - 1) : dep; depth[i] = t.value === '(' ? n : dep; return n; }, 0);
  const matches: NumberMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    const money = i > 0 && isCurrencySymbol(toks[i - 1]!, lex);
    const m = parseNumberAt(toks, i, lex, money);
    if (!m) continue;
    matches.push(m);
    i = m.last;
  }
  const fracs = fractionMatches(toks, lex, matches);
  const pending: { m: NumberMatch; draft: Draft | null }[] = [];
  for (const m of [...matches, ...fracs].sort((a, b) => a.first - b.first)) {
    if (idiomTokens.has(m.first)) continue;
    if (excluded(toks, m, lex, heading)) continue;
    const d = readQuantity(toks, m, si, text, lex, exchange);
    pending.push({ m, draft: d });
  }
  // Ranges and lists that share one noun: "700 to 1,000 trucks", "two or three days", "between 5 and 10".
  for (let k = 0; k + 1 < pending.length; k++) {
    const a = pending[k]!, b = pending[k + 1]!;
    if (!b.draft || b.draft.head < 0 || a.draft && a.draft.head >= 0) continue;
    const joiner = toks.slice(a.m.last + 1, b.m.first).map((t) => t.lower).join(' ');
    const between = toks[a.m.first - 1]?.lower === 'between' && joiner === 'and';
    if (!between && !lex.rangeJoiners.includes(joiner)) continue;
    const q: Quantity = { ...b.draft.q, value: a.m.value, approx: true, start: toks[a.m.first]!.start, end: toks[a.m.last]!.end, text: '' };
    q.text = text.slice(q.start, q.end);
    a.draft = { ...b.draft, q, head: -1 };
    b.draft.q.approx = true;
  }
  // A number without its noun refers back to the last count of things in the sentence (or the one before),
  // preferring one at the same bracket depth: "130 delegates (including 14 soldiers), 55 of the Guard" -> delegates.
  const prevAnte = [...prev].reverse().find((o) => o.q.unit && !MEASURES.has(o.q.unit));
  let lastAny: Draft | null = null;
  const lastAtDepth = new Map<number, Draft>();
  for (const p of pending) {
    const d = p.draft;
    if (d && d.head >= 0) {
      if (d.q.unit && !MEASURES.has(d.q.unit)) { lastAny = d; lastAtDepth.set(depth[p.m.first] ?? 0, d); }
      continue;
    }
    if (!d || d.q.unit !== null) continue;
    if (!elliptical(toks, p.m, lex)) { p.draft = null; continue; }
    const ante = (lastAtDepth.get(depth[p.m.first] ?? 0) ?? lastAny) ?? (isOne(p.m, toks) ? undefined : prevAnte);
    if (!ante) {
      // "half will go to the north": a fraction stands alone; other bare numbers are dropped
      if (p.m.value < 1 && p.m.value > 0) { d.q.unit = 'fraction'; d.q.what = null; continue; }
      p.draft = null; continue;
    }
    d.q.unit = ante.q.unit; d.q.what = ante.q.what; d.needsRole = false;
  }
  for (const p of pending) {
    const d = p.draft;
    if (!d || d.q.unit === null) continue;
    out.push(d);
    if (d.high) out.push({ ...d, q: { ...d.high, unit: d.q.unit, what: d.q.what }, high: undefined });
  }
  return out;
}

const lowerOf = (t: Tok | undefined) => t?.lower ?? '';
const isOne = (m: NumberMatch, toks: Tok[]) => m.first === m.last && toks[m.first]!.lower === 'one';

function hasCue(lowers: string[], cues: string[]): boolean {
  const joined = ' ' + lowers.join(' ') + ' ';
  return cues.some((c) => joined.includes(' ' + c + ' '));
}

/** Token indexes covered by an idiom ("one by one", "at one point"); idioms indexed by first word. */
const idiomIndex = new WeakMap<readonly string[], Map<string, string[][]>>();
function idiomMask(lowers: string[], idioms: readonly string[]): Set<number> {
  let index = idiomIndex.get(idioms);
  if (!index) {
    index = new Map();
    for (const idiom of idioms) {
      const parts = idiom.split(/(-|\s+)/).filter((p) => p.trim());
      index.set(parts[0]!, [...(index.get(parts[0]!) ?? []), parts]);
    }
    idiomIndex.set(idioms, index);
  }
  const mask = new Set<number>();
  for (let i = 0; i < lowers.length; i++) {
    for (const parts of index.get(lowers[i]!) ?? []) {
      if (parts.every((p, k) => lowers[i + k] === p)) for (let k = 0; k < parts.length; k++) mask.add(i + k);
    }
  }
  return mask;
}

function isCurrencySymbol(t: Tok, lex: QuantityLexicon): boolean {
  return t.type === 'currency' || t.lower in lex.currencySymbols;
}

const isMonth = (t: Tok | undefined, lex: QuantityLexicon) => !!t && lex.months.includes(t.lower) && (t.lower !== 'may' || /^M/.test(t.value));

/** Dates, years handled later, clock times, labels, ids. */
function excluded(toks: Tok[], m: NumberMatch, lex: QuantityLexicon, heading: boolean): boolean {
  const prev = toks[m.first - 1], next = toks[m.last + 1];
  const prev2 = toks[m.first - 2];
  const t = toks[m.first]!;
  if (m.kind === 'digits') {
    const dayOrYear = Number.isInteger(m.value) && m.value >= 1 && m.value <= 31 || /^\d{4}$/.test(m.raw);
    if (dayOrYear && (isMonth(prev, lex) || isMonth(next, lex))) return true; // "October 7", "7 October", "May 2024"
    // "Boeing 737 jets", "Resolution 2231": a number right after a name is part of it
    if (prev && prev.pos === 'PROPN' && /^\p{Lu}/u.test(prev.value) && prev.gap > 0 && m.first > 1 && !isMonth(prev, lex)
      && !lex.weekdays.includes(prev.lower) && !heading) return true;
    if (next?.lower === 'of' && isMonth(toks[m.last + 2], lex)) return true; // "the 7th of October" (ordinal) / "7 of October"
    if (prev?.lower === ',' && isMonth(prev2, lex) && /^\d{4}$/.test(m.raw)) return true; // "May 31, 2024"
    if (prev && /^\d/.test(prev.value) && prev.gap === 0) return true;
    if (prev?.value === ',' && t.gap === 0 && prev.gap === 0 && prev2 && /\d$/.test(prev2.value)) return true; // "1,0|00" split by the tokenizer
    if (/^\d{7,}$/.test(m.raw)) return true; // ids, phone numbers
    // "+1 202 555 0100", "3 4 5": a run of bare digit groups is a code, not a count
    if (prev && prev.gap <= 1 && /^\d+$/.test(prev.value) || next && /^\d+$/.test(next.value) && next.gap <= 1) return true;
    if (next && (next.value === ':' || next.value === '/') && next.gap === 0) return true; // clock "10:30", "19/1"
    if (prev && (prev.value === '/' || prev.value === ':' || prev.value === '+' || prev.value === '#') && prev.gap === 0) return true;
    if (prev && prev.value === '-' && prev.gap === 0 && prev2 && /\p{L}$/u.test(prev2.value) && m.first >= 2
      && !lex.ratioWords.includes(prev2.lower)) return true; // "COVID-19", but not "1,000-for-1,000"
  }
  if (next && lex.clockWords.includes(next.lower) && !(next.lower === 'h' && next.gap > 0)) return true;
  const after2 = `${next?.lower ?? ''} ${toks[m.last + 2]?.lower ?? ''}`;
  if (next && (lex.boilerplateAfter.includes(next.lower) || lex.boilerplateAfter.includes(after2))) return true; // "5 min read"
  // "Phase 2", "Resolution 2735", "No. 5", "phase 2 of"; not "each day 500 trucks" (a lower-case word with a counted noun after)
  if (prev && lex.labelBefore.includes(prev.lower) && !(m.kind === 'words' && prev.lower === 'no')
    && (/^\p{Lu}|^\W/u.test(prev.value) || m.kind === 'digits' && (!next || !['NOUN', 'ADJ', 'PROPN'].includes(next.pos)))) return true;
  if (m.kind === 'words' && !heading && /^\p{Lu}/u.test(t.value) && prev && /^\p{Lu}/u.test(prev.value) && m.first > 0) return true; // "Air Force One", "the Big Three"
  if (m.kind === 'words' && prev?.value === '-' && prev.gap === 0 && t.gap === 0 && prev2 && /\p{L}$/u.test(prev2.value)) return true; // "phase-two issues"
  if (isOne(m, toks)) {
    if (prev && lex.oneExcludeBefore.includes(prev.lower)) return true;
    if (next && lex.oneExcludeAfter.includes(next.lower)) return true;
  }
  return false;
}

/** "half of", "a third of", "two-thirds of": a fraction of something (value 0.5, 0.333..., 0.666...). */
function fractionMatches(toks: Tok[], lex: QuantityLexicon, taken: NumberMatch[]): NumberMatch[] {
  const out: NumberMatch[] = [];
  const used = new Set<number>();
  for (const m of taken) for (let k = m.first; k <= m.last; k++) used.add(k);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const f = lex.fractions[t.lower];
    if (f === undefined || used.has(i)) continue;
    const next = toks[i + 1]?.lower ?? '';
    const prev = toks[i - 1];
    let first = i, mult = 1;
    const w = (k: number) => lex.numberWords[toks[k]?.lower ?? ''];
    if (prev && (prev.lower === 'a' || prev.lower === 'an')) { first = i - 1; }
    else if (prev && prev.lower === '-' && prev.gap === 0 && w(i - 2) !== undefined) { first = i - 2; mult = w(i - 2)!; } // "two-thirds"
    else if (prev && w(i - 1) !== undefined) { first = i - 1; mult = w(i - 1)!; } // "two thirds", "one third"
    else if (t.lower !== 'half') continue;
    if (t.lower === 'half') {
      if (prev && ['first', 'second', 'latter', 'former', 'other', 'and'].includes(prev.lower)) continue;
      if (toks[i + 1]?.value === '-' && toks[i + 1]!.gap === 0) continue; // "half-brother"
      if (!['of', 'the', 'will', 'would', 'were', 'are', 'was', 'is', 'have', 'had', 'should', 'could'].includes(next)) continue;
    } else if (next !== 'of') continue;
    // the number word before the fraction ("two" of "two-thirds") was read as a count: the fraction replaces it
    if (used.has(first) && !taken.some((m) => m.first === first && m.last === first)) continue;
    if (t.lower !== 'half' && (t.lower === 'third' || t.lower === 'quarter') && mult > 1) continue; // "two third" is not English; "second quarter" never reaches here
    out.push({ value: mult * f, first, last: i, kind: 'words', raw: toks.slice(first, i + 1).map((x) => x.value).join('') });
  }
  // a fraction that swallowed a number word ("two-thirds"): drop the bare number match
  for (const f of out) {
    const k = taken.findIndex((m) => m.first === f.first);
    if (k >= 0) taken.splice(k, 1);
  }
  return out;
}

/** A number with nothing counted after it, yet standing for things: "one alive", "80 serving", "12 believed". */
function elliptical(toks: Tok[], m: NumberMatch, lex: QuantityLexicon): boolean {
  const prev = toks[m.first - 1];
  const next = toks[m.last + 1];
  if (prev && /^\p{Lu}/u.test(prev.value) && (prev.pos === 'PROPN' || prev.pos === 'NOUN') && m.first - 1 > 0) return false; // a label
  if (m.kind === 'digits' && Number.isInteger(m.value) && m.value >= lex.yearRange[0] && m.value <= lex.yearRange[1] && !m.raw.includes(',')) return false;
  if (isOne(m, toks)) return !!next && (lex.ellipsisModifiers.includes(next.lower));
  if (!next) return true;
  if (next.lower === 'of') return ['whom', 'them', 'those', 'these', 'which'].includes(toks[m.last + 2]?.lower ?? '');
  if (lex.ellipsisModifiers.includes(next.lower)) return true;
  return ['VERB', 'AUX', 'ADP', 'PRON', 'PUNCT', 'CCONJ', 'ADJ', 'NOUN', 'SCONJ', 'PART', 'ADV'].includes(next.pos)
    && !(next.pos === 'ADP' && next.lower === 'of');
}

/** Builds the quantity for one number: money, percent, measure ("six-week"), counted noun, or partitive. */
function readQuantity(toks: Tok[], m: NumberMatch, si: number, text: string, lex: QuantityLexicon, exchange: () => boolean): Draft | null {
  const first = toks[m.first]!, lastTok = toks[m.last]!;
  let start = first.start, end = lastTok.end;
  let unit: string | null = null, what: string | null = null, head = -1, demonym: string | null = null, needsRole = false;
  let hedge = approxBefore(toks, m.first, lex);
  // "hand over 7,000", "took over 40": a particle of the verb, not a hedge
  if (hedge && lex.approxNotForTime.includes(hedge) && toks[m.first - 2]?.pos === 'VERB') hedge = null;
  let approx = hedge !== null || approxAfter(toks, m.last, lex) || m.high !== undefined;
  const prev = toks[m.first - 1];
  const j = m.last + 1;
  const next = toks[j];
  const mk = (): Draft => {
    // "over three years" is a span of time, not a hedge
    if (hedge && lex.approxNotForTime.includes(hedge) && unit && MEASURES.has(unit) && !approxAfter(toks, m.last, lex)) approx = false;
    const q: Quantity = { value: m.value, approx, unit, what, start, end, text: text.slice(start, end) };
    return { q, sentence: si, head, demonym, needsRole };
  };
  // money: "$1.5 billion", "US$ 300", "5 million dollars"
  if (prev && isCurrencySymbol(prev, lex) && prev.end <= first.start && first.start - prev.end <= 1) {
    const sym = prev.lower in lex.currencySymbols ? lex.currencySymbols[prev.lower]! : 'dollar';
    unit = sym; what = prev.value; start = prev.start; head = m.first - 1;
    return withRange(mk(), m, toks, text);
  }
  // percent and points: "14.5%", "20 per cent", "115 percentage points"
  const pct = phraseAt(toks, j, lex.pointWords) ?? -1;
  if (pct >= 0) { unit = 'point'; what = text.slice(next!.start, toks[pct]!.end); end = toks[pct]!.end; head = pct; return withRange(mk(), m, toks, text); }
  const pc = phraseAt(toks, j, lex.percentWords) ?? -1;
  if (pc >= 0) { unit = 'percent'; what = text.slice(next!.start, toks[pc]!.end); end = toks[pc]!.end; head = pc; return withRange(mk(), m, toks, text); }
  // cue before: "the age of 19", "aged 19"
  for (const [cue, u] of Object.entries(lex.cuesBefore)) {
    const parts = cue.split(' ');
    if (parts.every((p, k) => toks[m.first - parts.length + k]?.lower === p)) {
      unit = u; what = cue.split(' ')[0]!; start = toks[m.first - parts.length]!.start; head = m.first - 1;
      return mk();
    }
  }
  // "1,000-for-1,000": each side of a ratio counts what the sentence counted before
  if (next?.value === '-' && next.gap === 0 && (lex.ratioWords.includes(lowerOf(toks[j + 1])) || lex.ratioWords.includes(lowerOf(toks[j + 1]).split('-')[0]!) && /\d/.test(lowerOf(toks[j + 1]))) || prev?.value === '-' && lex.ratioWords.includes(lowerOf(toks[m.first - 2]))) return mk();
  // measure: "six-week", "42-day", "21-year-old", "3-tiered"
  if (next && next.value === '-' && next.gap === 0 && toks[j + 1] && toks[j + 1]!.gap === 0 && /^\p{L}/u.test(toks[j + 1]!.value)) {
    const w = toks[j + 1]!;
    if (w.lower === 'and' || lex.numberWords[w.lower] !== undefined || lex.fractions[w.lower] !== undefined) return null;
    unit = measureLemma(w); what = w.value; end = w.end; head = j + 1;
    if (toks[j + 2]?.value === '-' && toks[j + 3]?.lower === 'old') end = toks[j + 3]!.end;
    if (isYear(m, lex) && !m.raw.includes(',')) return null;
    return mk();
  }
  // "men (225)": a count in brackets right after its noun
  if (prev?.value === '(' && next?.value === ')' && toks[m.first - 2] && isNounTok(toks[m.first - 2]!)) {
    const h = toks[m.first - 2]!;
    unit = nounLemma(h, lex); what = h.value; start = h.start; end = next.end; head = m.first - 2;
    return mk();
  }
  // partitive: "two of the four meetings", "50 of the roughly 240 hostages"
  let runStart = j;
  if (next?.lower === 'of' && !isOne(m, toks)) {
    let k = j + 1;
    if (['the', 'these', 'those', 'its', 'their', 'our'].includes(toks[k]?.lower ?? '')) k++;
    while (toks[k] && lex.approxBefore.includes(toks[k]!.lower)) k++;
    const inner = parseNumberAt(toks, k, lex);
    if (inner) k = inner.last + 1;
    runStart = k;
  } else if (next?.lower === 'of') return mk(); // "one of the ...": left for ellipsis check, which rejects it
  const h = headNoun(toks, runStart, m, lex);
  if (h && lex.dateAfter.includes(toks[h.head + 1]?.lower ?? '')) return null; // "two days ago": a date, for the time layer
  // "two others", "100 wounded": the word after the number stands for the counted people, it is not their noun
  if (h && !lex.pronounHeads.includes(toks[h.head]!.lower) && !(h.head === h.from && lex.ellipsisModifiers.includes(toks[h.head]!.lower))) {
    head = h.head;
    const ht = toks[h.head]!;
    end = ht.end;
    what = text.slice(toks[h.from]!.start, ht.end);
    unit = nounLemma(ht, lex);
    if (isYear(m, lex) && (!isPlural(ht, lex) || lex.yearNouns.includes(ht.lower))) return null;
    if (m.value === 1 && isPlural(ht, lex) && ht.pos !== 'PROPN') return null; // "one ... reasons": not what "one" counts
    const demonymTok = toks.slice(h.from, h.head + 1).find((t) => t.pos === 'PROPN' || /^\p{Lu}/u.test(t.value) && t.pos === 'ADJ');
    if (ht.pos === 'PROPN' || isDemonymHead(ht)) { demonym = singular(ht.lower); unit = 'person'; }
    else if (demonymTok) demonym = singular(demonymTok.lower);
    needsRole = (unit === 'person' || lex.personLike.includes(unit)) && exchange();
    return withRange(mk(), m, toks, text);
  }
  if (isYear(m, lex)) return null;
  return withRange(mk(), m, toks, text);
}

/** A one-token range "700-1,000": this quantity keeps the low end; the high end rides along in `high`. */
function withRange(d: Draft, m: NumberMatch, toks: Tok[], text: string): Draft {
  if (m.high === undefined) return d;
  const t = toks[m.first]!;
  const lowEnd = t.start + t.value.search(/[-–]/);
  const high: Quantity = { ...d.q, value: m.high, start: lowEnd + 1, text: text.slice(lowEnd + 1, d.q.end) };
  d.q = { ...d.q, end: lowEnd, text: text.slice(d.q.start, lowEnd) };
  d.high = high;
  return d;
}

function isYear(m: NumberMatch, lex: QuantityLexicon): boolean {
  return m.kind === 'digits' && Number.isInteger(m.value) && m.value >= lex.yearRange[0] && m.value <= lex.yearRange[1] && /^\d{4}$/.test(m.raw);
}

/** The hedge before a number ("about", "more than"), or null. */
function approxBefore(toks: Tok[], i: number, lex: QuantityLexicon): string | null {
  for (let n = 3; n >= 1; n--) {
    if (i - n < 0) continue;
    const phrase = toks.slice(i - n, i).map((t) => t.lower).join(' ');
    if (lex.approxBefore.includes(phrase)) return phrase;
  }
  const p = toks[i - 1];
  return p && isCurrencySymbol(p, lex) ? approxBefore(toks, i - 1, lex) : null;
}

function approxAfter(toks: Tok[], last: number, lex: QuantityLexicon): boolean {
  for (let n = 1; n <= 2; n++) {
    const phrase = toks.slice(last + 1, last + 1 + n).map((t) => t.lower).join(' ');
    if (lex.approxAfter.includes(phrase)) return true;
  }
  return false;
}

/** Index of the last token of a lexicon phrase starting at token `j` ("per cent", "%"), or null. */
function phraseAt(toks: Tok[], j: number, phrases: string[]): number | null {
  let best: number | null = null;
  for (const p of phrases) {
    const parts = p.split(/(?<=\S)(?=[%])|\s+|(?<=-)|(?=-)/).filter(Boolean);
    if (parts.every((w, k) => toks[j + k]?.lower === w) && (toks[j]?.gap ?? 9) <= 1) best = Math.max(best ?? -1, j + parts.length - 1);
  }
  return best;
}

const isNounTok = (t: Tok) => t.pos === 'NOUN' || t.pos === 'PROPN';

/** Plural noun or demonym: a count above one names its noun in the plural. */
function isPlural(t: Tok, lex: QuantityLexicon): boolean {
  if (t.lower in lex.personNouns) return t.lower !== 'person';
  if (t.pos === 'PROPN') return isDemonymHead(t) || /^\p{Lu}{2,}s$/u.test(t.value);
  return t.lemma !== t.lower || /[^s]s$/.test(t.lower) && t.lemma !== t.lower;
}

/** "Palestinians", "Israelis", "Gazans", "Ukrainians": capitalised plurals of people (not "Hamas"). */
function isDemonymHead(t: Tok): boolean {
  return /^\p{Lu}\p{Ll}+(?:ans|ians|is|ese|ns|ers|ots|oes|os|ites|is)$/u.test(t.value) && !/(?:as|us|ss)$/.test(t.lower);
}

function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ss|us|is)$/.test(w) && !/is$/.test(w)) return w;
  if (/is$/.test(w)) return w.slice(0, -1); // israelis -> israeli
  if (/s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
  return w;
}

function nounLemma(t: Tok, lex: QuantityLexicon): string {
  const p = lex.personNouns[t.lower];
  if (p) return p;
  if (t.lower in lex.currencyNouns) return lex.currencyNouns[t.lower]!;
  if (t.pos === 'PROPN') return /^\p{Lu}{2,}s$/u.test(t.value) ? t.lower.slice(0, -1) : singular(t.lower);
  const l = t.lemma && /^\p{L}/u.test(t.lemma) ? t.lemma : singular(t.lower);
  return lex.personNouns[l] ?? l;
}

/** "week" in "six-week", "tier" in "3-tiered", "year" in "21-year-old". */
function measureLemma(t: Tok): string {
  const w = t.lower;
  if (/ed$/.test(w) && w.length > 4) return w.replace(/ed$/, '');
  return t.pos === 'NOUN' ? t.lemma : singular(w);
}

/**
 * The counted head noun after a number: skips modifiers (adjectives, demonyms, participles,
 * compound nouns) and stops at the first plural noun ("600 aid trucks" -> trucks).
 */
function headNoun(toks: Tok[], from: number, m: NumberMatch, lex: QuantityLexicon): { from: number; head: number } | null {
  let k = from;
  let lastNoun = -1, firstNoun = -1;
  const wantPlural = !(m.value === 1 || m.value < 1 && m.value > 0) || m.high !== undefined;
  while (k < toks.length) {
    const t = toks[k]!;
    if (k > from && t.gap > 0 && toks[k - 1]!.value === '-') break;
    if (t.value === '-' && t.gap === 0 && toks[k + 1]?.gap === 0 && k > from) { k++; continue; } // "long-term", "dual-national"
    const isMod = lex.freeModifiers.includes(t.lower) || lex.ingModifiers.includes(t.lower);
    if (/ing$/.test(t.lower) && !isMod && t.pos !== 'PROPN') {
      // a verb taking an object ("80 serving long sentences") ends the phrase; a noun in -ing ("two meetings") heads it
      const n = toks[k + 1];
      if (n && (n.pos === 'NOUN' || n.pos === 'DET' || n.pos === 'ADJ' || n.pos === 'NUM')) break;
      if (t.pos === 'NOUN') { lastNoun = k; if (!wantPlural) { k++; continue; } }
      break;
    }
    if (lex.months.includes(t.lower) && /^\p{Lu}/u.test(t.value)) break;
    if (t.pos === 'NUM' && k > from && toks[k - 1]!.pos === 'PROPN' && /^\d+$/.test(t.value)) { k++; continue; } // "50 Boeing 737 jets"
    if (isMod) { k++; continue; } // "remaining", "other", "living": modifiers, never the counted noun
    if (t.pos === 'NOUN' || t.pos === 'PROPN' && /^\p{Lu}/u.test(t.value)) {
      if (wantPlural && isPlural(t, lex)) {
        // "women soldiers": a plural noun right after a plural noun is the head
        while (toks[k + 1]?.pos === 'NOUN' && toks[k + 1]!.gap > 0 && isPlural(toks[k + 1]!, lex)) k++;
        return { from, head: k };
      }
      if (t.pos === 'NOUN') { lastNoun = k; if (firstNoun < 0) firstNoun = k; }
      else if (isDemonymHead(t)) return { from, head: k };
      k++; continue;
    }
    if (t.pos === 'ADJ' || isMod || t.pos === 'VERB' && /(?:ed|en)$/.test(t.lower) || t.pos === 'ADV' && /ly$/.test(t.lower) && toks[k + 1]?.pos === 'ADJ') { k++; continue; }
    if (t.lower === 'and' && lastNoun < 0 && k > from && (toks[k + 1]?.pos === 'ADJ' || toks[k + 1]?.pos === 'VERB')) { k++; continue; } // "sick and injured hostages"
    break;
  }
  // no plural: "one aid truck" counts its last noun; "a four and a half year plan" its first (a compound)
  if (wantPlural && firstNoun >= 0 && firstNoun < k && firstNoun === from) return { from, head: firstNoun };
  if (lastNoun >= 0 && !wantPlural) return { from, head: lastNoun };
  return null;
}
