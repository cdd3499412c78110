/**
 * @module kb/normalize
 * Name normalization shared by the kb compiler and the entity layer: word splitting, folded
 * forms (no case, accents, periods or apostrophes), slugs for keys, a transliteration-tolerant
 * phonetic key and a bounded edit distance. Pure string functions, no state.
 */

/** One word of a name or of a text, with its place in the string it came from. */
export interface Word {
  start: number;
  end: number;
  text: string;
  /** Folded form: lower case, no accents, no periods or apostrophes. */
  norm: string;
  /** A possessive 's / ’s / ʼs followed the word (not part of it). */
  poss: boolean;
  /** The characters between this word and the next one (' ', '-', ', '...), '' at the end. */
  gap: string;
}

const MARKS = /[\u0300-\u036f]/g;
const APOS = /['’ʼ`´]/g;

/** Folds a word or phrase: NFKD, no combining marks, lower case, no periods or apostrophes. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss').replace(APOS, '').replace(/\./g, '');
}

/** `prefix:slug` slug of a name: folded, runs of other characters to one hyphen. */
export function slug(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

// A word: letters/digits with inner apostrophes (Sa'ar, Be'eri) or dotted initials (U.S., U.N.).
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’ʼ][\p{L}\p{M}]+)*\.?/gu;
/** Abbreviations whose final period belongs to the word. */
const ABBREV = new Set(['dr', 'mr', 'mrs', 'ms', 'st', 'gen', 'lt', 'col', 'sgt', 'jr', 'sr', 'co', 'corp', 'inc', 'ltd',
  'prof', 'rep', 'sen', 'gov', 'maj', 'capt', 'adm', 'mt', 'ft', 'rev', 'messrs', 'cpl', 'pvt', 'brig', 'hon', 'vs', 'no', 'bros', 'dept', 'univ', 'assn', 'natl', 'intl']);

/** Splits a string (or `text.slice(from, to)`) into words; possessive endings are flags, not words. */
export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    let w = m[0];
    if (m.index + w.length > to) w = w.slice(0, to - m.index);
    let poss = false;
    const pm = /['’ʼ]s$/u.exec(w);
    if (pm && w.length > 2) { w = w.slice(0, -2); poss = true; }
    if (w.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(w)) {
      const base = w.slice(0, -1);
      // Keep the period of an abbreviation or a single-letter initial; else it ends a sentence.
      if (!(ABBREV.has(base.toLowerCase()) || /^\p{Lu}$/u.test(base))) w = base;
    }
    if (!w) continue;
    const start = m.index, end = start + w.length;
    out.push({ start, end, text: w, norm: fold(w), poss, gap: '' });
    WORD.lastIndex = m.index + m[0].length;
  }
  for (let i = 0; i < out.length; i++) {
    const nextStart = i + 1 < out.length ? out[i + 1]!.start : out[i]!.end;
    out[i]!.gap = text.slice(out[i]!.end + (out[i]!.poss ? 2 : 0), nextStart);
  }
  return out;
}

/** The folded words of a name, as the kb trie keys them. */
export function nameTokens(name: string): string[] {
  return words(name).map((w) => w.norm).filter(Boolean);
}

/** True when every letter of `s` is upper case and it has at least two letters (NATO, U.S., UAW). */
export function isAcronym(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * A phonetic key tolerant of transliteration: Witkoff/Wietkoff, Edan/Aidan, Hayya/Hayyeh,
 * Haniyeh/Haniya share keys. Initial vowel kept as A, later vowels and h/w/y dropped, close
 * consonants merged, repeats collapsed.
 */
export function phonetic(word: string): string {
  let s = fold(word).replace(/[^a-z]/g, '');
  if (!s) return '';
  s = s.replace(/ph/g, 'f').replace(/kh/g, 'k').replace(/gh/g, 'g').replace(/ck/g, 'k').replace(/th/g, 't')
    .replace(/sch/g, 's').replace(/sh/g, 's').replace(/ch/g, 'k').replace(/dh/g, 'd');
  const map: Record<string, string> = { q: 'k', c: 'k', g: 'k', z: 's', x: 'ks', v: 'f', d: 't', b: 'p', j: 'y' };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const vowel = 'aeiouy'.includes(ch);
    if (i === 0) { out += vowel ? 'A' : (map[ch] ?? ch).toUpperCase(); continue; }
    if (vowel || ch === 'h' || ch === 'w') continue;
    const m = (map[ch] ?? ch).toUpperCase();
    if (!out.endsWith(m)) out += m;
  }
  return out;
}

/** Levenshtein distance, giving up (returning max+1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
