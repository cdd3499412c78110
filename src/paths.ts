/**
 * @module paths
 * Where Parley's own files are (kb/, examples/, schema/), found from this module's location so the
 * same code works from src/ (vitest) and from dist/src/ (the built CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The package root: the nearest ancestor directory holding Parley's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, 'utf8')).name === 'parley') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('paths: cannot find the parley package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/**
 * The knowledge base every stage reads (entities, lexicons, link word lists): $PARLEY_KB when set,
 * else the kb/ shipped with Parley. One place, so one setting moves all of it.
 */
export function kbDir(): string {
  const env = process.env.PARLEY_KB;
  if (env) return path.resolve(env);
  return path.join(packageRoot(), 'kb');
}

export const examplesDir = () => path.join(packageRoot(), 'examples');
export const schemaDir = () => path.join(packageRoot(), 'schema');
