/**
 * @module annotate/time
 * Stage 3 (annotate), time expressions: `Segmented` -> `TimeExpression[]`, every time expression
 * of the kept sentences, resolved against `article.published` where the text allows it.
 * chrono-node finds most expressions; rules on top apply news usage, which chrono does not know:
 * - a bare weekday points back (the most recent such day, or the day itself) unless its clause is
 *   in the future ("will meet on Tuesday": the next one); "last Tuesday" is the most recent past
 *   Tuesday, "next Tuesday" the first one after the publication day;
 * - a month and day without a year ("Nov. 22") takes the year the clause's tense points to;
 * - dotted numeric dates (15.01.2025) are day first; bare years need a cue ("in 2023");
 * - clock times alone, vague phrases ("in recent days") and phrases relative to another time in the
 *   text ("the next day") are kept with date null and grain 'unresolved'; so is everything that
 *   needs the publication date when the article has none.
 * Words and phrases come from kb/lexicons/time.json. Grain week: `date` is the Monday; grain month:
 * the first of the month; grain year: `date` null and `value` the year.
 */
import * as chrono from 'chrono-node';
import type { Segmented, Span, TimeExpression } from '../types.js';
import { loadLexicon, stringList } from '../text/lexicon.js';

interface TimeData {
  futureCues: string[];
  pastCues: string[];
  notPast: string[];
  vague: string[];
  anaphoric: string[];
  yearCues: string[];
  prefixes: string[];
}

interface TimeRules {
  cue: RegExp;
  future: Set<string>;
  past: Set<string>;
  notPast: Set<string>;
  vague: RegExp | null;
  anaphoric: Set<string>;
  phrases: RegExp | null;
  yearCue: RegExp;
  prefix: RegExp;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (list: string[]): string => [...list].sort((a, b) => b.length - a.length).map(esc).join('|');

let rules: TimeRules | null = null;

function getRules(): TimeRules {
  if (rules) return rules;
  const d = loadLexicon<TimeData>('time.json', (v) => {
    for (const k of ['futureCues', 'pastCues', 'notPast', 'vague', 'anaphoric', 'yearCues', 'prefixes']) {
      const p = stringList(v, k);
      if (p) return p;
    }
    return null;
  });
  const low = (l: string[]): string[] => l.map((x) => x.toLowerCase());
  const cues = [...d.futureCues, ...d.pastCues];
  const phrases = [...d.vague, ...d.anaphoric];
  rules = {
    cue: new RegExp(`(?<![\\p{L}'’])(?:${alt(cues)}|\\p{Ll}+ed)(?![\\p{L}'’])`, 'giu'),
    future: new Set(low(d.futureCues)),
    past: new Set(low(d.pastCues)),
    notPast: new Set(low(d.notPast)),
    vague: d.vague.length ? new RegExp(`^(?:${alt(low(d.vague))})$`, 'i') : null,
    anaphoric: new Set(low(d.anaphoric)),
    phrases: phrases.length ? new RegExp(`(?<![\\p{L}])(?:${alt(phrases)})(?![\\p{L}])`, 'giu') : null,
    yearCue: new RegExp(`(?:^|[^\\p{L}])(?:${alt(d.yearCues)})\\s+$`, 'iu'),
    prefix: new RegExp(`(?:^|[^\\p{L}])((?:${alt(d.prefixes)})[\\s-]*)$`, 'iu'),
  };
  return rules;
}

// ---- day arithmetic over day numbers (days since 1970-01-01, UTC) ----

const DAY = 86_400_000;
const dayNum = (y: number, m: number, d: number): number => Math.round(Date.UTC(y, m - 1, d) / DAY);
const validDate = (y: number, m: number, d: number): boolean => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};
const isoOf = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);
const dowOf = (n: number): number => new Date(n * DAY).getUTCDay();
const mondayOf = (n: number): number => n - ((dowOf(n) + 6) % 7);
function isoWeek(n: number): string {
  const thursday = mondayOf(n) + 3;
  const y = new Date(thursday * DAY).getUTCFullYear();
  const week = Math.floor((thursday - dayNum(y, 1, 1)) / 7) + 1;
  return `${y}-W${String(week).padStart(2, '0')}`;
}
const pad = (n: number): string => String(n).padStart(2, '0');

interface Ref {
  n: number;
  y: number;
  m: number;
  d: number;
}

/** The publication day, when `published` is a real YYYY-MM-DD date. */
export function refOf(published: string | null | undefined): Ref | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  if (!m) return null;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  return validDate(y, mo, d) ? { n: dayNum(y, mo, d), y, m: mo, d } : null;
}

