/**
 * @module ingest/types
 * What the readers yield: an article, or a reason an input was skipped (not an article) or
 * rejected (an article that could not be read). Readers never throw for bad input.
 */
import type { Article } from '../types.js';
import type { ResolvedAddress } from './safe-fetch.js';

export type IngestItem =
  /** `notes`: how the input was read when that is worth saying (decoded as Windows-1252, HTML fallback). */
  | { kind: 'article'; article: Article; notes?: string[] }
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
  /** Feeds: fetch each item's link when the item carries no content. Default: on for feeds
   * fetched from a URL, off for feed files and standard input. */
  fetchFeedLinks?: boolean;
  /** Test hook: host name -> addresses, instead of DNS. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Test hook: address -> refusal reason or null, instead of the built-in policy. */
  addressPolicy?: (address: string) => string | null;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 5;
