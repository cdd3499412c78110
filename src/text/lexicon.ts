/**
 * @module text/lexicon
 * Support for the text stage and the time resolver: reads the word lists they use from
 * `kb/lexicons/*.json` (data, not code), once per process, and checks their shape.
 * Input: a lexicon file name. Output: its parsed JSON. Throws `ParleyError` when the file is
 * missing or malformed, naming the file and the fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from '../errors.js';
import { kbDir } from '../paths.js';

const cache = new Map<string, unknown>();

/** `kb/lexicons` of the knowledge base in use ($PARLEY_KB or the shipped kb/, src/paths.ts). */
export function lexiconDir(): string {
  return path.join(kbDir(), 'lexicons');
}

/** Reads and caches `kb/lexicons/<name>`; `check` validates the shape and returns an error text or null. */
export function loadLexicon<T>(name: string, check: (v: unknown) => string | null): T {
  const hit = cache.get(name);
  if (hit !== undefined) return hit as T;
  const file = path.join(lexiconDir(), name);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ParleyError(`text: cannot read lexicon ${file}: ${(err as Error).message}`, {
      hint: 'restore the file from git or fix its JSON syntax',
      cause: err,
    });
  }
  const problem = check(value);
  if (problem) throw new ParleyError(`text: lexicon ${file} is malformed: ${problem}`, { hint: 'fix the entry named above' });
  cache.set(name, value);
  return value as T;
}

/** Shape checks for lexicons: a list of strings under `key`. */
export function stringList(v: unknown, key: string): string | null {
  const list = (v as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) return `"${key}" should be an array of strings`;
  const bad = list.findIndex((x) => typeof x !== 'string' || x.length === 0);
  return bad >= 0 ? `"${key}"[${bad}] should be a non-empty string` : null;
}
