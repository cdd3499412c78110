/**
 * @module text/segment
 * Stage 2: `Article` -> `Segmented`: paragraphs and sentences of the kept text, with offsets.
 * TEMPORARY minimal version (lines, then ". " splits); the real segmenter replaces it.
 */
import type { Article, Segmented, Sentence, Span } from '../types.js';

export function segment(article: Article): Segmented {
  const { text } = article;
  const paragraphs: Span[] = [];
  const sentences: Sentence[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index, end = m.index + m[0].length;
    if (!m[0].trim()) continue;
    if (article.stripped.some((s) => start < s.end && s.start < end)) continue;
    const p = paragraphs.push({ start, end }) - 1;
    const heading = article.headings.some((h) => h.start === start);
    const sre = /[^.!?]+(?:[.!?]+["”’)]*|$)/g;
    for (let s = sre.exec(m[0]); s && s[0]; s = sre.exec(m[0])) {
      const lead = s[0].length - s[0].trimStart().length;
      const body = s[0].trim();
      if (!body) continue;
      const ss = start + s.index + lead;
      sentences.push({ start: ss, end: ss + body.length, paragraph: p, heading });
    }
  }
  return { article, language: article.language ?? 'en', analysable: true, paragraphs, sentences, messages: [] };
}
