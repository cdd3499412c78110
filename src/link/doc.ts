/**
 * @module link/doc
 * Stage: link. Input: an `Annotated` article (or a stored one). Output: the `LinkDoc` the
 * linker compares. Fragments the segmenter cut off at abbreviations ("U." "S.") are joined to
 * the next sentence of their paragraph, so alignment works on whole sentences.
 */
import type { Annotated, Sentence, Span } from '../types.js';
import type { LinkDoc } from './types.js';

/** Sentences shorter than this (in letters) are joined to the next sentence of their paragraph. */
const MIN_LETTERS = 12;

export function joinFragments(text: string, sentences: Sentence[] | (Span & { paragraph?: number; heading?: boolean })[]): (Span & { heading?: boolean })[] {
  const out: (Span & { heading?: boolean; paragraph?: number })[] = [];
  let pending: (Span & { heading?: boolean; paragraph?: number }) | null = null;
  for (const s of sentences as (Span & { paragraph?: number; heading?: boolean })[]) {
    if (pending && pending.paragraph === s.paragraph && !s.heading) {
      pending = { start: pending.start, end: s.end, paragraph: s.paragraph, heading: false };
    } else {
      if (pending) out.push(pending);
      pending = { start: s.start, end: s.end, paragraph: s.paragraph, heading: s.heading ?? false };
    }
    const letters = text.slice(pending.start, pending.end).replace(/[^\p{L}]/gu, '').length;
    if (letters >= MIN_LETTERS || pending.heading) { out.push(pending); pending = null; }
  }
  if (pending) out.push(pending);
  return out.map((s) => ({ start: s.start, end: s.end, heading: s.heading ?? false }));
}

export function toLinkDoc(a: Annotated): LinkDoc {
  return {
    id: a.article.id,
    text: a.article.text,
    published: a.article.published,
    outlet: a.article.outlet,
    title: a.article.title,
    sentences: joinFragments(a.article.text, a.sentences),
    entities: a.entities,
    quantities: a.quantities,
  };
}
