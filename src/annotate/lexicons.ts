/**
 * @module annotate/lexicons
 * Reads the cue-word lexicons of the annotate layer (`kb/lexicons/<name>.json`) once and checks
 * their shape with zod, so a broken data file fails with its path and the field to fix.
 * Input: a lexicon name and a zod schema. Output: the parsed, frozen lexicon.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ParleyError } from '../errors.js';
import { kbDir } from '../paths.js';

const cache = new Map<string, unknown>();

/** `kb/lexicons` of the knowledge base in use ($PARLEY_KB or the shipped kb/, src/paths.ts). */
export function lexiconDir(): string {
  return path.join(kbDir(), 'lexicons');
}

export function loadLexicon<T extends z.ZodType>(name: string, schema: T): z.infer<T> {
  const hit = cache.get(name);
  if (hit) return hit as z.infer<T>;
  const file = path.join(lexiconDir(), `${name}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ParleyError(`annotate: cannot read the lexicon ${file}: ${(e as Error).message}`, { hint: 'restore the file from git or fix its JSON' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParleyError(`annotate: lexicon ${file} is malformed at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      { hint: 'fix that entry; every list holds lowercase strings' });
  }
  const value = Object.freeze(parsed.data);
  cache.set(name, value);
  return value as z.infer<T>;
}
