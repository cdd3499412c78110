/** Shared test helpers: where the shared corpus is, temporary directories. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '../shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const BIN = path.join(ROOT, 'bin/parley.js');

/** The .txt articles of one corpus folder (seeds, dev, dev-links), sorted. */
export function corpusFiles(folder: string): string[] {
  const dir = path.join(CORPUS, folder);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
}

export function tempDir(prefix = 'parley-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
