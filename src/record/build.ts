/**
 * @module record/build
 * `Annotated` -> `parley.record/1`. Pure: the export never reaches the store.
 */
import type { Annotated } from '../types.js';
import type { ParleyRecord } from './schema.js';

export function buildRecord(doc: Annotated, opts: { withText?: boolean } = {}): ParleyRecord {
  const a = doc.article;
  return {
    schema: 'parley.record/1',
    doc: { id: a.id, title: a.title, outlet: a.outlet, url: a.url, published: a.published, language: doc.language },
    ...(opts.withText ? { text: a.text } : {}),
    entities: doc.entities.map((e) => ({ id: e.id, key: e.key, name: e.name, type: e.type, role: e.role, mentions: e.mentions })),
    quantities: doc.quantities.map((q) => ({ value: q.value, approx: q.approx, unit: q.unit, what: q.what, start: q.start, end: q.end, text: q.text })),
    events: [],
    proposals: [],
  };
}
