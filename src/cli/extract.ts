/**
 * @module cli/extract
 * `parley extract <inputs...> --out DIR`: one parley.record/1 JSON per input article, named after
 * its input file without extension; validated against the public schema before it is written.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readSources } from '../ingest/index.js';
import { loadKb } from '../kb/index.js';
import { createPipeline } from '../pipeline.js';
import { ParleyRecordSchema } from '../record/schema.js';
import { ParleyError } from '../errors.js';
import { Reporter, estimateInputs } from './report.js';
import { ensureDir } from './output.js';

export async function run(inputs: string[], opts: { out: string; allowPrivate?: boolean; progress?: boolean; maxBytes?: number; timeout?: number }): Promise<void> {
  ensureDir(opts.out, 'extract');
  const pipeline = createPipeline(await loadKb());
  const report = new Reporter('extract', { progress: opts.progress !== false });
  if (opts.progress !== false && process.stderr.isTTY) report.total = estimateInputs(inputs);
  const used = new Set<string>();
  for await (const item of readSources(inputs, { allowPrivate: opts.allowPrivate, maxBytes: opts.maxBytes, timeoutMs: opts.timeout })) {
    if (item.kind !== 'article') { report.item(item.kind, item.input, item.reason); continue; }
    report.note(item.article.source.path ?? item.article.id, item.notes);
    const record = pipeline.record(item.article);
    const checked = ParleyRecordSchema.safeParse(record);
    if (!checked.success) throw new Error(`extract: record for ${item.article.id} fails parley.record/1: ${checked.error.message}`);
    let name = safeName(item.article.id);
    for (let n = 2; used.has(name); n++) name = `${safeName(item.article.id)}-${n}`;
    used.add(name);
    await fs.writeFile(path.join(opts.out, `${name}.json`), JSON.stringify(checked.data, null, 1) + '\n');
    report.item('written', item.article.source.path ?? item.article.id);
  }
  report.finish();
  if (report.count('written') === 0) throw new ParleyError('extract: no article was read from the inputs', { hint: 'check the paths; `parley extract --help` lists what can be read' });
}

/** File names from article ids: no path separators, no leading dot. */
function safeName(id: string): string {
  return id.replace(/[\/\\\0]/g, '_').replace(/^\.+/, '_').slice(0, 200) || 'article';
}
