/** Files, directories and standard input: hostile and broken inputs never throw and never stop the batch. */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSources } from '../../src/ingest/index.js';
import type { IngestItem, IngestOptions } from '../../src/ingest/types.js';
import { DEFAULT_MAX_BYTES } from '../../src/ingest/types.js';
import { ROOT, tempDir } from '../helpers.js';

const FIX = path.join(ROOT, 'test/fixtures/ingest');
const GOOD = 'The committee met on Tuesday and agreed to meet again next week.\n';

async function all(inputs: string[], opts: IngestOptions = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readSources(inputs, opts)) out.push(it);
  return out;
}
const oneLine = (s: string) => !s.includes('\n') && s.length > 10;

describe('hostile and broken files', () => {
  it('rejects binary, empty, oversized files with one-line reasons and reads the rest of the batch', async () => {
    const dir = tempDir();
    const w = (n: string, b: string | Buffer) => { fs.writeFileSync(path.join(dir, n), b); return path.join(dir, n); };
    const inputs = [
      w('a-png.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      w('b-nul.txt', Buffer.from('text with a \u0000 NUL byte inside')),
      w('c-empty.txt', ''),
      w('d-blank.txt', '   \n\n  \t\n'),
      w('e-big.txt', 'x'.repeat(5000)),
      w('f-good.txt', GOOD),
      w('f-utf16-nobom.txt', Buffer.from('Talks resumed on Monday in the capital.', 'utf16le')),
      w('g-pdf.html', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj')),
      path.join(dir, 'missing.txt'),
    ];
    const items = await all(inputs, { maxBytes: 4096 });
    expect(items.map((i) => i.kind)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'article', 'rejected', 'rejected', 'rejected']);
    const reasons = items.map((i) => (i.kind === 'article' ? '' : i.reason));
    expect(reasons[0]).toMatch(/binary file \(PNG image\)/);
    expect(reasons[1]).toMatch(/NUL bytes/);
    expect(reasons[2]).toMatch(/empty file/);
    expect(reasons[3]).toMatch(/only whitespace/);
    expect(reasons[4]).toMatch(/5000 bytes is over the 4096-byte cap/);
    expect(reasons[6]).toMatch(/UTF-16 without a byte order mark/);
    expect(reasons[7]).toMatch(/PDF document/);
    expect(reasons[8]).toMatch(/no such file/);
    for (const r of reasons.filter(Boolean)) expect(oneLine(r)).toBe(true);
    expect(DEFAULT_MAX_BYTES).toBeGreaterThan(1 << 20);
  });

  it('decodes invalid UTF-8 as Windows-1252 and UTF-16 with a BOM, and says so', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'cp1252.txt'), Buffer.from([0x93, 0x4e, 0x6f, 0x20, 0x64, 0x65, 0x61, 0x6c, 0x94, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x2e]));
    fs.writeFileSync(path.join(dir, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Talks resumed in Genève.', 'utf16le')]));
    const be = Buffer.from('Talks resumed in Genève.', 'utf16le');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    fs.writeFileSync(path.join(dir, 'utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const items = await all([path.join(dir, 'cp1252.txt'), path.join(dir, 'utf16be.txt'), path.join(dir, 'utf16le.txt')]);
    const arts = items.map((i) => (i.kind === 'article' ? i : null));
    expect(arts[0]!.article.text).toBe('“No deal” – café.');
    expect(arts[0]!.notes).toEqual(['not valid UTF-8 (4 invalid byte sequences); those bytes decoded as Windows-1252']);
    expect(arts[0]!.article.text.length).toBe(fs.readFileSync(path.join(dir, 'cp1252.txt'), 'utf8').length);
    expect(arts[1]!.article.text).toBe('Talks resumed in Genève.');
    expect(arts[1]!.notes).toEqual(['decoded as UTF-16BE (byte order mark)']);
    expect(arts[2]!.article.text).toBe('Talks resumed in Genève.');
  });

  it('decodes a mostly-UTF-8 file with a stray Windows-1252 byte without mangling the valid part, offsets as a UTF-8 reading', async () => {
    const dir = tempDir();
    const p = path.join(dir, 'mixed.txt');
    fs.writeFileSync(p, Buffer.concat([Buffer.from('Genève talks – day two: '), Buffer.from([0x93]), Buffer.from('progress'), Buffer.from([0x94]), Buffer.from(', the mediator said. 😀')]));
    const [item] = await all([p]);
    if (item!.kind !== 'article') throw new Error('expected an article');
    expect(item.article.text).toBe('Genève talks – day two: “progress”, the mediator said. 😀');
    expect(item.article.text.length).toBe(fs.readFileSync(p, 'utf8').length);
  });

  it('keeps a UTF-8 BOM in the text (offsets as fs.readFileSync reads them) and marks it stripped', async () => {
    const dir = tempDir();
    const p = path.join(dir, 'bom.txt');
    fs.writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Envoy Returns to Cairo\nThe envoy returned to Cairo on Monday for a new round.\n')]));
    const [item] = await all([p]);
    if (item!.kind !== 'article') throw new Error('expected an article');
    const a = item.article;
    expect(a.text).toBe(fs.readFileSync(p, 'utf8'));
    expect(a.text.charCodeAt(0)).toBe(0xfeff);
    expect(a.stripped[0]).toEqual({ start: 0, end: 1, reason: 'junk/bom' });
    expect(a.title).toBe('Envoy Returns to Cairo');
    expect(a.headings[0]).toEqual({ start: 1, end: 23 });
  });

  it('handles odd file names: spaces, non-ASCII, a leading dash', async () => {
    const dir = tempDir();
    const names = ['with space.txt', 'génève — talks.txt', '-leading-dash.txt', 'שיחות.txt'];
    for (const n of names) fs.writeFileSync(path.join(dir, n), GOOD);
    const items = await all(names.map((n) => path.join(dir, n)));
    expect(items.map((i) => (i.kind === 'article' ? i.article.id : i.kind))).toEqual(['with space', 'génève — talks', '-leading-dash', 'שיחות']);
    // A relative path that starts with a dash is a file, not standard input.
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const [rel] = await all(['-leading-dash.txt']);
      expect(rel!.kind).toBe('article');
    } finally {
      process.chdir(cwd);
    }
  });

  it('walks directories recursively in sorted order, skipping non-articles and hidden files with reasons', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'b/inner'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'b/inner/z.txt'), GOOD);
    fs.writeFileSync(path.join(dir, 'b/y.txt'), GOOD);
    fs.writeFileSync(path.join(dir, 'a/x.txt'), GOOD);
    fs.writeFileSync(path.join(dir, 'a/x.meta.json'), JSON.stringify({ title: 'X Marks', outlet: 'Own Outlet', published: '2031-01-02' }));
    fs.writeFileSync(path.join(dir, 'a/photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(path.join(dir, 'README.md'), '# readme');
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'junk');
    fs.copyFileSync(path.join(FIX, 'rss.xml'), path.join(dir, 'b/feed.xml'));
    const items = await all([dir]);
    const summary = items.map((i) => `${i.kind}:${path.relative(dir, i.kind === 'article' ? i.article.source.path! : i.input)}`);
    expect(summary).toEqual([
      'skipped:.DS_Store', 'skipped:README.md',
      'skipped:a/photo.png', 'skipped:a/x.meta.json', 'article:a/x.txt',
      'article:b/feed.xml#1', 'article:b/feed.xml#2', 'rejected:b/feed.xml#3',
      'article:b/inner/z.txt', 'article:b/y.txt',
    ]);
    const x = items[4]!;
    if (x.kind !== 'article') throw new Error('expected x.txt');
    expect([x.article.title, x.article.outlet, x.article.published]).toEqual(['X Marks', 'Own Outlet', '2031-01-02']);
  });

  it('detects symlink loops and self-links, reports them, and still reads the rest', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'top/sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'top/sub/one.txt'), GOOD);
    fs.symlinkSync(path.join(dir, 'top'), path.join(dir, 'top/sub/back-to-top'));
    fs.symlinkSync('self-link', path.join(dir, 'top/self-link'));
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'top/dangling'));
    const items = await all([path.join(dir, 'top')]);
    const byName = (n: string) => items.find((i) => (i.kind === 'article' ? i.article.source.path : i.input)!.endsWith(n))!;
    expect(byName('back-to-top').kind).toBe('rejected');
    expect((byName('back-to-top') as { reason: string }).reason).toMatch(/symlink loop/);
    expect((byName('self-link') as { reason: string }).reason).toMatch(/symlink loop/);
    expect((byName('dangling') as { reason: string }).reason).toMatch(/broken symlink/);
    expect(byName('one.txt').kind).toBe('article');
    expect(items.length).toBe(4);
  });

  it('reports a bad sidecar but still reads the article', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'n.txt'), GOOD);
    fs.writeFileSync(path.join(dir, 'n.meta.json'), '{ not json');
    const [item] = await all([path.join(dir, 'n.txt')]);
    if (item!.kind !== 'article') throw new Error('expected an article');
    expect(item.article.outlet).toBeNull();
    expect(item.notes?.[0]).toMatch(/sidecar n\.meta\.json is not valid JSON/);
  });
});

