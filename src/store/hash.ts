/**
 * @module store/hash
 * Input: an article text. Output: the sha256 (hex) of its normalized form, the key by which the
 * store keeps one copy of the same text.
 * Normalization, decided: Unicode NFKC; byte-order marks and zero-width characters removed;
 * every run of whitespace (including no-break and line/paragraph separators) becomes one space;
 * leading and trailing whitespace dropped. Case is kept: a lowercased copy is a different
 * rendering, and near-copies are the linker's business, not the store's.
 */
import { createHash } from 'node:crypto';

// BOM, zero-width space/joiners, word joiner, soft hyphen: invisible, differ between copies of one text.
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u00AD]/g;
const SPACE = /\s+/gu;
// NUL and lone surrogates cannot be stored in PostgreSQL text; the store writes U+FFFD instead.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every character PostgreSQL cannot store replaced by U+FFFD: same length, same offsets. */
export function storable(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

export function normalizeForHash(text: string): string {
  return storable(text).normalize('NFKC').replace(INVISIBLE, '').replace(SPACE, ' ').trim();
}

export function normalizedHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text), 'utf8').digest('hex');
}

/** A short checksum of one sentence's text (its slice), stored beside its offsets. */
export function sliceChecksum(slice: string): string {
  return createHash('sha256').update(slice, 'utf8').digest('hex').slice(0, 12);
}
