/**
 * @module ingest/types
 * What the readers yield: an article, or a reason an input was skipped (not an article) or
 * rejected (an article that could not be read). Readers never throw for bad input.
 */
import type { Article } from '../types.js';

export type IngestItem =
  | { kind: 'article'; article: Article }
  /** Not an article at all (a sidecar, an image, a README): reported, not an error. */
  | { kind: 'skipped'; input: string; reason: string }
  /** Meant as an article but unreadable (binary, too large, bad JSON line 7, fetch refused). */
  | { kind: 'rejected'; input: string; reason: string };

export interface IngestOptions {
  /** Allow fetching private, loopback and link-local addresses (tests on 127.0.0.1). */
  allowPrivate?: boolean;
  /** Largest input accepted, in bytes (files and fetched bodies). */
  maxBytes?: number;
  /** Fetch timeout in milliseconds. */
  timeoutMs?: number;
  /** Most redirects followed. */
  maxRedirects?: number;
  /** Standard input, for the `-` path (tests pass a stream). */
  stdin?: NodeJS.ReadableStream;
  /** Feeds: fetch each item's link when the item carries no content. */
  fetchFeedLinks?: boolean;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 5;
