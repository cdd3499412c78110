/**
 * @module ingest/clean
 * Ingest step applied to every reader's text: text (+ known title, + heading spans a reader
 * already knows) -> stripped junk RANGES, heading spans, and a title taken from a headline first
 * line when metadata has none. The text itself is never changed. Junk patterns and heading
 * thresholds live in kb/lexicons/junk.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ParleyError } from '../errors.js';
import { kbDir } from '../paths.js';
import type { Span, StrippedRange } from '../types.js';

const RuleSchema = z.object({
  id: z.string().regex(/^junk\/[a-z-]+$/),
  pattern: z.string(),
  flags: z.string().optional(),
  maxWords: z.number().int().positive(),
  absorb: z.boolean().optional(),
  example: z.string().optional(),
});
const LexiconSchema = z.object({
  version: z.number(),
  rules: z.array(RuleSchema),
  otherScript: z.object({ id: z.string(), minShare: z.number(), minDominantShare: z.number(), maxWords: z.number() }),
  headings: z.object({
    minWords: z.number().int(), maxWords: z.number().int(), headlineMaxWords: z.number().int(),
    minCapShare: z.number(), minor: z.array(z.string()), notHeading: z.array(z.string()).default([]),
    sentenceCaseMaxWords: z.number().int().default(0), minNextWords: z.number().int().default(8),
  }),
});

export interface JunkRule {
  id: string;
  re: RegExp;
  maxWords: number;
  absorb: boolean;
}

export interface JunkLexicon {
  rules: JunkRule[];
  otherScript: { id: string; minShare: number; minDominantShare: number; maxWords: number };
  headings: {
    minWords: number; maxWords: number; headlineMaxWords: number; minCapShare: number; minor: Set<string>; notHeading: RegExp[];
    sentenceCaseMaxWords: number; minNextWords: number;
  };
}

/** Compile a junk lexicon from its JSON; errors name the file, the entry and the fix. */
export function compileJunkLexicon(json: unknown, file = 'junk lexicon'): JunkLexicon {
  const parsed = LexiconSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ParleyError(`ingest: ${file}: ${issue.path.join('.')}: ${issue.message}`, { hint: 'fix the entry (see the $comment at the top of the file)' });
  }
  const rules = parsed.data.rules.map((r, i) => {
    try {
      return { id: r.id, re: new RegExp(r.pattern, r.flags ?? 'iu'), maxWords: r.maxWords, absorb: r.absorb ?? false };
    } catch (e) {
      throw new ParleyError(`ingest: ${file}: rules.${i} (${r.id}): bad pattern: ${(e as Error).message}`, { hint: 'fix the regular expression' });
    }
  });
  const h = parsed.data.headings;
  const notHeading = h.notHeading.map((pat, i) => {
    try {
      return new RegExp(pat, 'iu');
    } catch (e) {
      throw new ParleyError(`ingest: ${file}: headings.notHeading.${i}: bad pattern: ${(e as Error).message}`, { hint: 'fix the regular expression' });
    }
  });
  return { rules, otherScript: parsed.data.otherScript, headings: { ...h, minor: new Set(h.minor.map((w) => w.toLowerCase())), notHeading } };
}

let cached: JunkLexicon | null = null;

/** kb/lexicons/junk.json of the knowledge base in use ($PARLEY_KB or the shipped kb/, src/paths.ts). */
export function junkLexiconPath(): string {
  return path.join(kbDir(), 'lexicons', 'junk.json');
}

export function loadJunkLexicon(): JunkLexicon {
  if (cached) return cached;
  const file = junkLexiconPath();
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ParleyError(`ingest: ${file}: not valid JSON (${(e as Error).message})`, { hint: 'fix the JSON syntax' });
  }
  cached = compileJunkLexicon(json, file);
  return cached;
}

export interface CleanOptions {
  /** The title from metadata, or null. */
  title: string | null;
  /** Heading spans a reader already knows (HTML h1-h6). */
  headings?: Span[];
  lexicon?: JunkLexicon;
}

export interface Cleaned {
  stripped: StrippedRange[];
  headings: Span[];
  title: string | null;
}

interface Line extends Span {
  /** Trimmed line, markdown emphasis and heading marks removed. */
  norm: string;
  words: string[];
  /** Marked as a heading by markdown (`**...**`, `# ...`). */
  marked: boolean;
}

