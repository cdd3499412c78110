/** Test support for the text and time tests: builds `Article`s and reads corpus articles with their metadata. */
import fs from 'node:fs';
import path from 'node:path';
import type { Article, Segmented } from '../../src/types.js';
import { corpusFiles } from '../helpers.js';

export function article(text: string, over: Partial<Article> = {}): Article {
  return {
    id: 'test', text, title: null, outlet: null, url: null, published: null, language: null,
    source: { kind: 'txt', path: null }, stripped: [], headings: [], ...over,
  };
}

/** Every .txt article of seeds, dev and dev-links, with the publication date and title of its sidecar. */
export function corpusArticles(): Article[] {
  return ['seeds', 'dev', 'dev-links'].flatMap((folder) => corpusFiles(folder).map((file) => {
    const metaPath = file.replace(/\.txt$/, '.meta.json');
    const meta = fs.existsSync(metaPath) ? JSON.parse(fs.readFileSync(metaPath, 'utf8')) : {};
    return article(fs.readFileSync(file, 'utf8'), {
      id: `${folder}/${path.basename(file, '.txt')}`, title: meta.title ?? null, published: meta.published ?? null,
      source: { kind: 'txt', path: file },
    });
  }));
}

export const sentenceTexts = (seg: Segmented): string[] => seg.sentences.map((s) => seg.article.text.slice(s.start, s.end));

/** The invariants every segmentation must keep; returns the first broken one, or null. */
export function brokenInvariant(seg: Segmented): string | null {
  const { text, stripped, headings } = seg.article;
  let prevEnd = 0;
  for (const [i, s] of seg.sentences.entries()) {
    const body = text.slice(s.start, s.end);
    if (!(s.start >= 0 && s.end <= text.length && s.start < s.end)) return `sentence ${i} [${s.start},${s.end}) is outside the text or empty`;
    if (body !== body.trim()) return `sentence ${i} has leading or trailing whitespace`;
    if (s.start < prevEnd) return `sentence ${i} overlaps or precedes the one before`;
    prevEnd = s.end;
    const p = seg.paragraphs[s.paragraph];
    if (!p || s.start < p.start || s.end > p.end) return `sentence ${i} is not inside its paragraph ${s.paragraph}`;
    if (/\n[^\S\n]*\n/.test(body)) return `sentence ${i} crosses a blank line`;
    for (const r of stripped) if (s.start < r.end && r.start < s.end) return `sentence ${i} overlaps stripped range [${r.start},${r.end})`;
    for (const h of headings) {
      const inside = s.start >= h.start && s.end <= h.end;
      if (!inside && s.start < h.end && h.start < s.end) return `sentence ${i} crosses heading [${h.start},${h.end})`;
      if (inside && !s.heading) return `sentence ${i} lies in a heading but is not marked heading`;
    }
  }
  let prevP = 0;
  for (const [i, p] of seg.paragraphs.entries()) {
    if (p.start < prevP || p.end <= p.start || p.end > text.length) return `paragraph ${i} is out of order or empty`;
    prevP = p.end;
  }
  return null;
}
