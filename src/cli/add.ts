/**
 * @module cli/add
 * `parley add <inputs...>`: read articles, analyse them, write them to the store in batches (each
 * article in its own transaction), link each new article against what is stored, and say what
 * happened: added, duplicates, skipped and rejected, with reasons.
 */
import type { StoreOpts } from './main.js';
import { readSources } from '../ingest/index.js';
import { loadKb } from '../kb/index.js';
import { createPipeline } from '../pipeline.js';
import { openStore } from '../store/index.js';
import { normalizedHash } from '../store/hash.js';
import type { ArticleWrite, Store } from '../store/types.js';
import { fingerprint, toLinkDoc } from '../link/index.js';
import { linkAgainstStore, PreparedCache } from '../link/store-link.js';
import { Reporter, estimateInputs } from './report.js';
import { ParleyError } from '../errors.js';

export interface AddOpts extends StoreOpts {
  allowPrivate?: boolean;
  maxBytes?: number;
  timeout?: number;
  json?: boolean;
  progress?: boolean;
}

const BATCH = 25;

export async function run(inputs: string[], opts: AddOpts): Promise<void> {
  const summary = await addInputs(inputs, opts);
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  if (summary.counts.added === undefined && summary.counts.duplicate === undefined) {
    throw new ParleyError('add: no article was read from the inputs', { hint: 'check the paths or URLs; `parley add --help` lists what can be read' });
  }
  // The rest was stored, but a script should know that something was refused.
  if (summary.counts.rejected) {
    process.stderr.write(`add: ${summary.counts.rejected} input(s) rejected (listed above); everything else was stored\n`);
    process.exitCode = 1;
  }
}

/** Reads, analyses and stores; returns the counts and every problem (also used by `parley demo`). */
export async function addInputs(inputs: string[], opts: AddOpts, store?: Store) {
  const own = !store;
  const db = store ?? await openStore({ location: opts.db });
  const report = new Reporter('add', { progress: opts.progress !== false, ndjson: opts.json });
  // Interrupted: every article written so far is whole (one transaction each); say so and stop.
  const onInterrupt = () => {
    process.stderr.write(`\nadd: interrupted; ${report.count('added')} article(s) added so far are stored. Run the same command again to add the rest (stored ones are reported as duplicates).\n`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  if (opts.progress !== false && process.stderr.isTTY) report.total = estimateInputs(inputs);
  try {
    const pipeline = createPipeline(await loadKb());
    const prepared = new PreparedCache();
    let batch: ArticleWrite[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const outcomes = await db.addArticles(batch);
      for (const [i, out] of outcomes.entries()) {
        const w = batch[i]!;
        if (out.status === 'duplicate') {
          report.item('duplicate', w.article.source.path ?? w.article.id, `same text as stored article ${out.duplicateOf.id} (${out.duplicateOf.name})`, { id: out.duplicateOf.id });
          continue;
        }
        report.item('added', w.article.source.path ?? w.article.id, undefined, { id: out.id, name: out.name });
        // Named as stored (a name taken by another text gets a suffix), so pairs never confuse the two.
        const doc = { ...toLinkDoc({ ...w.segmented, entities: w.entities, quantities: w.quantities, times: [], clauses: [] }), id: out.name };
        const links = await linkAgainstStore(db, out.id, doc, { cache: prepared });
        if (links.length) await db.saveLinks(links);
      }
      batch = [];
    };
    for await (const item of readSources(inputs, { allowPrivate: opts.allowPrivate, maxBytes: opts.maxBytes, timeoutMs: opts.timeout })) {
      if (item.kind !== 'article') { report.item(item.kind, item.input, item.reason); continue; }
      report.note(item.article.source.path ?? item.article.id, item.notes);
      const doc = pipeline.analyse(item.article);
      const fp = fingerprint(toLinkDoc(doc));
      batch.push({
        article: item.article, hash: normalizedHash(item.article.text), segmented: stripAnnotations(doc),
        entities: doc.entities, quantities: doc.quantities, fingerprint: fp, fingerprintKeys: fp.keys,
      });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    report.finish();
    if (own) await db.close();
  }
  return report.toJSON();
}

/** The Segmented part of an Annotated value (annotation layers are stored apart). */
function stripAnnotations<T extends { entities?: unknown; quantities?: unknown; times?: unknown; clauses?: unknown }>(doc: T) {
  const { entities: _e, quantities: _q, times: _t, clauses: _c, ...seg } = doc;
  return seg as unknown as ArticleWrite['segmented'];
}