// ---- tense of the clause around an expression ----

type Tense = 'future' | 'past' | 'unknown';

/** The nearest tense cue in the clause around [s, e) of `sent`: before it within 80 characters, after it within 50. */
export function clauseTense(sent: string, s: number, e: number): Tense {
  const r = getRules();
  let left = Math.max(0, s - 80);
  const lb = Math.max(sent.lastIndexOf(';', s - 1), sent.lastIndexOf('—', s - 1), sent.lastIndexOf('(', s - 1), sent.lastIndexOf('–', s - 1));
  if (lb >= left) left = lb + 1;
  let right = Math.min(sent.length, e + 50);
  for (const ch of [';', '—', '–', ')']) {
    const i = sent.indexOf(ch, e);
    if (i >= 0 && i < right) right = i;
  }
  // Cues after the expression govern it only when it opens its clause ("On Sunday, the truce will
  // begin"); otherwise they belong to a later clause ("on Tuesday under which it would become").
  if ((sent.slice(left, s).match(/\p{L}+/gu) ?? []).length > 3) right = e;
  let best: Tense = 'unknown', bestDist = Infinity;
  // Only the window is scanned: scanning on to the end of a long sentence per expression is quadratic.
  const win = sent.slice(left, Math.max(right, e));
  r.cue.lastIndex = 0;
  for (let m = r.cue.exec(win); m; m = r.cue.exec(win)) {
    const a = m.index + left, b = a + m[0].length;
    if (b > s && a < e) continue;
    if (a >= e && b > right) break;
    const w = m[0].toLowerCase().replace(/’/g, "'");
    let cls: Tense = r.future.has(w) || r.future.has(m[0].toLowerCase()) ? 'future'
      : r.past.has(w) ? 'past' : 'unknown';
    // Any lowercase word in -ed (the regex is case-insensitive, so names like "Ahmed" are skipped here).
    if (cls === 'unknown' && w.endsWith('ed') && !r.notPast.has(w) && w.length > 3 && m[0][0] === w[0]) {
      // A participle takes its tense from its auxiliary: "to be released" (future), "was released"
      // (past); after "is", "are", "being" it tells nothing.
      const aux = /([\p{L}'’]+)\s+([\p{L}'’]+)\s+$/u.exec(sent.slice(Math.max(0, a - 30), a));
      const prev = aux?.[2]?.toLowerCase() ?? '', prev2 = aux?.[1]?.toLowerCase() ?? '';
      if (prev === 'be') cls = r.future.has(prev2) || prev2 === 'to' ? 'future' : 'unknown';
      else if (/^(?:is|are|being|get|gets|has|have|hasn't|haven't|hasn’t|haven’t|not)$/.test(prev)) cls = 'unknown';
      else cls = 'past';
    }
    if (cls === 'unknown') continue;
    // A cue after the expression counts a little less than one before it.
    const dist = b <= s ? s - b : (a - e) * 1.5;
    if (dist < bestDist) { best = cls; bestDist = dist; }
  }
  return best;
}

// ---- the resolutions ----

const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6,
};
const FULL_WEEKDAY = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|weekend)\b/i;
const MONTH_OR_DAY_WORD = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:sun|mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?)(?:day)?)\b/gi;
const CLOCK = /\d:\d\d|\d\s*[ap]\.?m\b|\b(?:GMT|UTC|noon|midnight|o'clock)\b/i;
const CASUAL_DAY = /\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night)\b/i;
const RELATIVE_UNIT = /\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+(?:days?|weeks?|months?|years?|hours?)\s+(?:later|earlier|before|after)\b/i;

interface Resolution {
  date: string | null;
  grain: TimeExpression['grain'];
  value?: string;
  rule: string;
}

const unresolved = (rule: string, value?: string): Resolution => ({ date: null, grain: 'unresolved', rule, ...(value ? { value } : {}) });
const atDay = (n: number, rule: string): Resolution => ({ date: isoOf(n), grain: 'day', value: isoOf(n), rule });
const atWeek = (n: number, rule: string): Resolution => ({ date: isoOf(mondayOf(n)), grain: 'week', value: isoWeek(n), rule });
const atMonth = (y: number, m: number, rule: string): Resolution => ({ date: `${y}-${pad(m)}-01`, grain: 'month', value: `${y}-${pad(m)}`, rule });
const atYear = (y: number, rule: string): Resolution => ({ date: null, grain: 'year', value: String(y), rule });

