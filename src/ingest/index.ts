/**
 * @module ingest
 * Stage 1: sources -> `IngestItem`s (an `Article`, or why an input was skipped or rejected).
 * Sources: .txt (+ NAME.meta.json sidecar), .html/.htm, .json (object or array), .jsonl,
 * RSS/Atom feeds, directories (recursive, sorted, symlink loops reported), `-` for standard
 * input (sniffed), and http(s) URLs (safe-fetch). Every reader's text goes through the cleaner.
 * An async generator: one input at a time, so a large batch never sits in memory. Bad input
 * never throws: it becomes a one-line `rejected` reason and the batch goes on.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isParleyError } from '../errors.js';
import type { Article, SourceKind, Span } from '../types.js';
import { clean } from './clean.js';
import { decodeBytes } from './decode.js';
import { toDay } from './dates.js';
import { looksLikeFeed, parseFeed } from './feed.js';
import { extractHtml, languageCode, prependHeadline } from './html.js';
import { readRecord, type JsonRecord } from './json-records.js';
import { isFeedType, safeFetch, type SafeFetchOptions } from './safe-fetch.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, type IngestItem, type IngestOptions } from './types.js';
export type { IngestItem, IngestOptions } from './types.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS } from './types.js';

interface Resolved {
  maxBytes: number;
  fetch: SafeFetchOptions;
  stdin: NodeJS.ReadableStream | undefined;
  fetchFeedLinks: boolean | undefined;
}

const TXT = new Set(['.txt', '.text']);
const HTML = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const FEED = new Set(['.xml', '.rss', '.atom', '.rdf']);
const JSONL = new Set(['.jsonl', '.ndjson']);

/** Fields a reader found, before cleaning. */
interface Draft extends Pick<Article, 'id' | 'text' | 'title' | 'outlet' | 'url' | 'published' | 'language'> {
  kind: SourceKind;
  path: string | null;
  headings?: Span[];
  notes?: string[];
}

export async function* readSources(inputs: string[], opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const o: Resolved = {
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
    fetch: {
      allowPrivate: opts.allowPrivate ?? false,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
      ...(opts.addressPolicy ? { addressPolicy: opts.addressPolicy } : {}),
    },
    stdin: opts.stdin,
    fetchFeedLinks: opts.fetchFeedLinks,
  };
  for (const input of inputs) {
    try {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) && !/^https?:\/\//i.test(input)) {
        yield { kind: 'rejected', input, reason: `only http and https URLs are fetched (${input.split(':')[0]}: is not); save the article to a file and add that` };
        continue;
      }
      const items = input === '-' ? readStdin(o) : /^https?:\/\//i.test(input) ? readUrl(input, o) : readPath(input, o, [], true);
      for await (const item of items) yield item.kind === 'article' ? item : { ...item, reason: oneLine(item.reason) };
    } catch (e) {
      // A reader bug or an unexpected I/O error: report it on this input, keep the batch going.
      yield { kind: 'rejected', input, reason: oneLine(isParleyError(e) ? e.message : `could not read (${(e as Error).message})`) };
    }
  }
}

/** Reasons are one line (parser messages may quote raw input), of bounded length. */
const oneLine = (s: string): string => {
  const t = s.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return t.length > 500 ? `${t.slice(0, 497)}...` : t;
};

/** An article from a draft: the cleaner marks junk and headings, a headline may become the title. */
function finish(d: Draft): IngestItem {
  if (!d.text.trim()) return { kind: 'rejected', input: d.path ?? d.id, reason: 'no text (empty after reading); give a file with article text' };
  const c = clean(d.text, { title: d.title, headings: d.headings ?? [] });
  const article: Article = {
    id: d.id, text: d.text, title: c.title, outlet: d.outlet, url: d.url, published: d.published,
    language: d.language, source: { kind: d.kind, path: d.path }, stripped: c.stripped, headings: c.headings,
  };
  return d.notes && d.notes.length ? { kind: 'article', article, notes: d.notes } : { kind: 'article', article };
}

