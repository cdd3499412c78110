/**
 * @module pipeline
 * The stages in order: ingest -> text -> annotate -> (extract) -> record. Each is a pure
 * function over typed values; the store, network and disk stay at the edges (cli, ingest readers).
 */
import type { Annotated, Article } from './types.js';
import type { Kb } from './kb/index.js';
import { segment } from './text/segment.js';
import { annotate, type AnnotateOptions } from './annotate/index.js';
import { buildRecord } from './record/build.js';
import type { ParleyRecord } from './record/schema.js';

export interface Pipeline {
  analyse(article: Article): Annotated;
  record(article: Article): ParleyRecord;
}

export function createPipeline(kb: Kb, options: AnnotateOptions = {}): Pipeline {
  const opts = Object.freeze({ ...options });
  const analyse = (article: Article): Annotated => {
    const seg = segment(article);
    if (!seg.analysable) return { ...seg, entities: [], quantities: [], times: [], clauses: [] };
    return annotate(seg, kb, opts);
  };
  return {
    analyse,
    record: (article) => buildRecord(analyse(article), { withText: article.source.kind !== 'txt' }),
  };
}