/** A weekday against the reference day: `mod` from the text (last/next/this), else the tense. */
function weekday(ref: Ref, target: number, mod: string | null, tense: Tense): Resolution {
  const dow = dowOf(ref.n);
  const back = (dow - target + 7) % 7, fwd = (target - dow + 7) % 7;
  if (mod === 'last' || mod === 'past') return atDay(ref.n - (back || 7), 'time/weekday-last');
  if (mod === 'next') return atDay(ref.n + (fwd || 7), 'time/weekday-next');
  if (tense === 'future' || (mod === 'this' && tense !== 'past')) return atDay(ref.n + fwd, 'time/weekday-future');
  return atDay(ref.n - back, 'time/weekday-past');
}

/** The year of a month and day written without one. */
function yearForDay(ref: Ref, m: number, d: number, tense: Tense, wd: number | null): number | null {
  const cands = [ref.y - 1, ref.y, ref.y + 1].filter((y) => validDate(y, m, d)).map((y) => ({ y, n: dayNum(y, m, d) }));
  if (!cands.length) return null;
  if (wd !== null) {
    const match = cands.filter((c) => dowOf(c.n) === wd).sort((a, b) => Math.abs(a.n - ref.n) - Math.abs(b.n - ref.n));
    if (match.length) return match[0]!.y;
  }
  const past = cands.filter((c) => c.n <= ref.n).pop();
  const future = cands.find((c) => c.n >= ref.n);
  if (tense === 'future') return (future ?? past)!.y;
  if (tense === 'past') return (past ?? future)!.y;
  if (future && (!past || (future.n - ref.n < ref.n - past.n && future.n - ref.n <= 60))) return future.y;
  return (past ?? future)!.y;
}

/** The year of a month written without one (mid-January, in March). */
function yearForMonth(ref: Ref, m: number, tense: Tense): number {
  const idx = ref.y * 12 + ref.m - 1;
  const pastIdx = m <= ref.m ? ref.y * 12 + m - 1 : (ref.y - 1) * 12 + m - 1;
  const futIdx = m >= ref.m ? ref.y * 12 + m - 1 : (ref.y + 1) * 12 + m - 1;
  const pick = tense === 'future' ? futIdx : tense === 'past' ? pastIdx : futIdx - idx < idx - pastIdx ? futIdx : pastIdx;
  return Math.floor(pick / 12);
}

/** Resolves one chrono result; null when it is not a time expression after all. */
function resolveChrono(r: chrono.ParsedResult, text: string, ref: Ref, tense: () => Tense): Resolution | null {
  const k = r.start;
  const low = text.toLowerCase();
  if (low === 'now' || low === 'right now') return null;
  // "for six weeks" is a duration (a quantity), not a time.
  if (/^for\b/i.test(text)) return null;
  if (getRules().anaphoric.has(low) || RELATIVE_UNIT.test(text) || /^(?:after|one|a)\b.*\bafter$|^after\b/i.test(text)) return unresolved('time/anaphoric');
  // "the past four days", "the next 24 hours": a stretch of time up to or from the publication day.
  if (/^(?:the\s+)?(?:last|past|next|coming)\s+(?:\d+|[a-z]+)\s+(?:hours?|days?|weeks?|months?|years?)$/i.test(text)) return unresolved('time/period');
  const has = (c: Parameters<typeof k.isCertain>[0]): boolean => k.isCertain(c);
  const get = (c: Parameters<typeof k.get>[0]): number => k.get(c) ?? 0;
  const day = (): number => dayNum(get('year'), get('month'), get('day'));
  if (CASUAL_DAY.test(text)) return atDay(day(), 'time/casual');
  // chrono starts "this week" on the Sunday before; the week is the publication day's.
  if (/\bthis\s+week\b/i.test(text)) return atWeek(ref.n, 'time/week');
  if (/\bweeks?\b/i.test(text) && !has('weekday')) return atWeek(day(), 'time/week');
  if (has('weekday') && !has('day')) {
    const w = FULL_WEEKDAY.exec(text);
    if (!w) return null;
    const target = w[1]!.toLowerCase() === 'weekend' ? 6 : WEEKDAYS[w[1]!.toLowerCase()]!;
    const mod = /\b(last|past|next|this)\b/i.exec(text)?.[1]?.toLowerCase() ?? null;
    return weekday(ref, target, mod, tense());
  }
  if (has('day') && has('month')) {
    if (has('year')) return atDay(day(), /\b(?:ago|next|last|in|within)\b/i.test(text) ? 'time/relative' : 'time/absolute');
    const y = yearForDay(ref, get('month'), get('day'), tense(), has('weekday') ? get('weekday') : null);
    return y === null ? null : atDay(dayNum(y, get('month'), get('day')), 'time/month-day');
  }
  if (has('month')) {
    if (has('year')) return atMonth(get('year'), get('month'), /\b(?:ago|next|last|this)\b/i.test(text) ? 'time/relative-month' : 'time/month');
    return atMonth(yearForMonth(ref, get('month'), tense()), get('month'), 'time/month-no-year');
  }
  if (has('year')) return atYear(get('year'), 'time/year');
  if (has('hour')) return CLOCK.test(text) ? unresolved('time/clock') : null;
  return null;
}

