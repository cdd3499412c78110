/**
 * @module ingest/json-records
 * Ingest reader core: one parsed JSON value (an article object from .json or one .jsonl line)
 * -> the fields of an article, or a reason it is not one. Accepts `text` or `html` (also
 * `content`, `body`) plus title/headline, outlet/source/publisher/site, url/link,
 * published/date/datePublished/publishedAt/pubDate, language/lang, id.
 */
import { toDay } from './dates.js';
import { languageCode } from './html.js';

export interface JsonRecord {
  id: string | null;
  text: string | null;
  html: string | null;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  /** The raw date when it could not be read as a day (for a note). */
  badDate: string | null;
  language: string | null;
}

type Obj = Record<string, unknown>;

const pick = (o: Obj, keys: string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== '') return o[k];
  return undefined;
};

const asString = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) return asString((v as Obj).name ?? (v as Obj).title);
  return null;
};

const oneLine = (s: string | null) => (s ? s.replace(/\s+/g, ' ').trim() || null : null);

/** Read one JSON value as an article record; a string reason when it is not one. */
export function readRecord(v: unknown): JsonRecord | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `expected an article object, found ${Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v}`;
  const o = v as Obj;
  const text = asString(pick(o, ['text', 'content_text', 'body_text', 'plain_text']));
  const htmlField = asString(pick(o, ['html', 'content_html', 'body_html']));
  const other = asString(pick(o, ['content', 'body', 'article']));
  const html = htmlField ?? (other && /<\/?[a-zA-Z][\w-]*[\s>/]/.test(other) ? other : null);
  const plain = text ?? (html ? null : other);
  if (!plain && !html) return 'no "text" or "html" field with content';
  const rawDate = asString(pick(o, ['published', 'date', 'datePublished', 'published_at', 'publishedAt', 'pubDate', 'date_published']));
  const published = toDay(rawDate);
  const id = asString(pick(o, ['id', 'slug', 'name']));
  return {
    id: id && typeof pick(o, ['id', 'slug', 'name']) !== 'object' ? id : null,
    text: plain,
    html,
    title: oneLine(asString(pick(o, ['title', 'headline']))),
    outlet: oneLine(asString(pick(o, ['outlet', 'source', 'publisher', 'site', 'site_name', 'siteName']))),
    url: oneLine(asString(pick(o, ['url', 'link', 'canonical_url']))),
    published,
    badDate: rawDate && !published ? rawDate : null,
    language: languageCode(asString(pick(o, ['language', 'lang', 'inLanguage']))),
  };
}
