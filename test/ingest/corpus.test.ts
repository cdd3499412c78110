/** The .txt reader on the shared corpus: text exactly as read, sidecar metadata, junk and headings. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources } from '../../src/ingest/index.js';
import type { Article } from '../../src/types.js';
import { CORPUS, corpusFiles } from '../helpers.js';

async function articles(inputs: string[]): Promise<Article[]> {
  const out: Article[] = [];
  for await (const it of readSources(inputs)) if (it.kind === 'article') out.push(it.article);
  return out;
}

const lines = (text: string) => {
  const res: Array<{ start: number; end: number; text: string }> = [];
  let pos = 0;
  for (const l of text.split('\n')) { res.push({ start: pos, end: pos + l.length, text: l }); pos += l.length + 1; }
  return res.filter((l) => l.text.trim());
};

describe('txt reader on the shared corpus', () => {
  const files = [...corpusFiles('seeds'), ...corpusFiles('dev')];

  it('reads all 30 seed and dev articles, text exactly as fs.readFileSync(utf8)', async () => {
    expect(files.length).toBe(30);
    const got = await articles(files);
    expect(got.map((a) => a.id)).toEqual(files.map((f) => path.basename(f, '.txt')));
    for (const [i, a] of got.entries()) {
      expect(a.text).toBe(fs.readFileSync(files[i]!, 'utf8'));
      expect(a.source).toEqual({ kind: 'txt', path: files[i] });
    }
  });

  it('reads title, outlet, url and published from the dev sidecars', async () => {
    const dev = corpusFiles('dev');
    const got = await articles(dev);
    for (const [i, a] of got.entries()) {
      const meta = JSON.parse(fs.readFileSync(dev[i]!.replace(/\.txt$/, '.meta.json'), 'utf8'));
      expect(a.outlet).toBe(meta.outlet);
      expect(a.url).toBe(meta.url);
      expect(a.published).toBe(meta.published);
      if (meta.title) expect(a.title).toBe(meta.title);
      if (a.published) expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('reading a whole directory skips the sidecars and yields the same articles', async () => {
    const kinds: Record<string, number> = {};
    for await (const it of readSources([path.join(CORPUS, 'dev')])) {
      kinds[it.kind] = (kinds[it.kind] ?? 0) + 1;
      if (it.kind === 'skipped') expect(it.input).toMatch(/\.meta\.json$/);
    }
    expect(kinds).toEqual({ article: 25, skipped: 25 });
  });

  it('strips seed 001 trailing newsletter block and seed 002 "Leave a Comment", nothing of the bodies', async () => {
    const seeds = await articles(corpusFiles('seeds'));
    const byId = new Map(seeds.map((a) => [a.id.slice(0, 3), a]));
    const s001 = byId.get('001')!;
    const l001 = lines(s001.text);
    const last2 = l001.slice(-2);
    expect(s001.stripped.map((r) => [r.start, r.end])).toEqual(last2.map((l) => [l.start, l.end]));
    expect(s001.stripped.every((r) => r.reason.startsWith('junk/'))).toBe(true);
    const s002 = byId.get('002')!;
    const l002 = lines(s002.text);
    // The comment prompt, and the reporting credit line just above it.
    expect(s002.stripped).toEqual([
      { start: l002.at(-2)!.start, end: l002.at(-2)!.end, reason: 'junk/byline' },
      { start: l002.at(-1)!.start, end: l002.at(-1)!.end, reason: 'junk/comment-prompt' },
    ]);
    expect(s002.text.slice(s002.stripped[1]!.start, s002.stripped[1]!.end)).toBe('Leave a Comment');
    for (const id of ['000', '003', '004']) expect(byId.get(id)!.stripped).toEqual([]);
  });

  it('takes a headline first line as the title (and a heading) only when it is one', async () => {
    const seeds = await articles(corpusFiles('seeds'));
    for (const a of seeds) {
      const first = lines(a.text)[0]!;
      const firstIsHeading = a.headings.some((h) => h.start === first.start && h.end === first.end);
      if (a.title !== null) {
        expect(a.title).toBe(first.text.trim());
        expect(firstIsHeading).toBe(true);
      } else {
        expect(firstIsHeading).toBe(false);
      }
    }
    // Two seeds open with a sentence (ending in a period), two with a headline.
    expect(seeds.filter((a) => a.title !== null).length).toBe(2);
    // Seed 004 has two markdown-bold subheadings; seed 001 two title-case ones.
    expect(seeds.find((a) => a.id.startsWith('004'))!.headings.length).toBe(2);
    expect(seeds.find((a) => a.id.startsWith('001'))!.headings.length).toBe(2);
  });

  it('keeps ranges ordered, non-overlapping, inside the text, and headings out of stripped ranges', async () => {
    const all = await articles([path.join(CORPUS, 'seeds'), path.join(CORPUS, 'dev'), path.join(CORPUS, 'dev-links')]);
    expect(all.length).toBe(['seeds', 'dev', 'dev-links'].reduce((n, f) => n + corpusFiles(f).length, 0));
    for (const a of all) {
      for (const list of [a.stripped, a.headings]) {
        list.forEach((r, i) => {
          expect(r.start).toBeGreaterThanOrEqual(i ? list[i - 1]!.end : 0);
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.end).toBeLessThanOrEqual(a.text.length);
        });
      }
      for (const h of a.headings) expect(a.stripped.some((s) => h.start < s.end && s.start < h.end)).toBe(false);
      // Junk is the exception: never more than a fifth of an article.
      const junk = a.stripped.reduce((n, r) => n + r.end - r.start, 0);
      expect(junk / a.text.length).toBeLessThan(0.2);
    }
  });
});