/** Lines of the text with trimmed spans (blank lines dropped). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let s = pos, e = nl;
    while (s < e && /[\s\uFEFF]/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) {
      const raw = text.slice(s, e);
      let norm = raw;
      let marked = false;
      const md = /^(?:#{1,6}\s+(.+?)\s*#*|\*\*(.+?)\*\*|__(.+?)__)$/.exec(norm);
      if (md) { norm = (md[1] ?? md[2] ?? md[3] ?? '').trim(); marked = norm.length > 0; }
      lines.push({ start: s, end: e, norm, words: norm.split(/\s+/).filter(Boolean), marked });
    }
    pos = nl + 1;
  }
  return lines;
}

const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u], ['Arabic', /\p{Script=Arabic}/u], ['Hebrew', /\p{Script=Hebrew}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u], ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u], ['Katakana', /\p{Script=Katakana}/u], ['Hangul', /\p{Script=Hangul}/u],
  ['Devanagari', /\p{Script=Devanagari}/u], ['Thai', /\p{Script=Thai}/u], ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u], ['Bengali', /\p{Script=Bengali}/u], ['Tamil', /\p{Script=Tamil}/u],
];
const LETTER = /\p{L}/u;
const NON_ASCII = /[^\x00-\x7f]/;

function scriptOf(ch: string): string {
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return 'Other';
}

const scriptCache = new Map<number, string>();

/** Letters per script. ASCII is counted inline (most text); other code points are classified once and cached. */
function scriptCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  let latin = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      const l = c | 32;
      if (l >= 97 && l <= 122) latin++;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    let k = scriptCache.get(cp);
    if (k === undefined) {
      const ch = String.fromCodePoint(cp);
      k = LETTER.test(ch) ? scriptOf(ch) : '';
      if (scriptCache.size < 100_000) scriptCache.set(cp, k);
    }
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  if (latin) m.set('Latin', (m.get('Latin') ?? 0) + latin);
  return m;
}

/** A capitalised word: starts (after quotes/brackets) with an upper-case letter or a digit. */
const CAPITALISED = /^[\p{Pi}\p{Ps}"'‘“(\[]*[\p{Lu}\p{Lt}\p{N}]/u;

function headingShape(line: Line, lex: JunkLexicon, maxWords: number): boolean {
  const h = lex.headings;
  const n = line.words.length;
  if (n === 0 || n > maxWords) return false;
  if (!line.marked && n < h.minWords) return false;
  if (/[.,;:]$/.test(line.norm) && !/\.\.\.$|…$/.test(line.norm)) return false;
  if (!CAPITALISED.test(line.norm)) return false;
  if (h.notHeading.some((re) => re.test(line.norm))) return false;
  const letterWords = line.words.filter((w) => LETTER.test(w));
  if (letterWords.length < Math.ceil(n / 2)) return false;
  const content = letterWords.filter((w) => !h.minor.has(w.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '')));
  if (content.length === 0) return false;
  const caps = content.filter((w) => CAPITALISED.test(w)).length;
  return caps / content.length >= h.minCapShare;
}

/**
 * A first line shaped like a sentence-case headline ("Talks stall over prisoner list"): a few
 * words, opening with a capital, no closing sentence punctuation, not a dateline.
 */
function sentenceCaseHeadline(line: Line, lex: JunkLexicon): boolean {
  const h = lex.headings;
  const n = line.words.length;
  if (n < h.minWords || n > h.headlineMaxWords) return false;
  if (!/^[\p{Pi}"'‘“]?[\p{Lu}\p{Lt}\p{N}]/u.test(line.norm) || /[.,;:]["”’)]?$/u.test(line.norm)) return false;
  if (h.notHeading.some((re) => re.test(line.norm))) return false;
  return line.words.filter((w) => LETTER.test(w)).length >= Math.ceil(n * 0.6);
}

