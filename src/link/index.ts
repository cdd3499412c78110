/**
 * @module link
 * Stage 5 (link): analysed articles -> derivation links (parley.links/1). The public API:
 *  - `toLinkDoc(annotated)`: what the linker needs of an article;
 *  - `fingerprint(doc)`: JSON-serializable, with `keys` for the store's candidate index;
 *  - `comparePair(a, b)`: the link between two documents, or null;
 *  - `linkCorpus(docs)`: parley.links/1 for many documents, candidates from fingerprints only;
 *  - `linkAgainstStore(store, id, doc)` (store-link.ts): a new article against what is stored.
 */
export type { LinkDoc, Fingerprint } from './types.js';
export { toLinkDoc, joinFragments } from './doc.js';
export { fingerprint, fingerprintPrepared, minhashSimilarity } from './fingerprint.js';
export { comparePair, comparePrepared, compareAligned, toLinkPair, DECISION, type Comparison } from './compare.js';
export { linkCorpus, linkCorpusWithStats, buildIndex, type LinkCorpusOptions, type LinkStats } from './corpus.js';
export { prepare, type Prepared } from './normalize.js';
export { align, type Alignment } from './align.js';
export { findChanges, type Change } from './changes.js';
export { linkAgainstStore, storedToLinkDoc } from './store-link.js';
