/** http(s) URLs through safe-fetch, against a local server on 127.0.0.1. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSources } from '../../src/ingest/index.js';
import { refuseAddress } from '../../src/ingest/ip-policy.js';
import type { IngestItem, IngestOptions } from '../../src/ingest/types.js';
import { ROOT } from '../helpers.js';

const FIX = path.join(ROOT, 'test/fixtures/ingest');
const PAGE = fs.readFileSync(path.join(FIX, 'article.html'));
let base = '';
let port = 0;
const seenHosts: string[] = [];
const server = http.createServer((req, res) => {
  seenHosts.push(String(req.headers.host));
  const url = new URL(req.url ?? '/', 'http://x');
  const p = url.pathname;
  if (p === '/page') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(PAGE); return; }
  if (p === '/feed') {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<rss version="2.0"><channel><title>Local Wire</title>
      <item><title>Inline Item Here</title><link>${base}/inline</link><description>&lt;p&gt;The inline item carries its own short text about the talks.&lt;/p&gt;</description></item>
      <item><title>Linked Page Item</title><link>${base}/page</link><pubDate>Wed, 09 Apr 2031 10:00:00 GMT</pubDate></item>
    </channel></rss>`);
    return;
  }
  const red = /^\/redirect\/(\d+)$/.exec(p);
  if (red) { const n = Number(red[1]); res.writeHead(302, { location: n > 0 ? `/redirect/${n - 1}` : '/page' }); res.end(); return; }
  if (p === '/to-metadata') { res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }); res.end(); return; }
  if (p === '/to-private-name') { res.writeHead(307, { location: `http://intranet.test:${port}/page` }); res.end(); return; }
  if (p === '/to-mapped') { res.writeHead(302, { location: `http://[::ffff:10.0.0.1]:${port}/page` }); res.end(); return; }
  if (p === '/slow') { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<html><body>'); return; /* never ends */ }
  if (p === '/big') { res.writeHead(200, { 'content-type': 'text/html', 'content-length': '20000' }); res.end('a'.repeat(20000)); return; }
  if (p === '/big-chunked') { res.writeHead(200, { 'content-type': 'text/html' }); for (let i = 0; i < 20; i++) res.write('b'.repeat(1000)); res.end(); return; }
  if (p === '/bomb') {
    const bomb = zlib.gzipSync(Buffer.alloc(30 * 1024 * 1024));
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
    res.end(bomb);
    return;
  }
  if (p === '/gzip') {
    const z = zlib.gzipSync(PAGE);
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(z);
    return;
  }
  if (p === '/image') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47])); return; }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function all(inputs: string[], opts: IngestOptions = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readSources(inputs, opts)) out.push(it);
  return out;
}
const reason = (i: IngestItem | undefined) => (i && i.kind !== 'article' ? i.reason : `(${i?.kind})`);
/** Treat 127.0.0.1 as if it were a public address, everything else by the real policy. */
const localIsPublic = (a: string) => (a === '127.0.0.1' ? null : refuseAddress(a));

