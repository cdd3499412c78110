/**
 * @module cli/links
 * `parley links [inputs...] [--out FILE]`: parley.links/1 for the given inputs (read, analysed
 * and linked in memory; pair ids are article ids), or for the whole store without inputs (the
 * links saved when articles were added). Validated against the public schema before writing.
 */
import type { StoreOpts } from './main.js';
import { readSources } from '../ingest/index.js';
import { loadKb } from '../kb/index.js';
import { createPipeline } from '../pipeline.js';
import { ParleyLinksSchema, type LinkPair, type ParleyLinks } from '../record/schema.js';
import { ParleyError } from '../errors.js';
import { linkCorpusWithStats, toLinkDoc, type LinkDoc } from '../link/index.js';
import { openStore } from '../store/index.js';
import { openOutput } from './output.js';

export interface LinksOpts extends StoreOpts {
  out?: string;
  allowPrivate?: boolean;
}

export async function run(inputs: string[], opts: LinksOpts = {}): Promise<void> {
  const links = inputs.length ? await linksForInputs(inputs, { allowPrivate: opts.allowPrivate }) : await linksFromStore(opts.db);
  const checked = ParleyLinksSchema.safeParse(links);
  if (!checked.success) throw new Error(`links: output fails parley.links/1: ${checked.error.message}`);
  const json = JSON.stringify(checked.data, null, 1) + '\n';
  if (!opts.out) { process.stdout.write(json); return; }
  const output = openOutput(opts.out, 'links');
  output.stream.write(json);
  await output.commit();
  const derived = checked.data.pairs.filter((p) => p.kind !== 'same-event').length;
  process.stderr.write(`links: ${derived} derived and ${checked.data.pairs.length - derived} same-event pairs written to ${opts.out}\n`);
}

export async function linksForInputs(inputs: string[], ingest: { allowPrivate?: boolean } = {}): Promise<ParleyLinks> {
  const pipeline = createPipeline(await loadKb());
  const docs: LinkDoc[] = [];
  const ids = new Set<string>();
  for await (const item of readSources(inputs, ingest)) {
    if (item.kind !== 'article') {
      if (item.kind === 'rejected') process.stderr.write(`  rejected: ${item.input}: ${item.reason}\n`);
      continue;
    }
    if (ids.has(item.article.id)) {
      process.stderr.write(`  skipped: ${item.article.source.path ?? item.article.id}: another input has the same id "${item.article.id}"\n`);
      continue;
    }
    ids.add(item.article.id);
    docs.push(toLinkDoc(pipeline.analyse(item.article)));
  }
  if (docs.length === 0) throw new ParleyError('links: no article was read from the inputs', { hint: 'check the paths; `parley links --help` shows what can be read' });
  return linkCorpusWithStats(docs).links;
}

export async function linksFromStore(db: string | undefined): Promise<ParleyLinks> {
  const store = await openStore({ location: db, mustExist: true });
  try {
    const stored = await store.listLinks();
    const names = new Map<number, string>();
    const nameOf = async (id: number) => {
      if (!names.has(id)) names.set(id, (await store.getArticle(id))?.name ?? String(id));
      return names.get(id)!;
    };
    const pairs: LinkPair[] = [];
    for (const l of stored) {
      const d = l.detail as LinkPair | null;
      if (d && typeof d === 'object' && typeof d.a === 'string') { pairs.push(d); continue; }
      const [a, b] = [await nameOf(l.a), await nameOf(l.b)];
      pairs.push({ a, b, kind: l.kind, source: l.source === null ? null : await nameOf(l.source), score: l.score });
    }
    pairs.sort((p, q) => (p.a + '\0' + p.b < q.a + '\0' + q.b ? -1 : 1));
    return { schema: 'parley.links/1', pairs, contradictions: [] };
  } finally {
    await store.close();
  }
}
