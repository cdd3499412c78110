/**
 * @module annotate/numbers
 * Number parsing over tokens: digits ("31,000", "2.3", "2 000"), digit ranges ("700-1,000"),
 * number words ("fifty-eight", "one hundred and fifty", "a dozen", "four-and-a-half"), and
 * multipliers ("2.3 million", "1.5bn"). The words themselves live in kb/lexicons/quantities.json.
 * Input: a sentence's tokens and a position. Output: the number read there, or null.
 */
import { z } from 'zod';
import { loadLexicon } from './lexicons.js';
import type { Tok } from './sentence-tokens.js';

const words = z.array(z.string());
const numMap = z.record(z.string(), z.number());
export const QuantityLexiconSchema = z.object({
  numberWords: numMap, scales: numMap, abbrevScales: numMap, moneyOnlyScales: numMap, groupWords: numMap,
  fractions: numMap, vague: words, approxBefore: words, approxNotForTime: words, approxAfter: words, rangeJoiners: words,
  currencySymbols: z.record(z.string(), z.string()), currencyNouns: z.record(z.string(), z.string()),
  percentWords: words, pointWords: words, personNouns: z.record(z.string(), z.string()), personLike: words,
  roleNouns: words, exchangeCues: words, ingModifiers: words, freeModifiers: words, ellipsisModifiers: words,
  months: words, clockWords: words, yearNouns: words, yearRange: z.tuple([z.number(), z.number()]),
  cuesBefore: z.record(z.string(), z.string()), labelBefore: words, oneExcludeBefore: words,
  oneExcludeAfter: words, idioms: words, pronounHeads: words, dateAfter: words, boilerplateAfter: words, weekdays: words, ratioWords: words,
}).passthrough();
export type QuantityLexicon = z.infer<typeof QuantityLexiconSchema>;

export const quantityLexicon = (): QuantityLexicon => loadLexicon('quantities', QuantityLexiconSchema);

export interface NumberMatch {
  value: number;
  /** Token indexes, inclusive. */
  first: number;
  last: number;
  kind: 'digits' | 'words';
  /** For a one-token digit range ("700-1,000"): the high end; `value` is the low end. */
  high?: number;
  /** The digits as written, for year and id checks. */
  raw: string;
}

