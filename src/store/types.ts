/**
 * @module store/types
 * The one store interface, with two backends: PGlite (embedded, a directory) and PostgreSQL
 * (a `postgres://` URL). One schema and one set of migrations serve both.
 */
import type { Article, Segmented, Entity, Quantity } from '../types.js';

/** What is written for one article: the article and what the pipeline made of it. */
export interface ArticleWrite {
  article: Article;
  /** sha256 of the normalized text (see `normalizedHash`): the same text is stored once. */
  hash: string;
  segmented: Segmented;
  entities: Entity[];
  quantities: Quantity[];
  /** Link fingerprints (see src/link): stored so new articles are linked without rescanning. */
  fingerprint: unknown | null;
  /** Candidate-search keys of the fingerprint (LSH band hashes, rare terms, names, numbers): indexed. */
  fingerprintKeys: string[];
}

/** A derivation or same-event link between two stored articles, as found by src/link. */
export interface StoredLink {
  a: number;
  b: number;
  kind: 'duplicate' | 'rewrite' | 'translation' | 'same-event';
  /** The stored id of the source article, or null. */
  source: number | null;
  score: number;
  /** The parley.links/1 pair with evidence and changes, as JSON. */
  detail: unknown;
}

export type AddOutcome =
  | { status: 'added'; id: number; name: string }
  | { status: 'duplicate'; name: string; duplicateOf: { id: number; name: string } };

export interface ArticleSummary {
  id: number;
  name: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  language: string;
  chars: number;
  sentences: number;
  addedAt: string;
}

export interface StoredArticle extends ArticleSummary {
  article: Article;
  segmented: Segmented;
  entities: Entity[];
  quantities: Quantity[];
  fingerprint: unknown | null;
}

/** One canonical actor across the store (for `parley actors`). */
export interface ActorSummary {
  key: string;
  /** The type and display name most articles give it. */
  type: string;
  name: string;
  /** Articles that mention it. */
  articles: number;
  /** Every mention text seen, with how many articles use it, most first. */
  spellings: { text: string; articles: number }[];
}

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /** The directory or URL (password masked) it was opened from. */
  readonly location: string;
  /** Writes a batch; each article in its own transaction, in order; duplicates by hash are not written. */
  addArticles(batch: ArticleWrite[]): Promise<AddOutcome[]>;
  listArticles(opts?: { limit?: number; offset?: number }): Promise<ArticleSummary[]>;
  countArticles(): Promise<number>;
  /** By numeric id or by name; null when there is none. */
  getArticle(ref: string | number): Promise<StoredArticle | null>;
  /** Every stored article, in id order, read in pages so memory stays bounded. */
  iterateArticles(opts?: { pageSize?: number }): AsyncGenerator<StoredArticle>;
  /** Stored articles sharing fingerprint keys with `keys`, most shared first (never a scan of all articles). */
  findCandidates(keys: string[], opts?: { excludeId?: number; limit?: number; minShared?: number }): Promise<{ id: number; name: string; shared: number }[]>;
  /** Adds or replaces links (keyed by the unordered pair a,b). */
  saveLinks(links: StoredLink[]): Promise<void>;
  /** Links touching one article, or all links when no id is given. */
  listLinks(articleId?: number): Promise<StoredLink[]>;
  /** Canonical actors (entity keys) across the store, most articles first, with every spelling seen. */
  listActors(opts?: { type?: string }): Promise<ActorSummary[]>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `./.parley`, another directory, or a postgres:// URL. Default: $PARLEY_DB or ./.parley */
  location?: string;
  /** Open for reading only: do not create a new store where there is none. */
  mustExist?: boolean;
  /** Apply pending migrations on open (default true). `parley doctor` opens with false to report the version as found. */
  migrate?: boolean;
  /** Embedded store: how long to wait for another process holding it, in ms (default $PARLEY_LOCK_WAIT_MS or 15000). */
  lockWaitMs?: number;
  /** Embedded store: told once when it has to wait for another process (default: one line on stderr). */
  onLockWait?: (message: string) => void;
}
