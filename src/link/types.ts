/**
 * @module link/types
 * Stage: link. The values the linker works on: `LinkDoc` (what it needs of an analysed
 * article) and `Fingerprint` (what is stored per article so new articles are linked without
 * rescanning the store).
 */
import type { Entity, Quantity, Span } from '../types.js';

export interface LinkDoc {
  id: string;
  text: string;
  /** YYYY-MM-DD or null */
  published: string | null;
  outlet: string | null;
  /** Sentence spans of kept text, in order (junk already stripped by ingest stays out). */
  sentences: (Span & { heading?: boolean })[];
  entities?: Entity[];
  quantities?: Quantity[];
  /** Article title from metadata, when known. */
  title?: string | null;
}

/** JSON-serializable; `keys` are the candidate-search keys the store indexes. */
export interface Fingerprint {
  v: 1;
  /** MinHash signature over word-3-gram shingles of normalized words (uint32 values). */
  minhash: number[];
  /** LSH band keys (`b<band>:<hash>`), rare-term pair keys (`p:<hash>`) and name/number keys (`t:<term>`). */
  keys: string[];
  /** Content mass and sentence count, for cheap pre-filters. */
  sentences: number;
}
