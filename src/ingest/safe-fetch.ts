/**
 * @module ingest/safe-fetch
 * Ingest edge: an http(s) URL -> its body bytes, fetched defensively. Every hop's host is
 * resolved once, every resolved address is checked (ip-policy) and the socket is pinned to the
 * checked address through a custom `lookup` (no second DNS lookup can swap it). Redirects are
 * followed by hand up to a cap; a deadline covers the whole fetch; transferred AND decoded bytes
 * are capped (gzip/deflate/brotli bombs); only HTML and feed content types are accepted.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { ParleyError } from '../errors.js';
import { isIpLiteral, refuseAddress } from './ip-policy.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeFetchOptions {
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Host name -> addresses; default `dns.lookup(all)`. A test hook. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Address -> refusal reason or null; default ip-policy unless allowPrivate. A test hook. */
  addressPolicy?: (address: string) => string | null;
}

export interface FetchedBody {
  /** The final URL after redirects. */
  url: string;
  contentType: string;
  /** The charset parameter of the content type, lower-cased, or null. */
  charset: string | null;
  body: Buffer;
}

/** Content types a reader can turn into articles. */
const ACCEPTED = /^(text\/html|application\/xhtml\+xml|application\/(rss|atom)\+xml|application\/xml|text\/xml|application\/rdf\+xml)$/;

export const isFeedType = (ct: string): boolean => /(rss|atom|rdf)\+xml|^(application|text)\/xml$/.test(ct);

const defaultResolve = (hostname: string): Promise<ResolvedAddress[]> =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

const fail = (url: string, what: string, hint: string): ParleyError =>
  new ParleyError(`ingest: ${url}: ${what}`, { hint });

export async function safeFetch(startUrl: string, opts: SafeFetchOptions): Promise<FetchedBody> {
  const policy = opts.addressPolicy ?? (opts.allowPrivate ? () => null : refuseAddress);
  const resolve = opts.resolve ?? defaultResolve;
  const deadline = Date.now() + opts.timeoutMs;
  let url = startUrl;
  for (let hop = 0; ; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw fail(url, 'not a valid URL', 'check the address');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw fail(url, `unsupported scheme ${parsed.protocol}`, 'only http and https URLs are fetched');
    }
    const res = await oneHop(parsed, opts, policy, resolve, deadline);
    if (res.kind === 'redirect') {
      if (hop + 1 > opts.maxRedirects) {
        throw fail(startUrl, `more than ${opts.maxRedirects} redirects`, 'fetch the final address directly or raise the redirect cap');
      }
      url = new URL(res.location, parsed).toString();
      continue;
    }
    return { ...res.body, url: parsed.toString() };
  }
}

type Hop = { kind: 'redirect'; location: string } | { kind: 'body'; body: Omit<FetchedBody, 'url'> };

function oneHop(
  url: URL,
  opts: SafeFetchOptions,
  policy: (a: string) => string | null,
  resolve: (h: string) => Promise<ResolvedAddress[]>,
  deadline: number,
): Promise<Hop> {
  const where = url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise<Hop>((resolveHop, rejectHop) => {
    let settled = false;
    const done = (err: Error | null, value?: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) rejectHop(err);
      else resolveHop(value!);
    };
    const remaining = deadline - Date.now();
    const timer = setTimeout(() => {
      const err = fail(where, `timed out after ${opts.timeoutMs} ms`, 'try again later or raise the timeout');
      req?.destroy(err);
      done(err);
    }, Math.max(0, remaining));
    if (remaining <= 0) return;

    if (isIpLiteral(host)) {
      // Node connects to IP literals without calling `lookup`, so check them here.
      const why = policy(host);
      if (why) return done(fail(where, `refused to connect to ${why}`, 'only public addresses are fetched (use --allow-private for local tests)'));
    }
    // Resolve once, check every address, and hand the socket exactly the checked one.
    const lookup: LookupFunction = (hostname, options, cb) => {
      resolve(hostname).then((addrs) => {
        if (addrs.length === 0) throw fail(where, `${hostname} has no address`, 'check the host name');
        for (const a of addrs) {
          const why = policy(a.address);
          if (why) throw fail(where, `refused: ${hostname} resolves to ${why}`, 'only public addresses are fetched (use --allow-private for local tests)');
        }
        const pick = addrs[0]!;
        if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pick]);
        else cb(null, pick.address, pick.family);
      }).catch((e: Error) => {
        (cb as unknown as (e: Error) => void)(e);
      });
    };
    const mod = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = mod.request(url, {
        method: 'GET',
        agent: false,
        lookup,
        headers: {
          'user-agent': 'parley/0.1 (+news negotiation record)',
          accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1',
          'accept-encoding': 'gzip, deflate, br',
        },
      });
    } catch (e) {
      return done(fail(where, `cannot request (${(e as Error).message})`, 'check the address'));
    }
    req.on('error', (e) => done(e instanceof ParleyError ? e : fail(where, `fetch failed (${e.message})`, 'check the address and your network')));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        req.destroy();
        return done(null, { kind: 'redirect', location: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        req.destroy();
        return done(fail(where, `HTTP ${status}`, 'check the address'));
      }
      const ctHeader = String(res.headers['content-type'] ?? '');
      const contentType = ctHeader.split(';')[0]!.trim().toLowerCase();
      if (!ACCEPTED.test(contentType)) {
        req.destroy();
        return done(fail(where, `content type ${contentType || '(none)'} is neither HTML nor a feed`, 'give a web page or an RSS/Atom feed'));
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        req.destroy();
        return done(fail(where, `body of ${declared} bytes is over the ${opts.maxBytes}-byte cap`, 'raise --max-bytes if this page is genuine'));
      }
      const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(ctHeader)?.[1]?.toLowerCase() ?? null;
      const encoding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      let decoded: NodeJS.ReadableStream & { destroy?: (e?: Error) => void } = res;
      if (encoding === 'gzip' || encoding === 'x-gzip') decoded = res.pipe(zlib.createGunzip());
      else if (encoding === 'deflate') decoded = res.pipe(zlib.createInflate());
      else if (encoding === 'br') decoded = res.pipe(zlib.createBrotliDecompress());
      else if (encoding !== 'identity' && encoding !== '') {
        req.destroy();
        return done(fail(where, `unsupported content encoding ${encoding}`, 'the server must send gzip, deflate, br or plain bytes'));
      }
      let transferred = 0;
      res.on('data', (c: Buffer) => {
        transferred += c.length;
        if (transferred > opts.maxBytes) {
          const err = fail(where, `body over the ${opts.maxBytes}-byte cap`, 'raise --max-bytes if this page is genuine');
          req.destroy(err);
          done(err);
        }
      });
      const chunks: Buffer[] = [];
      let size = 0;
      decoded.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          const err = fail(where, `decoded body over the ${opts.maxBytes}-byte cap (a compression bomb?)`, 'raise --max-bytes if this page is genuine');
          decoded.destroy?.(err);
          req.destroy(err);
          return done(err);
        }
        chunks.push(c);
      });
      decoded.on('error', (e: Error) => done(e instanceof ParleyError ? e : fail(where, `could not decode the body (${e.message})`, 'the server sent a broken compressed body')));
      decoded.on('end', () => done(null, { kind: 'body', body: { contentType, charset, body: Buffer.concat(chunks) } }));
      res.on('error', (e) => done(e instanceof ParleyError ? e : fail(where, `fetch failed (${e.message})`, 'try again')));
    });
    req.end();
  });
}