describe('fetching URLs', () => {
  it('fetches a page on 127.0.0.1 with allowPrivate, and refuses it without', async () => {
    const [ok] = await all([`${base}/page`], { allowPrivate: true });
    expect(ok!.kind).toBe('article');
    if (ok!.kind === 'article') {
      expect(ok.article).toMatchObject({ id: 'harbour-talks-resume', title: 'Harbour Talks Resume After Week-Long Pause', outlet: 'The Lakeside Courier', published: '2031-04-09', source: { kind: 'url', path: `${base}/page` } });
      expect(ok.article.url).toBe(`${base}/news/harbour-talks-resume`);
      expect(ok.article.text).toContain('revised offer covering 40 licences');
    }
    const [lit] = await all([`${base}/page`]);
    expect(reason(lit)).toMatch(/refused to connect to loopback address 127\.0\.0\.1/);
    const [named] = await all([`http://localhost:${port}/page`]);
    expect(reason(named)).toMatch(/refused: localhost resolves to loopback address/);
    // Other spellings of loopback are normalised by the URL parser and refused the same way.
    for (const host of ['0x7f.0.0.1', '2130706433', '127.1', '[::ffff:127.0.0.1]', '[::1]', '0.0.0.0']) {
      const [odd] = await all([`http://${host}:${port}/page`]);
      expect(reason(odd)).toMatch(/refused to connect to (loopback|unspecified|::ffff:7f00:1)/);
    }
  });

  it('decodes gzip bodies and follows relative redirects', async () => {
    const [gz] = await all([`${base}/gzip`], { allowPrivate: true });
    expect(gz!.kind).toBe('article');
    const [red] = await all([`${base}/redirect/2`], { allowPrivate: true });
    expect(red!.kind).toBe('article');
  });

  it('checks the resolved address at every redirect hop', async () => {
    const [meta] = await all([`${base}/to-metadata`], { addressPolicy: localIsPublic });
    expect(reason(meta)).toMatch(/169\.254\.169\.254.*refused to connect to cloud metadata address/);
    const resolve = async (h: string) => (h === 'intranet.test' ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const [named] = await all([`${base}/to-private-name`], { addressPolicy: localIsPublic, resolve });
    expect(reason(named)).toMatch(/intranet\.test resolves to private address 10\.1\.2\.3/);
    const [mapped] = await all([`${base}/to-mapped`], { addressPolicy: localIsPublic });
    expect(reason(mapped)).toMatch(/::ffff:a00:1 \(embeds private address 10\.0\.0\.1\)/);
  });

  it('resolves a host name once per hop and connects to the checked address (no second lookup)', async () => {
    let calls = 0;
    // A rebinding resolver: public (here: 127.0.0.1) the first time, private after.
    const resolve = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    seenHosts.length = 0;
    const [item] = await all([`http://news.test:${port}/page`], { addressPolicy: localIsPublic, resolve });
    expect(item!.kind).toBe('article');
    expect(calls).toBe(1);
    expect(seenHosts).toEqual([`news.test:${port}`]);
  });

  it('refuses more redirects than the cap', async () => {
    const [item] = await all([`${base}/redirect/10`], { allowPrivate: true, maxRedirects: 3 });
    expect(reason(item)).toMatch(/more than 3 redirects/);
    const [ok] = await all([`${base}/redirect/3`], { allowPrivate: true, maxRedirects: 4 });
    expect(ok!.kind).toBe('article');
  });

  it('times out a server that never finishes', async () => {
    const t = Date.now();
    const [item] = await all([`${base}/slow`], { allowPrivate: true, timeoutMs: 300 });
    expect(reason(item)).toMatch(/timed out after 300 ms/);
    expect(Date.now() - t).toBeLessThan(3000);
  });

  it('caps transferred bytes (declared and chunked) and decoded bytes (gzip bomb)', async () => {
    const [declared] = await all([`${base}/big`], { allowPrivate: true, maxBytes: 1000 });
    expect(reason(declared)).toMatch(/20000 bytes is over the 1000-byte cap/);
    const [chunked] = await all([`${base}/big-chunked`], { allowPrivate: true, maxBytes: 1000 });
    expect(reason(chunked)).toMatch(/over the 1000-byte cap/);
    const [bomb] = await all([`${base}/bomb`], { allowPrivate: true, maxBytes: 1 << 20 });
    expect(reason(bomb)).toMatch(/decoded body over the 1048576-byte cap/);
  });

  it('accepts only HTML and feed content types, and reports HTTP errors', async () => {
    const [img] = await all([`${base}/image`], { allowPrivate: true });
    expect(reason(img)).toMatch(/content type image\/png is neither HTML nor a feed/);
    const [missing] = await all([`${base}/nope`], { allowPrivate: true });
    expect(reason(missing)).toMatch(/HTTP 404/);
    const [scheme] = await all(['http://[::1/bad']);
    expect(reason(scheme)).toMatch(/not a valid URL/);
  });

  it('reads a fetched feed and fetches the link of an item without content', async () => {
    const items = await all([`${base}/feed`], { allowPrivate: true });
    expect(items.map((i) => i.kind)).toEqual(['article', 'article']);
    const [inline, linked] = items.map((i) => (i.kind === 'article' ? i.article : null));
    expect(inline).toMatchObject({ title: 'Inline Item Here', outlet: 'Local Wire', source: { kind: 'feed', path: `${base}/feed#1` } });
    expect(linked).toMatchObject({ title: 'Linked Page Item', published: '2031-04-09', source: { kind: 'feed', path: `${base}/feed#2` } });
    expect(linked!.text).toContain('revised offer covering 40 licences');
    const refused = await all([`${base}/feed`]);
    expect(refused).toEqual([{ kind: 'rejected', input: `${base}/feed`, reason: expect.stringMatching(/refused to connect to loopback/) }]);
    const off = await all([`${base}/feed`], { allowPrivate: true, fetchFeedLinks: false });
    expect(reason(off[1])).toMatch(/fetched only when link fetching is on/);
  });
});

describe('address policy', () => {
  it.each([
    ['127.0.0.1', /loopback/], ['10.0.0.1', /private/], ['172.16.5.5', /private/], ['192.168.1.1', /private/],
    ['100.64.0.1', /carrierGradeNat/], ['169.254.169.254', /cloud metadata/], ['169.254.1.1', /linkLocal/],
    ['fd00:ec2::254', /cloud metadata/], ['0.0.0.0', /unspecified/], ['::', /unspecified/], ['224.0.0.1', /multicast/],
    ['ff02::1', /multicast/], ['::1', /loopback/], ['fe80::1', /linkLocal/], ['fc00::1', /uniqueLocal/],
    ['::ffff:127.0.0.1', /embeds loopback/], ['::ffff:169.254.169.254', /embeds cloud metadata/], ['::7f00:1', /embeds loopback/],
    ['64:ff9b::a00:1', /embeds private/], ['2002:c0a8:101::1', /embeds private/], ['255.255.255.255', /broadcast/], ['192.0.2.1', /reserved/],
  ])('refuses %s', (addr, why) => {
    expect(refuseAddress(addr)).toMatch(why);
  });
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (addr) => {
    expect(refuseAddress(addr)).toBeNull();
  });
});