const CERTAIN = ['year', 'month', 'day', 'weekday', 'hour'] as const;

/**
 * chrono merges "the evening of January 15" into one result but loses what it knew of the date:
 * then the part after "of" is read again on its own.
 */
function partOf(r: chrono.ParsedResult, text: string, refDate: Date): chrono.ParsedResult {
  if (CERTAIN.some((c) => r.start.isCertain(c))) return r;
  const of = /\bof\s+/i.exec(text);
  if (!of) return r;
  return chrono.parse(text.slice(of.index + of[0].length), refDate)[0] ?? r;
}

/** Whether chrono's match is a false positive: lowercase month or weekday words, 3-letter weekdays, "Sunday Times". */
function spurious(r: chrono.ParsedResult, text: string, sent: string, start: number, end: number): boolean {
  for (const m of text.matchAll(MONTH_OR_DAY_WORD)) {
    const w = m[0];
    if (w[0] !== w[0]!.toUpperCase()) return true;
  }
  const k = r.start;
  if (k.isCertain('weekday') && !k.isCertain('day')) {
    if (!FULL_WEEKDAY.test(text)) return true;
    // A weekday naming something after an article: "the Sunday Times" (but "said Sunday Israel would").
    if (/(?:^|\s)(?:the|a|an)\s+$/i.test(sent.slice(Math.max(0, start - 5), start)) && /^\s+\p{Lu}/u.test(sent.slice(end))) return true;
  }
  const tags = typeof r.tags === 'function' ? r.tags() : new Set<string>();
  if (tags.has('parser/SlashDateFormatParser') && !k.isCertain('year')) return true;
  return false;
}

// Day-first numeric dates, as written outside the United States: 15.01.2025.
const DOTTED = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]|\.\d)/g;
const BARE_YEAR = /(?<![\p{L}\p{N},.$€£])(1[89]\d\d|20\d\d)(?![\p{N}%]|[.,]\d|\s*(?:%|percent|per\s+cent))/gu;
const MID_YEAR = /\bmid-(1[89]\d\d|20\d\d)\b/g;

interface Found extends Resolution {
  start: number;
  end: number;
  text: string;
}

