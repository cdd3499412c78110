/**
 * @module ingest
 * Stage 1: any source (files, directories, `-`, http(s) URLs, feeds) -> `Article`s.
 * TEMPORARY minimal version: .txt files and directories only; the full readers replace it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../types.js';
import type { IngestItem, IngestOptions } from './types.js';
export type { IngestItem, IngestOptions } from './types.js';

export async function* readSources(inputs: string[], _opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  for (const input of inputs) {
    const st = await fs.stat(input).catch(() => null);
    if (!st) { yield { kind: 'rejected', input, reason: 'no such file or directory' }; continue; }
    if (st.isDirectory()) {
      const names = (await fs.readdir(input)).sort();
      yield* readSources(names.map((n) => path.join(input, n)), _opts);
      continue;
    }
    if (!input.endsWith('.txt')) { yield { kind: 'skipped', input, reason: 'not an article file' }; continue; }
    const text = await fs.readFile(input, 'utf8');
    const metaPath = input.replace(/\.txt$/, '.meta.json');
    const meta = JSON.parse(await fs.readFile(metaPath, 'utf8').catch(() => '{}'));
    const article: Article = {
      id: path.basename(input).replace(/\.txt$/, ''), text,
      title: meta.title ?? null, outlet: meta.outlet ?? null, url: meta.url ?? null,
      published: meta.published ?? null, language: null,
      source: { kind: 'txt', path: input }, stripped: [], headings: [],
    };
    yield { kind: 'article', article };
  }
}
