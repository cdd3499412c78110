/**
 * @module link/lexicon
 * Stage: link (knowledge). Input: the data files in kb/link/ (stop words, number words,
 * synonym groups, attribution/role/junk cues). Output: one frozen `LinkLexicon`, read once.
 * Knowledge stays in kb/; this module only compiles it into lookups.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from '../errors.js';
import { kbDir } from '../paths.js';

export interface LinkLexicon {
  stop: ReadonlySet<string>;
  units: ReadonlyMap<string, number>;
  scales: ReadonlyMap<string, number>;
  /** word (or multiword phrase, space-joined) -> canonical group term */
  synonyms: ReadonlyMap<string, string>;
  /** longest multiword synonym phrase, in words */
  maxPhrase: number;
  attributionVerbs: ReadonlySet<string>;
  attributionPhrases: readonly string[];
  roleWords: ReadonlySet<string>;
  junkLines: readonly string[];
  /** news agencies, as written */
  wires: readonly string[];
}

let cached: LinkLexicon | null = null;

/** kb/link/ of the knowledge base in use ($PARLEY_KB or the shipped kb/, src/paths.ts). */
export function linkKbDir(): string {
  return path.join(kbDir(), 'link');
}

function readJson(dir: string, name: string): any {
  const p = path.join(dir, name);
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch (e) {
    throw new ParleyError(`link: cannot read ${p}: ${(e as Error).message}`, { hint: 'fix the JSON in that file (see kb/link/*.json for the expected shape)' });
  }
}

export function loadLinkLexicon(dir: string = linkKbDir()): LinkLexicon {
  if (cached && dir === linkKbDir()) return cached;
  const stop = readJson(dir, 'stopwords.json');
  const nums = readJson(dir, 'numbers.json');
  const syn = readJson(dir, 'synonyms.json');
  const cues = readJson(dir, 'cues.json');
  const synonyms = new Map<string, string>();
  let maxPhrase = 1;
  for (const group of syn.groups as string[][]) {
    const head = group[0]!;
    for (const w of group) {
      const k = w.toLowerCase();
      if (!synonyms.has(k)) synonyms.set(k, head);
      maxPhrase = Math.max(maxPhrase, k.split(' ').length);
    }
  }
  const lex: LinkLexicon = Object.freeze({
    stop: new Set<string>((stop.words as string[]).map((w) => w.toLowerCase())),
    units: new Map<string, number>(Object.entries(nums.units as Record<string, number>)),
    scales: new Map<string, number>(Object.entries(nums.scales as Record<string, number>)),
    synonyms,
    maxPhrase,
    attributionVerbs: new Set<string>(cues.attributionVerbs as string[]),
    attributionPhrases: cues.attributionPhrases as string[],
    roleWords: new Set<string>(cues.roleWords as string[]),
    junkLines: cues.junkLines as string[],
    wires: (cues.wires ?? []) as string[],
  });
  if (dir === linkKbDir()) cached = lex;
  return lex;
}
