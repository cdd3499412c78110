/**
 * @module ingest/html
 * Ingest reader core: an HTML string -> plain text (one paragraph or heading per line, the
 * headline first), heading spans, and metadata (title, outlet, url, published, language) from
 * <title>, Open Graph / article:* meta tags, JSON-LD NewsArticle, the canonical link and
 * <html lang>. Readable text comes from @mozilla/readability over linkedom. Scripts, styles,
 * iframes and other non-text elements never reach the text. Pathological markup (very deep
 * nesting, huge element counts) skips the DOM and goes through a flat tag scanner instead, so
 * nothing recurses over untrusted depth.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Span } from '../types.js';
import { toDay } from './dates.js';

export interface HtmlMeta {
  /** JSON-LD headline, og:title, twitter:title or dc.title. */
  title: string | null;
  /** The <title> element (often with a site suffix); used when nothing better is known. */
  docTitle?: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
}

export interface HtmlExtract extends HtmlMeta {
  text: string;
  headings: Span[];
  /** Notes for the caller (fallbacks taken), one line each. */
  notes: string[];
}

/** Markup deeper or larger than this is extracted by the flat scanner, not the DOM. */
export const MAX_DEPTH = 200;
export const MAX_ELEMENTS = 25_000;

const DROP = new Set(['title', 'script', 'style', 'iframe', 'noscript', 'template', 'object', 'embed', 'svg', 'math', 'canvas', 'video', 'audio', 'head', 'form', 'button', 'select', 'textarea', 'nav', 'frameset', 'frame', 'applet']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'figure', 'figcaption', 'caption', 'address', 'hr', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html', 'details', 'summary', 'fieldset', 'legend']);
const HEADING = /^h[1-6]$/;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen']);

interface TagToken {
  /** `open`/`close` elements, `other` for comments, CDATA, doctype and processing instructions. */
  kind: 'open' | 'close' | 'other';
  name: string;
  start: number;
  end: number;
  selfClosing: boolean;
}

const NAME = /[a-zA-Z][\w:-]*/y;

/**
 * The tags of an HTML/XML string in order, by a hand scanner that is linear in the input even when
 * it is hostile (thousands of `<` and no `>`, unclosed comments): the next `>` is found once and
 * reused, and a missing `>` ends the scan. Quotes are not honoured (a `>` inside an attribute
 * value ends the tag): good enough for measuring shape and for the fallback text.
 */
export function* scanTags(html: string): Generator<TagToken> {
  let pos = 0;
  let gt = -1;
  const nextGt = (from: number): number => {
    if (gt !== Infinity && gt < from) {
      const g = html.indexOf('>', from);
      gt = g < 0 ? Infinity : g;
    }
    return gt;
  };
  for (;;) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) return;
    if (html.startsWith('<!--', lt) || html.startsWith('<![CDATA[', lt)) {
      const close = html.startsWith('<!--', lt) ? '-->' : ']]>';
      const e = html.indexOf(close, lt + 4);
      const end = e < 0 ? html.length : e + close.length;
      yield { kind: 'other', name: '', start: lt, end, selfClosing: false };
      pos = end;
      continue;
    }
    const c = html[lt + 1];
    if (c === '!' || c === '?') {
      const g = nextGt(lt);
      if (g === Infinity) return;
      yield { kind: 'other', name: '', start: lt, end: g + 1, selfClosing: false };
      pos = g + 1;
      continue;
    }
    const closing = c === '/';
    NAME.lastIndex = lt + (closing ? 2 : 1);
    const m = NAME.exec(html);
    if (!m) { pos = lt + 1; continue; }
    const g = nextGt(NAME.lastIndex);
    if (g === Infinity) return;
    yield { kind: closing ? 'close' : 'open', name: m[0].toLowerCase(), start: lt, end: g + 1, selfClosing: html[g - 1] === '/' };
    pos = g + 1;
  }
}

