/** Test helpers for the entity layer: articles from strings or corpus files, run through the real segmenter. */
import { readSources } from '../../src/ingest/index.js';
import { segment } from '../../src/text/segment.js';
import { findEntities } from '../../src/annotate/entities.js';
import { loadKb, type Kb } from '../../src/kb/index.js';
import type { Article, Entity } from '../../src/types.js';

export function article(text: string, id = 't'): Article {
  return { id, text, title: null, outlet: null, url: null, published: null, language: 'en', source: { kind: 'txt', path: null }, stripped: [], headings: [] };
}

export async function entitiesOf(text: string, kb?: Kb): Promise<Entity[]> {
  return findEntities(segment(article(text)), kb ?? (await loadKb()));
}

/** Entities of corpus files, read by the real ingest readers. */
export async function corpusEntities(paths: string[]): Promise<{ id: string; text: string; entities: Entity[] }[]> {
  const kb = await loadKb();
  const out: { id: string; text: string; entities: Entity[] }[] = [];
  for await (const item of readSources(paths)) {
    if (item.kind !== 'article') continue;
    out.push({ id: item.article.id, text: item.article.text, entities: findEntities(segment(item.article), kb) });
  }
  return out;
}

export const byKey = (es: Entity[], key: string) => es.find((e) => e.key === key);
export const mentionTexts = (es: Entity[]) => es.flatMap((e) => e.mentions.map((m) => m.text));
