/**
 * @module text/sentences
 * Part of stage 2 (text): splits one paragraph of `Article.text` into sentences.
 * Input: the text and a paragraph range. Output: sentence spans, ordered, each trimmed of
 * whitespace, never crossing the range. A rule scanner, not wink-nlp: it runs in one pass with no
 * tokenizer, and abbreviations (kb/lexicons/abbreviations.json) decide the hard cases.
 */
import type { Span } from '../types.js';
import { ParleyError } from '../errors.js';
import { loadLexicon, stringList } from './lexicon.js';

type AbbrevClass = 'never' | 'beforeNumber' | 'beforeStarter' | 'beforeCapital' | 'months';
const CLASSES: AbbrevClass[] = ['never', 'beforeNumber', 'beforeStarter', 'beforeCapital', 'months'];

interface AbbrevData {
  never: string[];
  beforeNumber: string[];
  beforeStarter: string[];
  beforeCapital: string[];
  months: string[];
  sentenceStarters: string[];
}

interface Rules {
  abbrev: Map<string, AbbrevClass>;
  starters: Set<string>;
  /** Abbreviations with a space inside ("et al."), checked against the text before the period. */
  spaced: [string, AbbrevClass][];
}

let rules: Rules | null = null;

function getRules(): Rules {
  if (rules) return rules;
  const data = loadLexicon<AbbrevData>('abbreviations.json', (v) => {
    for (const k of [...CLASSES, 'sentenceStarters']) {
      const p = stringList(v, k);
      if (p) return p;
    }
    return null;
  });
  const abbrev = new Map<string, AbbrevClass>();
  const spaced: [string, AbbrevClass][] = [];
  for (const c of CLASSES) {
    for (const a of data[c]) {
      if (!a.endsWith('.')) throw new ParleyError(`text: abbreviation "${a}" in kb/lexicons/abbreviations.json does not end with a period`, { hint: 'write it with its final period, as in the text ("Gen.")' });
      abbrev.set(a, c);
      if (a.includes(' ')) spaced.push([a, c]);
    }
  }
  rules = { abbrev, starters: new Set(data.sentenceStarters), spaced };
  return rules;
}

// A terminator run and the closers that belong to the sentence it ends: `said."`, `(AP).`, `?!`.
const TERMINATOR = /[.!?…。！？؟।]+["'”’»)\]}]*/g;
// Terminators of scripts written without spaces between sentences.
const NO_SPACE_TERMINATOR = /[。！？]/;
const OPENERS = /["'“‘«(\[{—–\-*•]/;
const WS = /\s/;

const isLower = (ch: string): boolean => ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** The word before position `dot` (the period itself excluded), without leading openers. */
function wordBefore(text: string, from: number, dot: number): string {
  let i = dot;
  while (i > from && !WS.test(text[i - 1]!)) i--;
  let w = text.slice(i, dot);
  while (w.length && OPENERS.test(w[0]!)) w = w.slice(1);
  return w;
}

/** The first word after position `at` (skipping whitespace and openers), and where it starts. */
function wordAfter(text: string, at: number, end: number): { word: string; start: number } | null {
  let i = at;
  while (i < end && (WS.test(text[i]!) || OPENERS.test(text[i]!))) i++;
  if (i >= end) return null;
  let j = i;
  while (j < end && /[\p{L}\p{N}'’]/u.test(text[j]!)) j++;
  return { word: text.slice(i, j === i ? i + 1 : j), start: i };
}

/**
 * Whether the terminator run at [t, tEnd) (closers included) ends a sentence, given what follows.
 * `sentStart` is where the current sentence began.
 */
function endsSentence(text: string, sentStart: number, t: number, run: string, tEnd: number, end: number): boolean {
  const next = wordAfter(text, tEnd, end);
  if (!next) return true;
  const first = next.word[0]!;
  // "He said... and then" / "asked?" he said: a lowercase continuation never starts a sentence.
  if (isLower(first)) return false;
  if (run[0] !== '.' || run.startsWith('..')) return true;
  const r = getRules();
  const word = wordBefore(text, sentStart, t);
  const closers = run.length > 1;
  if (!word) return true;
  // A list enumerator alone at the paragraph start: "1. First point".
  if (/^\d{1,2}$/.test(word) && t - word.length === sentStart) return false;
  let cls = r.abbrev.get(word + '.');
  if (!cls && r.spaced.length) {
    // "et al." and other abbreviations with a space inside.
    const back = text.slice(Math.max(sentStart, t - 16), t + 1);
    for (const [a, c] of r.spaced) if (back.endsWith(a)) cls = c;
  }
  if (!cls) {
    // Initials and dotted acronyms not listed: "John F. Kennedy", "J.D. Vance", "D.C.".
    if (/^(?:\p{Lu}\.?)+$/u.test(word) && /^\p{Lu}/u.test(word) && (word.length === 1 || word.includes('.'))) cls = 'beforeStarter';
    else return true;
  }
  // A quote or bracket closed after the period ends the sentence whatever the abbreviation.
  if (closers) return true;
  switch (cls) {
    case 'never':
      return false;
    case 'beforeNumber':
      return !isDigit(first);
    case 'beforeCapital':
      return isUpper(first) || isDigit(first);
    case 'months':
      return !isDigit(first) && r.starters.has(next.word);
    case 'beforeStarter':
      return isDigit(first) || r.starters.has(next.word);
  }
}

const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Pushes [s, e) trimmed of whitespace, when anything is left. A piece with no letter or digit
 * (a stray " ." after "said.") joins the sentence before it instead of standing alone.
 */
function pushTrimmed(out: Span[], text: string, s: number, e: number, paraStart: number): void {
  while (s < e && WS.test(text[s]!)) s++;
  while (e > s && WS.test(text[e - 1]!)) e--;
  if (e <= s) return;
  const last = out[out.length - 1];
  if (last && last.start >= paraStart && !WORDISH.test(text.slice(s, e))) last.end = e;
  else out.push({ start: s, end: e });
}

/** Sentences of text[start, end), ordered, trimmed, inside the range. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  // Work on the paragraph alone: a regex scan of the whole text per paragraph would be quadratic.
  const para = text.slice(start, end);
  const n = para.length;
  const out: Span[] = [];
  let sentStart = 0;
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(para); m; m = TERMINATOR.exec(para)) {
    const run = m[0];
    const t = m.index, tEnd = t + run.length;
    const after = para[tEnd];
    const spaced = after === undefined || WS.test(after);
    if (!spaced && !NO_SPACE_TERMINATOR.test(run)) continue;
    if (spaced && !endsSentence(para, sentStart, t, run, tEnd, n)) continue;
    pushTrimmed(out, para, sentStart, tEnd, 0);
    sentStart = tEnd;
  }
  pushTrimmed(out, para, sentStart, n, 0);
  return start ? out.map((sp) => ({ start: sp.start + start, end: sp.end + start })) : out;
}
