/**
 * @module kb
 * The knowledge base: actors, aliases, roles, demonyms and lexicons, read from the JSON data
 * files under `kb/` (every *.json, recursively) and compiled once into lookup structures
 * (src/kb/compile.ts). `loadKb()` finds the kb/ shipped with Parley relative to this module,
 * so it works from src/ (vitest) and from dist/ alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from '../errors.js';
import { kbDir } from '../paths.js';
import { compileKb, type Kb, type KbFileData } from './compile.js';

export type { Kb, KbEntry, KbProblem, Lexicon, AliasHit, PersonForm, TypeRule } from './compile.js';
export { compileKb, PREFIX_TYPE, TYPE_PREFIX } from './compile.js';

/** The kb/ directory: $PARLEY_KB, else the one shipped with Parley (src/paths.ts). */
export function defaultKbDir(): string {
  const dir = kbDir();
  if (!fs.existsSync(dir)) throw new ParleyError(`kb: the knowledge base directory ${dir} does not exist`, { hint: 'set PARLEY_KB to a kb directory, or reinstall Parley' });
  return dir;
}

/** Reads every *.json file under `dir` (sorted, recursive). Unparseable JSON is a ParleyError naming the file. */
export function readKbFiles(dir: string): KbFileData[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ParleyError(`kb: ${dir} is not a directory`, { hint: 'give --kb a directory holding the kb JSON files' });
  }
  const out: KbFileData[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) { walk(p); continue; }
      if (!name.endsWith('.json')) continue;
      const rel = path.relative(dir, p);
      try {
        out.push({ file: rel, json: JSON.parse(fs.readFileSync(p, 'utf8')) });
      } catch (e) {
        throw new ParleyError(`kb: ${rel} is not valid JSON: ${(e as Error).message}`, { hint: `fix the JSON in ${p}, then run \`parley kb check\`` });
      }
    }
  };
  walk(dir);
  return out;
}

const cache = new Map<string, Kb>();

/** Loads and compiles the kb in `dir` (default: the shipped kb/), once per directory per process. */
export async function loadKb(dir: string | null = null): Promise<Kb> {
  return loadKbSync(dir);
}

export function loadKbSync(dir: string | null = null): Kb {
  const d = path.resolve(dir ?? defaultKbDir());
  const hit = cache.get(d);
  if (hit) return hit;
  const kb = compileKb(readKbFiles(d), d);
  const errors = kb.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const first = errors.slice(0, 3).map((p) => `${p.file} ${p.entry}: ${p.message}`).join('; ');
    throw new ParleyError(`kb: ${errors.length} bad entr${errors.length === 1 ? 'y' : 'ies'} in ${d}: ${first}`, { hint: `run \`parley kb check --kb ${d}\` for the full list with fixes` });
  }
  cache.set(d, kb);
  return kb;
}
