/**
 * @module text/language
 * Part of stage 2 (text): the language of an article's kept text, as an ISO 639-1 code.
 * Input: the article (for its metadata language) and its kept sentences. Output: the code,
 * whether the article is analysed as English, and messages (`text/not-english`...).
 * Order of evidence: a plausible metadata language wins; long English text is told by its
 * stopwords (fast, and franc confuses English with Scots); other long texts go to franc;
 * short texts fall back on metadata, then English stopwords in Latin script, then 'und'.
 */
import { franc } from 'franc';
import type { Article, StageMessage } from '../types.js';
import { loadLexicon, stringList } from './lexicon.js';

interface LanguageData {
  englishStopwords: string[];
  shortTextLanguages: string[];
  iso639: Record<string, string>;
  scripts: Record<string, string[]>;
}

interface Tables {
  stop: Set<string>;
  shortOnly: string[];
  iso3: Map<string, string>;
  known: Set<string>;
  /** ISO 639-1 code -> scripts it is written in (absent: Latin). */
  scriptsOf: Map<string, Set<string>>;
  scriptRes: [string, RegExp][];
}

let tables: Tables | null = null;

function getTables(): Tables {
  if (tables) return tables;
  const d = loadLexicon<LanguageData>('language.json', (v) => {
    const p = stringList(v, 'englishStopwords') ?? stringList(v, 'shortTextLanguages');
    if (p) return p;
    const o = v as Record<string, unknown>;
    if (!o.iso639 || typeof o.iso639 !== 'object') return '"iso639" should map ISO 639-3 codes to ISO 639-1 codes';
    if (!o.scripts || typeof o.scripts !== 'object') return '"scripts" should map Unicode script names to lists of codes';
    for (const [name, list] of Object.entries(o.scripts as Record<string, unknown>)) {
      if (!Array.isArray(list)) return `"scripts.${name}" should be a list of ISO 639-1 codes`;
      try { new RegExp(`\\p{Script=${name}}`, 'u'); } catch { return `"scripts.${name}" is not a Unicode script name`; }
    }
    return null;
  });
  const scriptsOf = new Map<string, Set<string>>();
  for (const [script, codes] of Object.entries(d.scripts)) {
    for (const c of codes) (scriptsOf.get(c) ?? scriptsOf.set(c, new Set()).get(c)!).add(script);
  }
  const iso3 = new Map(Object.entries(d.iso639));
  tables = {
    stop: new Set(d.englishStopwords),
    shortOnly: d.shortTextLanguages,
    iso3,
    known: new Set([...iso3.values(), ...scriptsOf.keys()]),
    scriptsOf,
    scriptRes: ['Latin', ...Object.keys(d.scripts)].map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'gu')]),
  };
  return tables;
}

export interface LanguageResult {
  language: string;
  analysable: boolean;
  messages: StageMessage[];
}

/** Fewer words than this: too short for franc or a stopword ratio. */
export const SHORT_TEXT_WORDS = 20;
/** Share of English stopwords above which a long Latin-script text is English. */
const ENGLISH_RATIO = 0.25;
/** Below this share a text labelled English by its metadata is not English. */
const NOT_ENGLISH_RATIO = 0.08;
const SAMPLE_CHARS = 4000;

/** An ISO 639-1 code from a metadata tag (`en-US`, `EN`, `eng`), or null when it is none. */
export function normalizeTag(tag: string | null | undefined): string | null {
  if (!tag || typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const t = getTables();
  const code = base.length === 3 ? t.iso3.get(base) ?? null : base;
  return code && /^[a-z]{2}$/.test(code) && t.known.has(code) ? code : null;
}

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** The script most letters of the sample are written in, or null when it has no letters. */
function dominantScript(sample: string): string | null {
  // Most articles are in Latin script, mostly ASCII: one pass over char codes settles it.
  let letters = 0, latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) { letters++; latin++; }
    } else if (LETTER.test(sample[i]!)) {
      letters++;
      if (LATIN.test(sample[i]!)) latin++;
    }
  }
  if (!letters) return null;
  if (latin * 2 > letters) return 'Latin';
  let best: string | null = null, bestN = 0;
  for (const [name, re] of getTables().scriptRes) {
    re.lastIndex = 0;
    let n = 0;
    while (re.exec(sample)) n++;
    if (n > bestN) { best = name; bestN = n; }
  }
  return best;
}

const writtenIn = (code: string, script: string | null): boolean =>
  script === null || (getTables().scriptsOf.get(code) ?? new Set(['Latin'])).has(script);

const message = (article: Article, ruleId: string, reason: string): StageMessage => ({
  reason: `${reason} (article ${article.id})`, ruleId, source: 'text',
});

/** Identifies the language of `body` (kept non-heading sentences; headings used only when there is no body). */
export function identifyLanguage(article: Article, body: string[], headings: string[] = []): LanguageResult {
  const t = getTables();
  const messages: StageMessage[] = [];
  let sample = '';
  for (const s of body.length ? body : headings) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += (sample ? ' ' : '') + s;
  }
  sample = sample.slice(0, SAMPLE_CHARS);
  const words = sample.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? [];
  const stops = words.reduce((n, w) => n + (t.stop.has(w.toLowerCase()) ? 1 : 0), 0);
  const ratio = words.length ? stops / words.length : 0;
  const script = dominantScript(sample);
  const meta = normalizeTag(article.language);
  if (article.language && !meta) {
    messages.push(message(article, 'text/bad-language-tag', `metadata language "${article.language}" is not an ISO 639 code; identifying from the text`));
  }

  const decide = (language: string, why: string): LanguageResult => {
    const analysable = language === 'en' || (language === 'und' && (script === 'Latin' || script === null));
    if (!analysable) {
      messages.push(message(article, 'text/not-english', `text reads as ${language} (${why}), not English: stored and flagged, not analysed`));
    } else if (language === 'und' && words.length) {
      messages.push(message(article, 'text/language-unknown', `language could not be told (${why}); analysed as English`));
    }
    return { language, analysable, messages };
  };

  if (!words.length) return decide(meta ?? 'und', 'no words in the kept text');
  const short = words.length < SHORT_TEXT_WORDS;

  if (meta && writtenIn(meta, script)) {
    const contradicted = !short && (meta === 'en' ? ratio < NOT_ENGLISH_RATIO : script === 'Latin' && ratio >= ENGLISH_RATIO * 1.4);
    if (!contradicted) return decide(meta, 'metadata');
    messages.push(message(article, 'text/language-mismatch', `metadata says "${article.language}" but the text disagrees; identifying from the text`));
  } else if (meta) {
    messages.push(message(article, 'text/language-mismatch', `metadata says "${article.language}" but the text is in ${script} script; identifying from the text`));
  }

  if (script === 'Latin' && (short ? stops > 0 : ratio >= ENGLISH_RATIO)) return decide('en', short ? 'short text with English stopwords' : 'English stopwords');
  if (short && script === 'Latin') return decide('und', `only ${words.length} words`);
  const guess = franc(sample.slice(0, 2048), short ? { minLength: 3, only: t.shortOnly } : { minLength: 10 });
  const code = t.iso3.get(guess);
  if (code && writtenIn(code, script)) return decide(code, `franc: ${guess}`);
  // franc gave no code with a 639-1 form: a script used by one language still tells it.
  const byScript = script && script !== 'Latin' ? [...t.scriptsOf].filter(([, s]) => s.has(script)).map(([c]) => c) : [];
  if (byScript.length === 1) return decide(byScript[0]!, `${script} script`);
  return decide('und', `franc: ${guess}`);
}