const DIGITS = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const RANGE = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[-–]((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$/;
const num = (s: string): number => Number(s.replace(/,/g, ''));

/** Reads a number starting at token `i`; `money` allows the bare "m"/"k" multipliers ("$5m"). */
export function parseNumberAt(toks: Tok[], i: number, lex: QuantityLexicon, money = false): NumberMatch | null {
  const t = toks[i];
  if (!t) return null;
  if (t.type === 'number' || DIGITS.test(t.value) || RANGE.test(t.value)) return parseDigits(toks, i, lex, money);
  // most tokens are not numbers: a cheap test before the word parser
  if (!(t.lower in lex.numberWords) && t.lower !== 'a' && t.lower !== 'an') return null;
  return parseWords(toks, i, lex);
}

function parseDigits(toks: Tok[], i: number, lex: QuantityLexicon, money: boolean): NumberMatch | null {
  const t = toks[i]!;
  const range = RANGE.exec(t.value);
  if (range) {
    const lo = num(range[1]!), hi = num(range[2]!);
    if (!(lo < hi)) return null; // "2-1", "24-7": a score or a code, not a range
    return scaleAfter(toks, { value: lo, high: hi, first: i, last: i, kind: 'digits', raw: t.value }, lex, money);
  }
  if (!DIGITS.test(t.value)) return null;
  let raw = t.value, last = i;
  // "2 000", "1 195": thousands grouped with a single space (as some outlets print them).
  if (/^\d{1,3}$/.test(raw)) {
    // "1,000" split by the tokenizer into "1" "," "000" (inside a hyphenated ratio)
    if (toks[i + 1]?.value === ',' && toks[i + 1]!.gap === 0 && toks[i + 2]?.gap === 0 && /^\d{3}$/.test(toks[i + 2]!.value)) {
      let k = i;
      while (toks[k + 1]?.value === ',' && toks[k + 1]!.gap === 0 && toks[k + 2]?.gap === 0 && /^\d{3}$/.test(toks[k + 2]!.value)) { raw += toks[k + 2]!.value; k += 2; }
      last = k;
    }
    for (let j = i + 1; toks[j] && toks[j]!.gap === 1 && /^\d{3}(?:\.\d+)?$/.test(toks[j]!.value) && j === last + 1; j++) {
      raw += toks[j]!.value; last = j;
    }
  }
  const value = num(raw);
  if (!Number.isFinite(value)) return null;
  return scaleAfter(toks, { value, first: i, last, kind: 'digits', raw: t.value }, lex, money);
}

/** "2.3 million", "1.5bn", "$5m": multiplies by the scale word that follows. */
function scaleAfter(toks: Tok[], m: NumberMatch, lex: QuantityLexicon, money: boolean): NumberMatch {
  let j = m.last + 1;
  let mult = 1;
  for (;;) {
    const n = toks[j];
    if (!n) break;
    const s = lex.scales[n.lower] ?? (n.gap === 0 ? lex.abbrevScales[n.lower] ?? (money ? lex.moneyOnlyScales[n.lower] : undefined) : undefined);
    if (s === undefined) break;
    mult *= s; j++;
  }
  if (mult === 1) return m;
  return { ...m, value: round(m.value * mult), ...(m.high !== undefined ? { high: round(m.high * mult) } : {}), last: j - 1 };
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** "fifty-eight", "one hundred and fifty", "a dozen", "two dozen", "four-and-a-half", "a hundred". */
function parseWords(toks: Tok[], i: number, lex: QuantityLexicon): NumberMatch | null {
  const lower = (k: number) => toks[k]?.lower ?? '';
  const isUnit = (w: string) => w in lex.numberWords;
  const isScale = (w: string) => w in lex.scales;
  const isGroup = (w: string) => w in lex.groupWords;
  let k = i;
  let total = 0, current = 0, seen = false;
  // "a hundred", "a dozen", "an estimated ..." is not a number: only an article before a scale/group word.
  if ((lower(k) === 'a' || lower(k) === 'an') && (isScale(lower(k + 1)) || isGroup(lower(k + 1)))) { current = 1; k++; seen = true; }
  let lastGood = -1;
  while (k < toks.length) {
    const w = lower(k);
    if (isUnit(w)) {
      if (seen && current % 100 !== 0 && current % 10 === 0 && current < 100 && lex.numberWords[w]! < 10 && lower(k - 1) === '-') current += lex.numberWords[w]!;
      else if (seen && current !== 0 && !isScale(lower(k - 1)) && lower(k - 1) !== 'and' && lower(k - 1) !== '-') break; // "two three": two numbers
      else current += lex.numberWords[w]!;
      seen = true; lastGood = k; k++;
    } else if (seen && isScale(w)) {
      const s = lex.scales[w]!;
      if (s === 100) current = (current || 1) * 100;
      else { total += (current || 1) * s; current = 0; }
      lastGood = k; k++;
    } else if (seen && isGroup(w) && toks[k]!.gap <= 1) {
      current = (current || 1) * lex.groupWords[w]!; lastGood = k; k++;
    } else if (seen && w === '-' && toks[k]!.gap === 0 && toks[k + 1]?.gap === 0 && isUnit(lower(k + 1))) {
      k++; // "fifty-eight"
    } else if (seen && w === 'and' && lastGood === k - 1 && isScale(lower(k - 1)) && isUnit(lower(k + 1))) {
      k++; // "one hundred and fifty"
    } else break;
  }
  if (!seen || lastGood < 0) return null;
  let value = total + current;
  // "four and a half", "four-and-a-half": adds a half, then an optional scale ("one and a half million").
  const half = halfAfter(toks, lastGood);
  let last = lastGood;
  if (half > 0) {
    value += 0.5; last = half;
    const s = lex.scales[lower(last + 1)];
    if (s !== undefined && s > 100) { value *= s; last++; }
  }
  return { value, first: i, last, kind: 'words', raw: toks.slice(i, last + 1).map((t) => t.value).join(' ') };
}

/** Index of "half" in "(-)and(-)a(-)half" right after token `k`, or -1. */
function halfAfter(toks: Tok[], k: number): number {
  const seq: string[] = [];
  const idx: number[] = [];
  for (let j = k + 1; j < toks.length && seq.length < 6; j++) {
    if (toks[j]!.lower === '-' && toks[j]!.gap === 0) continue;
    seq.push(toks[j]!.lower); idx.push(j);
    if (seq.length === 3) break;
  }
  return seq[0] === 'and' && seq[1] === 'a' && seq[2] === 'half' ? idx[2]! : -1;
}
