/** The time resolver on the shared corpus: well-formed output everywhere, and the dates the gold files give to events. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTimes } from '../../src/annotate/time.js';
import { segment } from '../../src/text/segment.js';
import { CORPUS } from '../helpers.js';
import { corpusArticles } from '../text/article.js';
import { wellFormed } from './well-formed.js';

const articles = corpusArticles();

describe('time expressions on the shared corpus', () => {
  it.each(articles.map((a) => [a.id, a] as const))('%s: well formed, inside kept sentences, ordered', (_id, a) => {
    const seg = segment(a);
    const found = findTimes(seg);
    let prev = 0;
    for (const t of found) {
      expect(wellFormed(a.text, t)).toBeNull();
      expect(seg.sentences.some((s) => t.start >= s.start && t.end <= s.end)).toBe(true);
      expect(t.start).toBeGreaterThanOrEqual(prev);
      prev = t.end;
    }
    // Without a publication date, nothing relative is resolved: every date comes with its year in the text.
    if (!a.published) for (const t of found) if (t.date) expect(t.text).toMatch(/\d{4}/);
  });

  it('puts the gold date of nearly every dated event in the sentence that reports it', () => {
    let dated = 0, hit = 0;
    const misses: string[] = [];
    for (const folder of ['seeds', 'dev', 'dev-links']) {
      const goldDir = path.join(CORPUS, 'gold', folder);
      if (!fs.existsSync(goldDir)) continue;
      for (const a of articles.filter((x) => x.id.startsWith(folder + '/'))) {
        const base = a.id.slice(folder.length + 1);
        const goldFile = path.join(goldDir, base + '.json');
        const alt = path.join(goldDir, base.split('_')[0] + '.json');
        const file = fs.existsSync(goldFile) ? goldFile : fs.existsSync(alt) ? alt : null;
        if (!file) continue;
        const gold = JSON.parse(fs.readFileSync(file, 'utf8')) as { events?: { date: string | null; quote: string }[] };
        const seg = segment(a);
        const found = findTimes(seg);
        for (const ev of gold.events ?? []) {
          if (!ev.date) continue;
          dated++;
          const at = a.text.indexOf(ev.quote);
          const sent = seg.sentences.find((s) => at >= s.start && at < s.end);
          if (sent && found.some((t) => t.start >= sent.start && t.end <= sent.end && t.date === ev.date)) hit++;
          else misses.push(`${a.id}: ${ev.date}`);
        }
      }
    }
    expect(dated).toBeGreaterThan(20);
    expect(hit / dated, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