describe('standard input', () => {
  const stdin = (s: string | Buffer) => Readable.from([Buffer.from(s)]);

  it('sniffs plain text, HTML, feeds, JSON and JSONL', async () => {
    const html = fs.readFileSync(path.join(FIX, 'article.html'));
    const rss = fs.readFileSync(path.join(FIX, 'rss.xml'));
    const json = fs.readFileSync(path.join(FIX, 'article.json'));
    const jsonl = fs.readFileSync(path.join(FIX, 'articles.jsonl'));
    const kinds = async (b: string | Buffer) => (await all(['-'], { stdin: stdin(b) })).map((i) => (i.kind === 'article' ? i.article.source.kind : i.kind));
    expect(await kinds(GOOD)).toEqual(['stdin']);
    expect(await kinds('[Updated] The talks resumed on Monday after a short pause.')).toEqual(['stdin']);
    expect(await kinds(html)).toEqual(['stdin']);
    expect(await kinds(rss)).toEqual(['feed', 'feed', 'rejected']);
    expect(await kinds(json)).toEqual(['stdin']);
    // Containers of several articles keep their own kind; their path is `-#n`.
    expect(await kinds(jsonl)).toEqual(['jsonl', 'rejected', 'rejected', 'jsonl', 'rejected', 'jsonl']);
    const [h] = await all(['-'], { stdin: stdin(html) });
    if (h!.kind !== 'article') throw new Error('expected an article');
    expect(h.article.title).toBe('Harbour Talks Resume After Week-Long Pause');
    expect(h.article.id).toBe('harbour-talks-resume');
  });

  it('names plain text from its headline and caps standard input', async () => {
    const [t] = await all(['-'], { stdin: stdin(`Envoy Returns to Cairo\n${GOOD}`) });
    if (t!.kind !== 'article') throw new Error('expected an article');
    expect(t.article.id).toBe('envoy-returns-to-cairo');
    expect(t.article.source).toEqual({ kind: 'stdin', path: '-' });
    const [big] = await all(['-'], { stdin: stdin('y'.repeat(3000)), maxBytes: 1000 });
    expect(big!.kind).toBe('rejected');
    const [empty] = await all(['-'], { stdin: stdin('') });
    expect(empty).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/empty/) });
    const [bin] = await all(['-'], { stdin: stdin(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])) });
    expect(bin).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/gzip/) });
  });
});
