/**
 * @module ingest/feed
 * Ingest reader core: RSS 2.0 / RSS 1.0 (RDF) / Atom XML -> feed items (title, link, date,
 * outlet, content as HTML or text). Parsed with fast-xml-parser with entity processing OFF, so
 * DOCTYPE entity declarations (billion laughs) are never expanded; the five XML entities and
 * numeric references are decoded here, once, in a bounded way. Content elements are kept raw
 * (stop nodes) and unwrapped here, so XHTML, CDATA and escaped HTML all come out as HTML.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeEntities, markupShape, MAX_DEPTH } from './html.js';
import { toDay } from './dates.js';

export interface FeedItem {
  /** 1-based position in the feed. */
  n: number;
  title: string | null;
  link: string | null;
  published: string | null;
  outlet: string | null;
  language: string | null;
  /** The item's content: HTML when `html`, else plain text; empty when the item has none. */
  content: string;
  html: boolean;
}

export type FeedParse = { ok: true; title: string | null; items: FeedItem[] } | { ok: false; reason: string };

/** True when the text looks like an RSS/Atom document (root element rss, feed or rdf:RDF). */
export function looksLikeFeed(s: string): boolean {
  const head = s.slice(0, 4096).replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, '').trimStart();
  return /^<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

const CONTENT_TAGS = ['content:encoded', 'content', 'description', 'summary', 'dc:description'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  stopNodes: CONTENT_TAGS.flatMap((t) => [`rss.channel.item.${t}`, `feed.entry.${t}`, `rdf:RDF.item.${t}`]),
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;

/** The text of a parsed value (string, {#text}, or the first of an array), entity-decoded. */
function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as Node)['#text']);
  const s = decodeEntities(String(v)).replace(/\s+/g, ' ').trim();
  return s || null;
}

/** Raw content of a stop node -> HTML (or text): CDATA unwrapped, escaped markup decoded. */
function rawContent(v: unknown): { content: string; html: boolean } | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return rawContent(v[0]);
  let raw: string;
  let type = '';
  if (typeof v === 'object') {
    raw = String((v as Node)['#text'] ?? '');
    type = String((v as Node)['@_type'] ?? '').toLowerCase();
  } else raw = String(v);
  // Outside CDATA the markup is entity-escaped; inside it is literal.
  const parts = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  const content = parts.map((p) => (p.startsWith('<![CDATA[') ? p.slice(9, -3) : /<[a-zA-Z/!]/.test(p) ? p : decodeEntities(p))).join('').trim();
  if (!content) return null;
  const html = type === 'text' ? false : type === 'html' || type === 'xhtml' || /<\/?[a-zA-Z][\w:-]*[\s>/]/.test(content) || /&[#a-z0-9]+;/i.test(content);
  return { content, html };
}

/** Titles of type html (and RSS titles that carry markup) as plain text: tags dropped. */
function plainTitle(t: string | null): string | null {
  if (!t || !t.includes('<')) return t;
  return t.replace(/<[^>]{0,500}>/g, '').replace(/\s+/g, ' ').trim() || null;
}

function linkOf(v: unknown): string | null {
  const links = ([] as unknown[]).concat(v ?? []);
  let fallback: string | null = null;
  for (const l of links) {
    if (typeof l === 'string') { const t = textOf(l); if (t) return t; continue; }
    if (l && typeof l === 'object') {
      const o = l as Node;
      const href = typeof o['@_href'] === 'string' ? decodeEntities(o['@_href'] as string).trim() : textOf(o);
      if (!href) continue;
      const rel = String(o['@_rel'] ?? 'alternate');
      if (rel === 'alternate') return href;
      fallback ??= href;
    }
  }
  return fallback;
}

export function parseFeed(xml: string): FeedParse {
  const shape = markupShape(xml);
  if (shape.depth > MAX_DEPTH) return { ok: false, reason: `feed XML nested ${shape.depth} levels deep (over ${MAX_DEPTH}); not a real feed` };
  // Real feeds never declare entities; a document that does (billion laughs, external entities)
  // would yield items made of unexpanded references, so it is refused whole.
  if (/<!DOCTYPE[^>[]*\[[^\]]*<!ENTITY/i.test(xml.slice(0, 65536))) {
    return { ok: false, reason: 'feed XML declares its own entities (<!ENTITY> in a DOCTYPE), which Parley never expands; refused. Remove the DOCTYPE' };
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    return { ok: false, reason: `malformed feed XML (${(e as Error).message.split('\n')[0]})` };
  }
  const rss = doc.rss as Node | undefined;
  const atom = doc.feed as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const channel = (rss?.channel ?? rdf?.channel) as Node | undefined;
  const feedTitle = textOf(channel?.title ?? atom?.title);
  const feedLang = textOf(channel?.language ?? atom?.['@_xml:lang']);
  const raw = (rss ? (channel?.item ?? []) : rdf ? (rdf.item ?? []) : atom ? (atom.entry ?? []) : null) as Node[] | null;
  if (!raw) return { ok: false, reason: 'XML is not an RSS or Atom feed (no rss, feed or rdf:RDF root)' };
  const items: FeedItem[] = raw.map((it, i) => {
    const content = rawContent(it['content:encoded']) ?? rawContent(it.content) ?? rawContent(it.description) ?? rawContent(it.summary) ?? rawContent(it['dc:description']);
    const src = it.source as Node | string | undefined;
    return {
      n: i + 1,
      title: plainTitle(textOf(it.title)),
      link: linkOf(it.link) ?? (textOf(it.guid) && /^https?:\/\//.test(textOf(it.guid)!) ? textOf(it.guid) : null),
      published: toDay(textOf(it.pubDate) ?? textOf(it['dc:date']) ?? textOf(it.published) ?? textOf(it.updated)),
      outlet: textOf(src) ?? textOf(it['dc:publisher']) ?? feedTitle,
      language: textOf(it['@_xml:lang'] ?? it['dc:language']) ?? feedLang,
      content: content?.content ?? '',
      html: content?.html ?? false,
    };
  });
  return { ok: true, title: feedTitle, items };
}