/** Max nesting depth and element count, from a flat scan of the tags (no DOM). */
export function markupShape(html: string): { depth: number; elements: number } {
  let depth = 0, max = 0, elements = 0;
  for (const t of scanTags(html)) {
    if (t.kind === 'other') continue;
    if (t.kind === 'close') { if (depth > 0 && !VOID.has(t.name)) depth--; continue; }
    elements++;
    if (VOID.has(t.name) || t.selfClosing) continue;
    depth++;
    if (depth > max) max = depth;
  }
  return { depth: max, elements };
}

/** Accumulates lines of text and the spans of heading lines. */
class TextBuilder {
  private lines: string[] = [];
  private cur = '';
  private curHeading = false;
  private length = 0;
  readonly headings: Span[] = [];

  add(s: string, pre = false): void {
    this.cur += pre ? s : s.replace(/[\s\u00a0]+/g, ' ');
  }
  heading(on: boolean): void {
    if (on) this.curHeading = true;
  }
  /** End the current line (a block boundary). */
  flush(): void {
    const line = this.cur.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (line) {
      const start = this.length + (this.lines.length > 0 ? 1 : 0);
      if (this.curHeading) this.headings.push({ start, end: start + line.length });
      this.lines.push(line);
      this.length = start + line.length;
    }
    this.cur = '';
    this.curHeading = false;
  }
  firstLine(): string | null {
    return this.lines[0] ?? null;
  }
  text(): string {
    this.flush();
    return this.lines.join('\n');
  }
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Walk a DOM subtree iteratively (no recursion over untrusted depth) into a TextBuilder. */
function domText(root: DomNode, out: TextBuilder): void {
  const stack: Array<{ node: DomNode; exit: boolean; pre: boolean; heading: boolean }> = [{ node: root, exit: false, pre: false, heading: false }];
  while (stack.length) {
    const item = stack.pop()!;
    const { node } = item;
    if (node.nodeType === 3) {
      if (item.heading) out.heading(true);
      out.add(node.textContent ?? '', item.pre);
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toLowerCase();
    if (DROP.has(name)) continue;
    const block = BLOCK.has(name);
    if (item.exit) { if (block) out.flush(); continue; }
    if (block) out.flush();
    if (name === 'br' || name === 'hr') continue;
    stack.push({ ...item, exit: true });
    const pre = item.pre || name === 'pre';
    const heading = item.heading || HEADING.test(name);
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false, pre, heading });
  }
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°', middot: '·', bull: '•', shy: '\u00ad', times: '×',
  eacute: 'é', egrave: 'è', aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ',
  uuml: 'ü', ouml: 'ö', auml: 'ä', ccedil: 'ç', szlig: 'ß', zwnj: '\u200c', zwj: '\u200d', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
};

/** Decode HTML/XML character references (named ones from a small table, all numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? NAMED[ref] ?? all;
  });
}

/** Text of HTML without a DOM: a flat tag scan; dropped elements' content skipped. */
export function flatText(html: string, out: TextBuilder = new TextBuilder()): TextBuilder {
  let last = 0;
  let skip: string | null = null;
  let headingDepth = 0;
  for (const t of scanTags(html)) {
    if (!skip && t.start > last) {
      if (headingDepth > 0) out.heading(true);
      out.add(decodeEntities(html.slice(last, t.start)));
    }
    last = t.end;
    if (t.kind === 'other') continue;
    const closing = t.kind === 'close';
    if (skip) { if (closing && t.name === skip) skip = null; continue; }
    if (!closing && DROP.has(t.name) && !t.selfClosing) { skip = t.name; continue; }
    if (HEADING.test(t.name)) {
      out.flush();
      headingDepth = Math.max(0, headingDepth + (closing ? -1 : 1));
      continue;
    }
    if (BLOCK.has(t.name)) out.flush();
  }
  if (!skip && last < html.length) out.add(decodeEntities(html.slice(last)));
  return out;
}

type Doc = ReturnType<typeof parseHTML>['document'];

const clip = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

