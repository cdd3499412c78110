/**
 * @module cli/export
 * `parley export --format json|jsonl|csv [--out FILE]`: every stored article as parley.record/1
 * (json, jsonl) or one CSV row per article. Read in pages, written as a stream.
 */
import { once } from 'node:events';
import type { StoreOpts } from './main.js';
import { openStore } from '../store/index.js';
import type { StoredArticle } from '../store/types.js';
import { buildRecord } from '../record/build.js';
import { openOutput } from './output.js';

const CSV_COLUMNS = ['id', 'name', 'title', 'outlet', 'url', 'published', 'language', 'sentences', 'entities', 'quantities'] as const;

export async function run(opts: StoreOpts & { format: 'json' | 'jsonl' | 'csv'; out?: string }): Promise<void> {
  const output = opts.out ? openOutput(opts.out, 'export') : null;
  const store = await openStore({ location: opts.db, mustExist: true }).catch((e) => { output?.abort(); throw e; });
  const sink: NodeJS.WritableStream = output ? output.stream : process.stdout;
  const write = async (s: string) => { if (!sink.write(s)) await once(sink, 'drain'); };
  try {
    let n = 0;
    if (opts.format === 'csv') await write(CSV_COLUMNS.join(',') + '\r\n');
    if (opts.format === 'json') await write('[');
    for await (const a of store.iterateArticles()) {
      if (opts.format === 'csv') await write(csvRow(a) + '\r\n');
      else {
        const rec = JSON.stringify(recordOf(a));
        await write(opts.format === 'json' ? `${n ? ',' : ''}\n${rec}` : rec + '\n');
      }
      n++;
    }
    if (opts.format === 'json') await write('\n]\n');
    if (output) {
      await output.commit(); // a plain file appears whole or not at all
      process.stderr.write(`export: ${n} article(s) written to ${opts.out}\n`);
    }
  } catch (e) {
    output?.abort();
    throw e;
  } finally {
    await store.close();
  }
}

export function recordOf(a: StoredArticle) {
  const rec = buildRecord({ ...a.segmented, article: a.article, entities: a.entities, quantities: a.quantities, times: [], clauses: [] },
    { withText: a.article.source.kind !== 'txt' });
  return { ...rec, doc: { ...rec.doc, id: a.name } };
}

function csvRow(a: StoredArticle): string {
  const cells: (string | number | null)[] = [a.id, a.name, a.title, a.outlet, a.article.url, a.published, a.language,
    a.segmented.sentences.length, a.entities.length, a.quantities.length];
  return cells.map(csvCell).join(',');
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets never run article text as a formula. */
export function csvCell(v: string | number | null): string {
  if (v == null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