/** A file-system-safe, stable id from a url or title. */
export function slugId(...candidates: Array<string | null | undefined>): string | null {
  for (const c of candidates) {
    if (!c) continue;
    let base = c;
    try {
      const u = new URL(c);
      const segs = u.pathname.split('/').filter(Boolean);
      base = (segs.pop() ?? u.hostname).replace(/\.(html?|php|aspx?)$/i, '') || u.hostname;
      if (/^\d*$/.test(base) && u.search) base = `${u.hostname}-${u.search.slice(1)}`;
    } catch {
      // not a URL: a title
    }
    const slug = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
    if (slug) return slug;
  }
  return null;
}

const stem = (p: string): string => {
  const b = path.basename(p);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
};

// ---------------------------------------------------------------- files and directories

async function* readPath(p: string, o: Resolved, ancestors: string[], explicit: boolean): AsyncGenerator<IngestItem> {
  const lst = await fsp.lstat(p).catch((e: NodeJS.ErrnoException) => e);
  if (lst instanceof Error) {
    yield { kind: 'rejected', input: p, reason: lst.code === 'ENOENT' ? 'no such file or directory; check the path' : `cannot read (${lst.code ?? lst.message})` };
    return;
  }
  let st: fs.Stats = lst;
  if (lst.isSymbolicLink()) {
    const target = await fsp.stat(p).catch((e: NodeJS.ErrnoException) => e);
    if (target instanceof Error) {
      yield { kind: 'rejected', input: p, reason: target.code === 'ELOOP' ? 'symlink loop (the link resolves to itself); remove or fix the link' : `broken symlink (${target.code ?? target.message}); fix or remove the link` };
      return;
    }
    st = target;
  }
  if (st.isDirectory()) {
    const real = await fsp.realpath(p);
    if (ancestors.includes(real)) {
      yield { kind: 'rejected', input: p, reason: `symlink loop: this directory is ${real}, already being read above it; remove the link` };
      return;
    }
    let names: string[];
    try {
      names = (await fsp.readdir(p)).sort();
    } catch (e) {
      yield { kind: 'rejected', input: p, reason: `cannot list the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
      return;
    }
    // A Parley store (or any PostgreSQL data directory) inside the inputs is data, not articles.
    if (names.includes('PG_VERSION') || names.includes('parley.lock')) {
      yield { kind: 'skipped', input: p, reason: 'a database directory (a Parley store), not articles' };
      return;
    }
    const here = [...ancestors, real];
    for (const name of names) {
      const child = path.join(p, name);
      if (name.startsWith('.')) { yield { kind: 'skipped', input: child, reason: 'hidden file or directory' }; continue; }
      try {
        yield* readPath(child, o, here, false);
      } catch (e) {
        // An I/O error on one entry (permissions, a file removed mid-walk) must not end the walk.
        yield { kind: 'rejected', input: child, reason: oneLine(`could not read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`) };
      }
    }
    return;
  }
  if (!st.isFile()) {
    yield { kind: 'skipped', input: p, reason: 'not a regular file (device, socket or pipe)' };
    return;
  }
  const lower = p.toLowerCase();
  if (lower.endsWith('.meta.json')) {
    yield { kind: 'skipped', input: p, reason: 'metadata sidecar (read with its .txt)' };
    return;
  }
  const ext = path.extname(lower);
  let kind: 'txt' | 'html' | 'feed' | 'json' | 'jsonl' | 'sniff';
  if (TXT.has(ext)) kind = 'txt';
  else if (HTML.has(ext)) kind = 'html';
  else if (FEED.has(ext)) kind = 'feed';
  else if (ext === '.json') kind = 'json';
  else if (JSONL.has(ext)) kind = 'jsonl';
  else if (explicit) kind = 'sniff';
  else {
    yield { kind: 'skipped', input: p, reason: `not an article file (${ext || 'no extension'}); articles are .txt, .html, .json, .jsonl or feed .xml/.rss/.atom` };
    return;
  }
  if (kind === 'jsonl') { yield* readJsonlFile(p, st.size, o); return; }
  if (st.size === 0) { yield { kind: 'rejected', input: p, reason: 'empty file; nothing to read' }; return; }
  if (st.size > o.maxBytes) {
    yield { kind: 'rejected', input: p, reason: `file of ${st.size} bytes is over the ${o.maxBytes}-byte cap; split it or raise --max-bytes` };
    return;
  }
  const bytes = await readCapped(p, o.maxBytes);
  if (bytes === null) { yield { kind: 'rejected', input: p, reason: `file grew over the ${o.maxBytes}-byte cap while being read` }; return; }
  yield* readBytes(bytes, kind, p, o, stem(p));
}

/** Read a file, refusing past `cap` bytes even if it grows after the size check. */
async function readCapped(p: string, cap: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of fs.createReadStream(p, { highWaterMark: 1 << 16 })) {
    size += (chunk as Buffer).length;
    if (size > cap) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Bytes of one input of a known (or to-be-sniffed) kind -> items. */
async function* readBytes(bytes: Buffer, kind: 'txt' | 'html' | 'feed' | 'json' | 'sniff', where: string, o: Resolved, id: string, srcKind?: SourceKind): AsyncGenerator<IngestItem> {
  const dec = decodeBytes(bytes, kind === 'html' || kind === 'sniff' ? declaredCharset(bytes) : null);
  if (!dec.ok) {
    yield { kind: 'rejected', input: where, reason: `${dec.reason}; give a text, HTML, JSON or feed file` };
    return;
  }
  const notes = dec.note ? [dec.note] : [];
  const text = dec.text;
  if (!text.trim()) { yield { kind: 'rejected', input: where, reason: 'empty file (only whitespace); nothing to read' }; return; }
  if (kind === 'sniff') kind = sniff(text);
  switch (kind) {
    case 'txt': {
      const meta = srcKind === undefined ? await readSidecar(where, o) : { fields: {}, notes: [] };
      yield finish({ id, text, kind: srcKind ?? 'txt', path: where, ...emptyMeta, ...meta.fields, notes: [...notes, ...meta.notes] });
      return;
    }
    case 'html': {
      // A NAME.meta.json next to a page overrides what the page says about itself.
      const side = srcKind === undefined ? await readSidecar(where, o) : { fields: {}, notes: [] };
      const f = side.fields;
      const ex = extractHtml(text, f.url ?? null, { forceTitle: f.title ?? null });
      yield finish({
        id: srcKind ? slugId(ex.url, ex.title) ?? id : id, text: ex.text, title: ex.title, outlet: f.outlet ?? ex.outlet, url: f.url ?? ex.url,
        published: f.published ?? ex.published, language: f.language ?? ex.language, headings: ex.headings, kind: srcKind ?? 'html', path: where, notes: [...notes, ...ex.notes, ...side.notes],
      });
      return;
    }
    case 'feed':
      yield* readFeed(text, where, o, o.fetchFeedLinks === true, notes);
      return;
    case 'json': {
      let v: unknown;
      try {
        v = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (e) {
        // Several objects one a line in a .json file: read it as JSON Lines.
        if (firstLineIsJson(text)) { yield* readJsonlLines(text.split('\n'), where, o); return; }
        yield { kind: 'rejected', input: where, reason: `not valid JSON (${(e as Error).message}); fix the syntax or use one object a line (.jsonl)` };
        return;
      }
      const list = Array.isArray(v) ? v : [v];
      for (let i = 0; i < list.length; i++) {
        const at = Array.isArray(v) ? `${where}#${i + 1}` : where;
        // A file holding one article is named after the file, like a .txt; items of an array after themselves.
        yield recordItem(list[i], at, Array.isArray(v) ? `${id}-${i + 1}` : id, Array.isArray(v) ? `item ${i + 1}` : 'object', srcKind ?? 'json', !Array.isArray(v) && srcKind === undefined);
      }
      return;
    }
  }
}