/** The time expressions of one sentence `sent` (which starts at `base` in the article text). */
function inSentence(sent: string, base: number, ref: Ref): Found[] {
  const r = getRules();
  const out: Found[] = [];
  const add = (s: number, e: number, res: Resolution | null): void => {
    if (res && e > s) out.push({ ...res, start: base + s, end: base + e, text: sent.slice(s, e) });
  };
  // Dotted dates first, masked out so that chrono does not read them month first.
  const masked = sent.replace(DOTTED, (all: string, d: string, mo: string, y: string, at: number) => {
    if (!validDate(+y, +mo, +d)) return all;
    add(at, at + all.length, atDay(dayNum(+y, +mo, +d), 'time/dotted'));
    return ' '.repeat(all.length);
  });
  const refDate = new Date(ref.y, ref.m - 1, ref.d, 12, 0, 0);
  for (let res of chrono.parse(masked, refDate)) {
    let s = res.index, e = res.index + res.text.length;
    // chrono takes in "on", "at" and stray commas or brackets: the expression is what follows them.
    const lead = /^[\s,(（]*(?:(?:on|at)\s+)?/i.exec(res.text)![0].length;
    const trail = /[\s,)）]*$/.exec(res.text.slice(lead))![0].length;
    s += lead;
    e -= trail;
    if (e <= s) continue;
    // chrono reads "Nov. 22 10 a.m." as 22 November 2010: a two-digit number after a day is no year.
    const twoDigit = /\d\D*?([\s,.]+\d{2})$/.exec(masked.slice(s, e));
    if (twoDigit && res.start.isCertain('year') && !/\d{4}|['’]\d{2}$/.test(masked.slice(s, e))) {
      e -= twoDigit[1]!.length;
      const again = chrono.parse(masked.slice(s, e), refDate)[0];
      if (!again || again.index !== 0) continue;
      res = again;
      e = s + again.text.replace(/[\s,)）]*$/, '').length;
    }
    const pre = r.prefix.exec(sent.slice(Math.max(0, s - 24), s));
    if (pre) s -= pre[1]!.length;
    const text = sent.slice(s, e);
    if (spurious(res, text, sent, s, e)) continue;
    add(s, e, resolveChrono(partOf(res, text, refDate), text, ref, () => clauseTense(sent, s, e)));
  }
  if (r.phrases) {
    for (const m of sent.matchAll(r.phrases)) {
      const low = m[0].toLowerCase();
      add(m.index, m.index + m[0].length, r.anaphoric.has(low) ? unresolved('time/anaphoric') : unresolved('time/vague'));
    }
  }
  for (const m of sent.matchAll(MID_YEAR)) add(m.index, m.index + m[0].length, atYear(+m[1]!, 'time/year'));
  // A year needs a cue before it ("in 2023", "the 1967 borders"), or to close a range ("2023 and 2024").
  let lastYearEnd = -1;
  for (const m of sent.matchAll(BARE_YEAR)) {
    const before = sent.slice(Math.max(0, m.index - 24), m.index);
    const closesRange = lastYearEnd >= 0 && /^\s*(?:and|to|or|through|until|[-–—/])\s*$/.test(sent.slice(lastYearEnd, m.index));
    if (!closesRange && !r.yearCue.test(before)) continue;
    add(m.index, m.index + m[0].length, atYear(+m[1]!, 'time/year'));
    lastYearEnd = m.index + m[0].length;
  }
  return out;
}

// A cheap test that a sentence may hold a time expression, so that chrono runs on few sentences.
// Digits alone ("50 hostages") are no trigger: only years, clock times and numeric dates are.
const TRIGGER = /\d[:/.]\d|\b(?:1[89]|20)\d\d\b|\d\s*[ap]\.?m\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|week|today|tonight|yesterday|tomorrow|month|year|ago|recent|coming|soon|shortly|overnight|morning|afternoon|evening|night|noon|midnight|day|hour|later|earlier|gmt|utc)/i;

/** Keeps the first of overlapping expressions, preferring the longer when they start together. */
function dedupe(found: Found[]): Found[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Found[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

const toExpr = (f: Found): TimeExpression => ({
  start: f.start, end: f.end, text: f.text, date: f.date, grain: f.grain,
  ...(f.value !== undefined ? { value: f.value } : {}), rule: f.rule,
});

// Two far-apart reference days: what resolves the same against both does not need the publication date.
const PROBE_A: Ref = refOf('2001-03-14')!;
const PROBE_B: Ref = refOf('2013-09-29')!;

/** Longest stretch given to chrono at once; a longer sentence (a run-on page without stops) is cut at spaces. */
const MAX_CHUNK = 2000;

function chunks(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let at = start;
  while (end - at > MAX_CHUNK) {
    let cut = text.lastIndexOf(' ', at + MAX_CHUNK);
    if (cut <= at) cut = at + MAX_CHUNK;
    out.push({ start: at, end: cut });
    at = cut;
  }
  out.push({ start: at, end });
  return out;
}

export function findTimes(seg: Segmented): TimeExpression[] {
  const { text, published } = seg.article;
  const ref = refOf(published);
  const all: TimeExpression[] = [];
  for (const s of seg.sentences.flatMap((x) => chunks(text, x.start, x.end))) {
    const sent = text.slice(s.start, s.end);
    if (!TRIGGER.test(sent)) continue;
    if (ref) {
      for (const f of dedupe(inSentence(sent, s.start, ref))) all.push(toExpr(f));
      continue;
    }
    const b = new Map(dedupe(inSentence(sent, s.start, PROBE_B)).map((f) => [`${f.start}:${f.end}`, f]));
    for (const f of dedupe(inSentence(sent, s.start, PROBE_A))) {
      const g = b.get(`${f.start}:${f.end}`);
      const same = g && g.date === f.date && g.grain === f.grain && g.value === f.value;
      all.push(toExpr(same ? f : { ...f, date: null, grain: 'unresolved', rule: 'time/no-publication-date', value: undefined }));
    }
  }
  return all;
}
