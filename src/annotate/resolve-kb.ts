/**
 * @module annotate/resolve-kb
 * Cross-article identity for names the alias trie missed: a person name is matched to a kb
 * person by transliteration-tolerant comparison (phonetic keys, bounded edit distance) of given
 * name and surname, or by a role the kb records ("U.S. special envoy Steve Whittaker" is the
 * kb's U.S. special envoy Steve Witkoff). Different given names never match.
 */
import type { Kb } from '../kb/index.js';
import { roleContent, splitName } from '../kb/compile.js';
import { editDistance, phonetic } from '../kb/normalize.js';

export interface KbResolution {
  key: string;
  confidence: number;
  /** Why: `fuzzy/name`, `fuzzy/role`, `fuzzy/surname`. */
  rule: string;
}

/** Given names that may be the same person's: equal, one a short form of the other, or one transliteration apart. */
export function givenCompatible(a: string, b: string, variants?: Map<string, string>): boolean {
  if (a === b) return true;
  if (variants && (variants.get(a) ?? a) === (variants.get(b) ?? b)) return true;
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  if (phonetic(a) === phonetic(b) && editDistance(a, b, 2) <= 2) return true;
  return Math.min(a.length, b.length) >= 4 && editDistance(a, b, 1) <= 1;
}

/** Surnames that may be one person's spelled two ways (Witkoff/Wietkoff, Hayya/Hayyeh). */
export function surnameCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const tol = Math.min(a.length, b.length) >= 8 ? 2 : Math.min(a.length, b.length) >= 5 ? 1 : 0;
  if (editDistance(a, b, 2) <= tol) return true;
  return phonetic(a) === phonetic(b) && phonetic(a).length >= 2 && editDistance(a, b, 3) <= 2;
}

/** Whether a role seen in the text is one the kb records for `key` (two office words in common). */
export function roleMatches(role: string, key: string, kb: Kb): boolean {
  const seen = roleContent(role);
  for (const r of kb.roleWords.get(key) ?? []) {
    let common = 0;
    for (const w of r) if (seen.has(w)) common++;
    if (common >= Math.min(2, r.size)) return true;
  }
  return false;
}

/** Resolves a person name (folded words) not found verbatim in the kb. */
export function resolvePerson(tokens: string[], role: string | null, kb: Kb): KbResolution | null {
  const parts = splitName(tokens, kb.lexicon.particles);
  if (!parts) return resolveSurname(tokens.filter((t) => !kb.lexicon.particles.has(t)).at(-1) ?? '', role, kb);
  const found = new Map<string, KbResolution>();
  const gph = phonetic(parts.given);
  for (const p of kb.persons) {
    // Cheap filter first: given names that may match share their first letter or their first sound.
    if (p.given[0] !== parts.given[0] && p.givenPh[0] !== gph[0] && (kb.givenNames.get(p.given) ?? p.given) !== (kb.givenNames.get(parts.given) ?? parts.given)) continue;
    if (!givenCompatible(parts.given, p.given, kb.givenNames)) continue;
    if (surnameCompatible(parts.surname, p.surname)) {
      found.set(p.key, { key: p.key, confidence: 0.85, rule: 'fuzzy/name' });
      continue;
    }
    // Same given name, surname starting alike, and the office the kb records for this person.
    if (role && !found.has(p.key) && phonetic(parts.surname)[0] === p.surnamePh[0] && roleMatches(role, p.key, kb)) {
      found.set(p.key, { key: p.key, confidence: 0.7, rule: 'fuzzy/role' });
    }
  }
  if (found.size !== 1) return null;
  return [...found.values()][0]!;
}

/** A surname alone (Wietkoff) against the kb's one-word person aliases. */
export function resolveSurname(word: string, role: string | null, kb: Kb): KbResolution | null {
  if (word.length < 5) return null;
  const keys = new Set<string>();
  for (const c of kb.surnames.get(phonetic(word)) ?? []) if (c.norm[0] === word[0] && editDistance(c.norm, word, 2) <= 2) keys.add(c.key);
  if (keys.size === 1) return { key: [...keys][0]!, confidence: 0.7, rule: 'fuzzy/surname' };
  if (role) {
    for (const list of kb.surnames.values()) for (const c of list) if (c.norm[0] === word[0] && editDistance(c.norm, word, 3) <= 3 && roleMatches(role, c.key, kb)) keys.add(c.key);
    if (keys.size === 1) return { key: [...keys][0]!, confidence: 0.6, rule: 'fuzzy/role' };
  }
  return null;
}
