/**
 * @module text/segment
 * Stage 2 (text): `Article` -> `Segmented`: paragraphs and sentences of the kept text, with
 * exact offsets into `Article.text`, and the article's language.
 * - Stripped ranges (site junk) are left out; nothing spans one.
 * - Heading lines (`Article.headings`, and a first line equal to the title) are their own
 *   paragraph and sentence, with `heading: true`.
 * - Paragraphs end at blank lines and, in texts without blank lines, at line ends; a line break
 *   is read as a soft wrap only inside running prose (see `softWrap`).
 */
import type { Article, Segmented, Sentence, Span, StageMessage } from '../types.js';
import { splitSentences } from './sentences.js';
import { identifyLanguage } from './language.js';

const WS = /\s/;
// Line terminators: CRLF first so that it counts once.
const EOL = /\r\n|[\n\r\u2028\u2029\u0085]/g;

/** Clamps ranges to [0, n], drops empty ones, sorts and merges overlaps (and touching ones when `touching`). */
function normalize(ranges: readonly Span[], n: number, touching = true): Span[] {
  const out: Span[] = [];
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, Math.min(n, Math.floor(r.start))), end: Math.max(0, Math.min(n, Math.floor(r.end))) }))
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && (r.start < last.end || (touching && r.start === last.end))) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The complement of `cut` in [0, n]. */
function complement(cut: Span[], n: number): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const c of cut) {
    if (c.start > at) out.push({ start: at, end: c.start });
    at = Math.max(at, c.end);
  }
  if (at < n) out.push({ start: at, end: n });
  return out;
}

function trimSpan(text: string, s: number, e: number): Span | null {
  while (s < e && WS.test(text[s]!)) s++;
  while (e > s && WS.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

interface Line extends Span {
  /** The break after the line is a paragraph separator (U+2029). */
  hard: boolean;
}

/** Non-empty lines of text[s, e), trimmed. Blank lines come back as null (paragraph breaks). */
function lines(text: string, s: number, e: number): (Line | null)[] {
  // Scan the piece alone, so that a text with many pieces is not rescanned to its end for each.
  const piece = text.slice(s, e);
  const out: (Line | null)[] = [];
  let at = 0;
  EOL.lastIndex = 0;
  for (;;) {
    const m = EOL.exec(piece);
    const lineEnd = m ? m.index : piece.length;
    const span = trimSpan(piece, at, lineEnd);
    out.push(span ? { start: span.start + s, end: span.end + s, hard: m !== null && m[0] === '\u2029' } : null);
    if (!m) break;
    at = m.index + m[0].length;
    if (at >= piece.length) break;
  }
  return out;
}

const TERMINAL_END = /[.!?…:;"'”’)\]»。！？؟।]$/u;
const BULLET = /^(?:[-–—*•·▪►]\s|\d{1,2}[.)]\s|\*\*)/u;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'vs', 'over', 'into', 'after']);

/** Most words capitalised: a title or a heading, not prose. */
function titleCase(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  if (words.length < 2) return true;
  const caps = words.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.7;
}

/**
 * Whether the break between two adjacent lines is a wrap inside one paragraph: the first line does
 * not end a sentence, neither line is a list item, and the next line goes on in lowercase or the
 * first is a long line of prose (a break left by a link or an editor, not a new paragraph).
 */
function softWrap(text: string, a: Line, b: Line): boolean {
  if (a.hard) return false;
  const la = text.slice(a.start, a.end), lb = text.slice(b.start, b.end);
  if (TERMINAL_END.test(la) || BULLET.test(la) || BULLET.test(lb)) return false;
  const first = lb[0]!;
  if (first !== first.toUpperCase() && first === first.toLowerCase()) return true;
  return la.length >= 100 && !titleCase(la);
}

/** Paragraphs of a kept, non-heading piece text[s, e). */
function paragraphsOf(text: string, s: number, e: number): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  let prev: Line | null = null;
  for (const line of lines(text, s, e)) {
    if (!line) {
      if (cur) out.push(cur);
      cur = null;
      prev = null;
      continue;
    }
    if (cur && prev && softWrap(text, prev, line)) cur.end = line.end;
    else {
      if (cur) out.push(cur);
      cur = { start: line.start, end: line.end };
    }
    prev = line;
  }
  if (cur) out.push(cur);
  return out;
}

/** The headline: the first kept line, when it is the article's title. */
function headline(article: Article, kept: Span[]): Span | null {
  const title = article.title?.trim();
  if (!title || !kept.length) return null;
  const k = kept[0]!;
  const first = lines(article.text, k.start, k.end).find((l) => l !== null);
  if (!first) return null;
  const squash = (x: string): string => x.replace(/\s+/g, ' ').toLowerCase();
  return squash(article.text.slice(first.start, first.end)) === squash(title) ? first : null;
}

export function segment(article: Article): Segmented {
  const text = typeof article.text === 'string' ? article.text : '';
  const n = text.length;
  const stripped = normalize(article.stripped ?? [], n);
  const kept = complement(stripped, n);
  const head = headline(article, kept);
  const headings = normalize([...(article.headings ?? []), ...(head ? [head] : [])], n, false);

  const paragraphs: Span[] = [];
  const sentences: Sentence[] = [];
  const addParagraph = (p: Span, heading: boolean): void => {
    const index = paragraphs.push(p) - 1;
    if (heading) sentences.push({ start: p.start, end: p.end, paragraph: index, heading: true });
    else for (const s of splitSentences(text, p.start, p.end)) sentences.push({ ...s, paragraph: index, heading: false });
  };

  let h = 0;
  for (const k of kept) {
    let at = k.start;
    while (at < k.end) {
      while (h < headings.length && headings[h]!.end <= at) h++;
      const hd = headings[h];
      if (hd && hd.start < k.end) {
        if (hd.start > at) for (const p of paragraphsOf(text, at, hd.start)) addParagraph(p, false);
        const hs = Math.max(at, hd.start), he = Math.min(k.end, hd.end);
        // A heading is one line; a heading span holding several lines gives one heading each.
        for (const line of lines(text, hs, he)) if (line) addParagraph(line, true);
        at = he;
      } else {
        for (const p of paragraphsOf(text, at, k.end)) addParagraph(p, false);
        at = k.end;
      }
    }
  }

  const messages: StageMessage[] = [];
  const lang = identifyLanguage(article, sentences.filter((s) => !s.heading).map((s) => text.slice(s.start, s.end)),
    sentences.filter((s) => s.heading).map((s) => text.slice(s.start, s.end)));
  messages.push(...lang.messages);
  return { article, language: lang.language, analysable: lang.analysable, paragraphs, sentences, messages };
}