function metaContent(doc: Doc, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const el = doc.querySelector(`meta[${attr}="${key}"]`);
      const v = clip(el?.getAttribute('content'));
      if (v) return v;
    }
  }
  return null;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|BlogPosting|WebPage|LiveBlogPosting|Report)$/;

/** The first JSON-LD object of an article type, searching arrays and @graph. */
function jsonLdArticle(doc: Doc): Record<string, unknown> | null {
  for (const el of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(el.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    for (let n = 0; queue.length && n < 200; n++) {
      const x = queue.shift();
      if (Array.isArray(x)) { queue.push(...x); continue; }
      if (!x || typeof x !== 'object') continue;
      const o = x as Record<string, unknown>;
      const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
      if (types.some((t) => ARTICLE_TYPES.test(t))) return o;
      if (o['@graph']) queue.push(o['@graph']);
    }
  }
  return null;
}

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return clip(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name ?? (v as Record<string, unknown>)['@id'] ?? (v as Record<string, unknown>).url);
  return null;
};

/** ISO 639-1 code from a language tag (en-GB, en_US), or null. */
export function languageCode(tag: string | null | undefined): string | null {
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_]|$)/.exec(tag ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base ?? undefined);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Metadata from a parsed document. */
export function htmlMeta(doc: Doc, baseUrl: string | null): HtmlMeta {
  const ld = jsonLdArticle(doc);
  const title = clip(ld ? str(ld.headline) : null) ?? metaContent(doc, 'og:title', 'twitter:title', 'dc.title', 'DC.title');
  const outlet = (ld ? str(ld.publisher) : null) ?? metaContent(doc, 'og:site_name', 'application-name', 'publisher', 'dc.publisher', 'DC.publisher');
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const og = metaContent(doc, 'og:url');
  // A relative canonical link resolves against the page address, else against og:url.
  const base = baseUrl ?? absolute(og, null);
  const url = absolute(canonical, base) ?? absolute(og, baseUrl) ?? absolute(ld ? str(ld.url) : null, base) ?? (baseUrl ? absolute(baseUrl, null) : null);
  const publishedRaw = metaContent(doc, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date', 'sailthru.date', 'parsely-pub-date')
    ?? (ld ? str(ld.datePublished) ?? str(ld.dateCreated) : null)
    ?? clip(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  const language = languageCode(doc.documentElement?.getAttribute('lang')) ?? languageCode(metaContent(doc, 'og:locale', 'language', 'content-language'))
    ?? languageCode(clip(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'))) ?? (ld ? languageCode(str(ld.inLanguage)) : null);
  return { title, outlet, url, published: toDay(publishedRaw), language, docTitle: clip(doc.querySelector('title')?.textContent) };
}

/** The <head> part of a document (for metadata when the body is too hostile for a DOM). */
function headOnly(html: string): string {
  const end = html.search(/<\/head\s*>|<body[\s>]/i);
  const head = end >= 0 ? html.slice(0, end) : html.slice(0, 100_000);
  return `${head.slice(0, 2_000_000)}</head><body></body></html>`;
}

/** A title as one line of text: markup-looking pieces (an unclosed <title>) removed, length bounded. */
function cleanTitle(t: string | null | undefined): string | null {
  const s = clip((t ?? '').replace(/<(script|style|iframe)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, ' ').replace(/<[^>]*>?/g, ' '));
  if (!s) return null;
  if (s.length <= 300) return s;
  const cut = s.slice(0, 300);
  return cut.slice(0, cut.lastIndexOf(' ') > 200 ? cut.lastIndexOf(' ') : 300);
}

export interface ExtractOptions {
  /** Run readability to find the article in a full page (off for feed item content). */
  readability?: boolean;
  /** A title known from elsewhere (a feed item), used when the page has no og/JSON-LD title. */
  title?: string | null;
  /** A title that wins over the page's own (a sidecar's). */
  forceTitle?: string | null;
}

const sameLine = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The headline goes first in the text, as a heading (annotated like the body), unless the text
 * already opens with it; heading spans shift with it.
 */
export function prependHeadline(text: string, headings: Span[], title: string | null): { text: string; headings: Span[] } {
  if (!title || !title.trim()) return { text, headings };
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  if (sameLine(first, title)) {
    const start = first.length - first.trimStart().length;
    return { text, headings: headings.some((h) => h.start <= start && h.end > start) ? headings : [{ start, end: first.trimEnd().length }, ...headings] };
  }
  const line = title.replace(/\s+/g, ' ').trim();
  const shift = line.length + (text ? 1 : 0);
  return { text: text ? `${line}\n${text}` : line, headings: [{ start: 0, end: line.length }, ...headings.map((h) => ({ start: h.start + shift, end: h.end + shift }))] };
}

export function extractHtml(html: string, baseUrl: string | null = null, eopts: ExtractOptions = {}): HtmlExtract {
  const notes: string[] = [];
  const shape = markupShape(html);
  const hostile = shape.depth > MAX_DEPTH || shape.elements > MAX_ELEMENTS;
  let out: TextBuilder = new TextBuilder();
  let meta: HtmlMeta = { title: null, outlet: null, url: null, published: null, language: null };
  let readableTitle: string | null = null;
  const flat = (why: string) => {
    notes.push(why);
    try {
      meta = htmlMeta(parseHTML(headOnly(html)).document, baseUrl);
    } catch {
      meta = { title: null, outlet: null, url: baseUrl ? absolute(baseUrl, null) : null, published: null, language: null };
    }
    const body = html.search(/<body[\s>]/i);
    out = flatText(body >= 0 ? html.slice(body) : html);
  };
  if (hostile) {
    flat(`markup too deep or large for readable-text extraction (depth ${shape.depth}, ${shape.elements} elements); used plain tag-stripped text`);
  } else {
    try {
      domExtract();
    } catch (e) {
      // linkedom can build a document without a root from broken markup: read it flat instead.
      readableTitle = null;
      flat(`HTML could not be parsed as a document (${(e as Error).message}); used plain tag-stripped text`);
    }
  }
  function domExtract(): void {
    // A fragment (feed item content) gets a document around it, or linkedom leaves body empty.
    const wrapped = `<!doctype html><html><head></head><body>${html}</body></html>`;
    let full = /<(html|body)[\s>]/i.test(html.slice(0, 65536)) ? html : wrapped;
    let { document } = parseHTML(full);
    if (!document.documentElement && full !== wrapped) ({ document } = parseHTML((full = wrapped)));
    meta = htmlMeta(document, baseUrl);
    for (const el of document.querySelectorAll([...DROP].filter((n) => n !== 'head').join(','))) el.remove();
    out = new TextBuilder();
    let article: ReturnType<Readability<string>['parse']> = null;
    if (eopts.readability !== false) {
      try {
        // Readability changes the document it reads: give it a copy.
        article = new Readability(parseHTML(full).document as unknown as Document, { charThreshold: 200, keepClasses: false }).parse();
      } catch (e) {
        notes.push(`readability failed (${(e as Error).message}); used the whole body`);
      }
    }
    if (article?.content && (article.textContent ?? '').trim().length > 0) {
      readableTitle = clip(article.title);
      domText(parseHTML(`<html><body>${article.content}</body></html>`).document as unknown as DomNode, out);
    } else {
      if (!notes.length && eopts.readability !== false) notes.push('no readable article found; used the whole body');
      const body = (document.body ?? document.documentElement) as unknown as DomNode | null;
      if (body) domText(body, out);
    }
  }
  const title = cleanTitle(eopts.forceTitle) ?? cleanTitle(meta.title) ?? cleanTitle(eopts.title) ?? cleanTitle(readableTitle) ?? cleanTitle(meta.docTitle);
  const withHead = prependHeadline(out.text(), out.headings, title);
  const { docTitle: _unused, ...rest } = meta;
  return { ...rest, title, text: withHead.text, headings: withHead.headings, notes };
}