/** A short sentence-case line set apart as a subheading: after a finished sentence, before body text. */
function standaloneShortLine(line: Line, prev: Line | undefined, next: Line | undefined, lex: JunkLexicon): boolean {
  const h = lex.headings;
  const n = line.words.length;
  if (n === 0 || n > h.sentenceCaseMaxWords || !next) return false;
  if (!/^[\p{Lu}\p{Lt}]/u.test(line.norm) || /[.,;:!?…)\]"”’'-]$/u.test(line.norm)) return false;
  if (!line.words.every((w) => /^[\p{L}][\p{L}\p{M}'’-]*$/u.test(w))) return false;
  if (h.notHeading.some((re) => re.test(line.norm))) return false;
  if (prev && !/[.!?…"”’:)]$/u.test(prev.norm) && !prev.marked && prev.words.length > h.sentenceCaseMaxWords) return false;
  return next.words.length >= h.minNextWords;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function clean(text: string, opts: CleanOptions): Cleaned {
  const lex = opts.lexicon ?? loadJunkLexicon();
  const lines = splitLines(text);
  const reason: Array<string | null> = lines.map(() => null);

  lines.forEach((line, i) => {
    for (const rule of lex.rules) {
      if (rule.absorb || line.words.length > rule.maxWords) continue;
      if (rule.re.test(line.norm)) { reason[i] = rule.id; return; }
    }
  });

  // Lines in a script other than the one that dominates this text (a stray widget line in another language).
  const os = lex.otherScript;
  const doc = scriptCounts(text);
  const docLetters = [...doc.values()].reduce((a, b) => a + b, 0);
  const [dominant, dominantCount] = [...doc.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (docLetters > 0 && dominantCount / docLetters >= os.minDominantShare) {
    lines.forEach((line, i) => {
      if (reason[i] || line.words.length > os.maxWords) return;
      // A line of ASCII only is all Latin: nothing to find when Latin dominates.
      if (dominant === 'Latin' && !NON_ASCII.test(line.norm)) return;
      const counts = scriptCounts(line.norm);
      const letters = [...counts.values()].reduce((a, b) => a + b, 0);
      if (letters === 0) return;
      for (const [script, c] of counts) {
        if (script !== dominant && c / letters >= os.minShare) { reason[i] = os.id; return; }
      }
    });
  }

  // A blurb under (or above) a stripped block: absorb neighbours that match an absorb rule of the
  // same id. A pass down then a pass up covers chains both ways in linear time.
  const absorbers = lex.rules.filter((r) => r.absorb);
  const absorb = (i: number, from: number) => {
    const near = reason[from];
    if (reason[i] || !near) return;
    const line = lines[i]!;
    for (const rule of absorbers) {
      if (rule.id === near && line.words.length <= rule.maxWords && rule.re.test(line.norm)) { reason[i] = rule.id; return; }
    }
  };
  if (absorbers.length) {
    for (let i = 1; i < lines.length; i++) absorb(i, i - 1);
    for (let i = lines.length - 2; i >= 0; i--) absorb(i, i + 1);
  }

  const stripped: StrippedRange[] = [];
  if (text.charCodeAt(0) === 0xfeff) stripped.push({ start: 0, end: 1, reason: 'junk/bom' });
  lines.forEach((line, i) => { if (reason[i]) stripped.push({ start: line.start, end: line.end, reason: reason[i]! }); });

  const headingSet = new Map<number, Span>();
  // Stripped ranges are sorted and disjoint: binary search for the last one starting before s.end.
  const inStripped = (s: Span) => {
    let lo = 0, hi = stripped.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (stripped[mid]!.start < s.end) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && stripped[found]!.end > s.start;
  };
  for (const hs of opts.headings ?? []) {
    if (hs.start >= 0 && hs.end <= text.length && hs.end > hs.start && !inStripped(hs)) headingSet.set(hs.start, { start: hs.start, end: hs.end });
  }
  let title = opts.title && opts.title.trim() ? opts.title.trim() : null;
  const kept = lines.map((_, i) => i).filter((i) => !reason[i]);
  if (title !== null) {
    // The known title repeated near the top (after a site slogan, say) is the headline line.
    const t = norm(title);
    const at = kept.slice(0, 5).find((i) => norm(lines[i]!.norm) === t);
    if (at !== undefined) headingSet.set(lines[at]!.start, { start: lines[at]!.start, end: lines[at]!.end });
  } else if (kept.length > 1) {
    // No title: a headline-shaped first line (not the only line: then it is the article) is the title.
    const line = lines[kept[0]!]!;
    if (headingShape(line, lex, lex.headings.headlineMaxWords) || sentenceCaseHeadline(line, lex)) {
      title = line.norm;
      headingSet.set(line.start, { start: line.start, end: line.end });
    }
  }
  kept.forEach((i, k) => {
    const line = lines[i]!;
    if (headingShape(line, lex, lex.headings.maxWords) || standaloneShortLine(line, lines[kept[k - 1]!], lines[kept[k + 1]!], lex)) {
      headingSet.set(line.start, { start: line.start, end: line.end });
    }
  });
  // Keep headings ordered and non-overlapping (a reader's span may cover several lines).
  const headings: Span[] = [];
  for (const h of [...headingSet.values()].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const prev = headings[headings.length - 1];
    if (prev && h.start < prev.end) continue;
    headings.push(h);
  }
  return { stripped, headings, title };
}