/** Several lines, the first of them a JSON object on its own: JSON Lines. */
function firstLineIsJson(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split('\n').filter((l) => l.trim());
  if (lines.length < 2 || !lines[0]!.trim().startsWith('{')) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

const emptyMeta = { title: null, outlet: null, url: null, published: null, language: null };

/** What `-` or an extension-less file holds: HTML, a feed, JSON/JSONL, else plain text. */
function sniff(text: string): 'txt' | 'html' | 'feed' | 'json' {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) {
    if (looksLikeFeed(t)) return 'feed';
    if (/^<(\?xml|!doctype html|html|head|body|!--|[a-z][\w-]*[\s>/])/i.test(t)) return 'html';
  }
  if (t.startsWith('{') || t.startsWith('[')) {
    // Text that merely opens with a bracket ("[Updated] Talks resume...") stays text.
    try {
      JSON.parse(t);
      return 'json';
    } catch {
      return firstLineIsJson(t) ? 'json' : 'txt';
    }
  }
  return 'txt';
}

/** A charset declared in the first bytes of an HTML file (<meta charset>), or null. */
function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/** The NAME.meta.json next to NAME.txt: {title, outlet, url, published, language}. */
async function readSidecar(txtPath: string, o: Resolved): Promise<{ fields: Partial<Draft>; notes: string[] }> {
  const metaPath = txtPath.replace(/\.[^./\\]*$/, '') + '.meta.json';
  if (metaPath === txtPath) return { fields: {}, notes: [] };
  const st = await fsp.stat(metaPath).catch(() => null);
  if (!st || !st.isFile()) return { fields: {}, notes: [] };
  if (st.size > Math.min(o.maxBytes, 1 << 20)) return { fields: {}, notes: [`sidecar ${path.basename(metaPath)} is too large; ignored`] };
  let m: unknown;
  try {
    m = JSON.parse((await fsp.readFile(metaPath, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    return { fields: {}, notes: [`sidecar ${path.basename(metaPath)} is not valid JSON (${(e as Error).message}); metadata ignored`] };
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return { fields: {}, notes: [`sidecar ${path.basename(metaPath)} is not a JSON object; metadata ignored`] };
  const r = m as Record<string, unknown>;
  const s = (k: string) => (typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string).replace(/\s+/g, ' ').trim() : null);
  const notes: string[] = [];
  const published = toDay(s('published'));
  if (s('published') && !published) notes.push(`sidecar published "${s('published')}" is not a date; ignored`);
  return {
    fields: { title: s('title'), outlet: s('outlet') ?? s('source'), url: s('url'), published, language: languageCode(s('language')) },
    notes,
  };
}

// ---------------------------------------------------------------- JSON and JSON Lines

function recordItem(v: unknown, at: string, fallbackId: string, label: string, kind: SourceKind, fileId = false): IngestItem {
  const r = readRecord(v);
  if (typeof r === 'string') return { kind: 'rejected', input: at, reason: `${label}: ${r}` };
  return recordToItem(r, at, fallbackId, kind, fileId);
}

function recordToItem(r: JsonRecord, at: string, fallbackId: string, kind: SourceKind, fileId: boolean): IngestItem {
  const notes = r.badDate ? [`published "${r.badDate}" is not a date; ignored`] : [];
  const id = r.id ?? (fileId ? fallbackId : slugId(r.url, r.title) ?? fallbackId);
  if (r.text !== null) {
    return finish({ id, text: r.text, title: r.title, outlet: r.outlet, url: r.url, published: r.published, language: r.language, kind, path: at, notes });
  }
  const ex = extractHtml(r.html ?? '', r.url);
  return finish({
    id, text: ex.text, title: r.title ?? ex.title, outlet: r.outlet ?? ex.outlet, url: r.url ?? ex.url,
    published: r.published ?? ex.published, language: r.language ?? ex.language, headings: ex.headings, kind, path: at, notes: [...notes, ...ex.notes],
  });
}

/** JSON Lines streamed from the file (each line capped, not the file), bad lines reported by number. */
async function* readJsonlFile(p: string, size: number, o: Resolved): AsyncGenerator<IngestItem> {
  if (size === 0) { yield { kind: 'rejected', input: p, reason: 'empty file; nothing to read' }; return; }
  const head = await readHead(p, 8192);
  const dec = decodeBytes(head);
  if (!dec.ok) { yield { kind: 'rejected', input: p, reason: `${dec.reason}; give one JSON object a line` }; return; }
  let n = 0;
  let nonEmpty = 0;
  for await (const line of cappedLines(p, o.maxBytes)) {
    n++;
    const item = line === null
      ? { kind: 'rejected' as const, input: `${p}#${n}`, reason: `line ${n}: over the ${o.maxBytes}-byte cap; split it or raise --max-bytes` }
      : jsonlLine(line, n, p, stem(p), o);
    if (item) { nonEmpty++; yield item; }
  }
  if (nonEmpty === 0) yield { kind: 'rejected', input: p, reason: 'empty file (only blank lines); nothing to read' };
}

/**
 * Lines of a file, streamed; a line longer than `cap` bytes is yielded as null (and never held
 * whole in memory), so one runaway line cannot exhaust memory.
 */
async function* cappedLines(p: string, cap: number): AsyncGenerator<string | null> {
  const decoder = new TextDecoder('utf-8');
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  for await (const chunk of fs.createReadStream(p, { highWaterMark: 1 << 16 })) {
    let buf = chunk as Buffer;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      const piece = buf.subarray(0, nl);
      if (!overflow && size + piece.length <= cap) parts.push(piece);
      else overflow = true;
      yield overflow ? null : decoder.decode(Buffer.concat(parts)).replace(/\r$/, '');
      parts = [];
      size = 0;
      overflow = false;
      buf = buf.subarray(nl + 1);
    }
    if (!overflow) {
      size += buf.length;
      if (size > cap) { overflow = true; parts = []; } else parts.push(buf);
    }
  }
  if (overflow) yield null;
  else if (size > 0) yield decoder.decode(Buffer.concat(parts)).replace(/\r$/, '');
}

async function* readJsonlLines(lines: string[], where: string, o: Resolved): AsyncGenerator<IngestItem> {
  for (let i = 0; i < lines.length; i++) {
    const item = jsonlLine(lines[i]!, i + 1, where, stem(where), o);
    if (item) yield item;
  }
}

function jsonlLine(line: string, n: number, p: string, base: string, o: Resolved): IngestItem | null {
  const at = `${p}#${n}`;
  const t = line.replace(/^\uFEFF/, '').trim();
  if (!t) return null;
  if (Buffer.byteLength(t) > o.maxBytes) return { kind: 'rejected', input: at, reason: `line ${n}: over the ${o.maxBytes}-byte cap; split it or raise --max-bytes` };
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch (e) {
    return { kind: 'rejected', input: at, reason: `line ${n}: not valid JSON (${(e as Error).message}); fix or remove that line` };
  }
  return recordItem(v, at, `${base}-${n}`, `line ${n}`, 'jsonl');
}

async function readHead(p: string, n: number): Promise<Buffer> {
  const fh = await fsp.open(p, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------- feeds

async function* readFeed(xml: string, where: string, o: Resolved, fetchLinks: boolean, notes: string[]): AsyncGenerator<IngestItem> {
  const feed = parseFeed(xml.replace(/^\uFEFF/, ''));
  if (!feed.ok) { yield { kind: 'rejected', input: where, reason: `${feed.reason}; give a well-formed RSS 2.0 or Atom feed` }; return; }
  if (feed.items.length === 0) { yield { kind: 'skipped', input: where, reason: 'feed has no items' }; return; }
  const base = slugId(feed.title) ?? stem(where);
  for (const it of feed.items) {
    const at = `${where}#${it.n}`;
    const id = slugId(it.link, it.title) ?? `${base}-${it.n}`;
    const meta = { title: it.title, outlet: it.outlet, url: it.link, published: it.published, language: languageCode(it.language) };
    if (it.content) {
      const ex = it.html ? extractHtml(it.content, it.link, { readability: false, title: it.title }) : null;
      const plain = ex ? null : prependHeadline(it.content, [], it.title);
      yield finish({
        id, text: ex ? ex.text : plain!.text, ...meta, title: it.title ?? ex?.title ?? null, headings: ex?.headings ?? plain!.headings,
        kind: 'feed', path: at, notes: [...notes, ...(ex?.notes ?? [])],
      });
      continue;
    }
    if (!it.link) { yield { kind: 'rejected', input: at, reason: `feed item ${it.n} has neither content nor a link; nothing to read` }; continue; }
    if (!fetchLinks) { yield { kind: 'rejected', input: at, reason: `feed item ${it.n} has no content; its link ${it.link} is fetched only when link fetching is on` }; continue; }
    try {
      const page = await safeFetch(it.link, o.fetch);
      const dec = decodeBytes(page.body, page.charset);
      if (!dec.ok) { yield { kind: 'rejected', input: at, reason: `${it.link}: ${dec.reason}` }; continue; }
      const ex = extractHtml(dec.text, page.url, { title: it.title });
      yield finish({
        id, text: ex.text, title: it.title ?? ex.title, outlet: it.outlet ?? ex.outlet, url: ex.url ?? it.link, published: it.published ?? ex.published,
        language: meta.language ?? ex.language, headings: ex.headings, kind: 'feed', path: at, notes: [...notes, ...ex.notes, ...(dec.note ? [dec.note] : [])],
      });
    } catch (e) {
      yield { kind: 'rejected', input: at, reason: isParleyError(e) ? e.message : `fetch failed (${(e as Error).message})` };
    }
  }
}

// ---------------------------------------------------------------- URLs and standard input

async function* readUrl(url: string, o: Resolved): AsyncGenerator<IngestItem> {
  let page;
  try {
    page = await safeFetch(url, o.fetch);
  } catch (e) {
    yield { kind: 'rejected', input: url, reason: isParleyError(e) ? `${e.message}${e.hint ? `; ${e.hint}` : ''}` : `fetch failed (${(e as Error).message})` };
    return;
  }
  const dec = decodeBytes(page.body, page.charset);
  if (!dec.ok) { yield { kind: 'rejected', input: url, reason: `${dec.reason}; give a web page or a feed` }; return; }
  const notes = dec.note ? [dec.note] : [];
  // XML content types are feeds or nothing (a sitemap is not an article); HTML may still hold a feed.
  if (isFeedType(page.contentType) || looksLikeFeed(dec.text)) { yield* readFeed(dec.text, url, o, o.fetchFeedLinks !== false, notes); return; }
  const ex = extractHtml(dec.text, page.url);
  yield finish({
    id: slugId(ex.url, page.url, ex.title) ?? 'page', text: ex.text, title: ex.title, outlet: ex.outlet ?? new URL(page.url).hostname.replace(/^www\./, ''),
    url: ex.url ?? page.url, published: ex.published, language: ex.language, headings: ex.headings, kind: 'url', path: url, notes: [...notes, ...ex.notes],
  });
}

async function* readStdin(o: Resolved): AsyncGenerator<IngestItem> {
  const stream = o.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > o.maxBytes) {
      yield { kind: 'rejected', input: '-', reason: `standard input is over the ${o.maxBytes}-byte cap; split it or raise --max-bytes` };
      return;
    }
    chunks.push(b);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) { yield { kind: 'rejected', input: '-', reason: 'standard input is empty; pipe an article into it' }; return; }
  const dec = decodeBytes(bytes);
  const kind = dec.ok ? sniff(dec.text) : 'txt';
  if (kind === 'txt' && dec.ok) {
    // Plain text has no id of its own: the headline line (if any) names it.
    const c = clean(dec.text, { title: null });
    yield* readBytes(bytes, 'txt', '-', o, slugId(c.title) ?? 'stdin', 'stdin');
    return;
  }
  yield* readBytes(bytes, kind, '-', o, 'stdin', 'stdin');
}
