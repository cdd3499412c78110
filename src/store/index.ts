/**
 * @module store
 * Opens the store named by `--db`, $PARLEY_DB or ./.parley: PGlite for a directory,
 * node-postgres for a postgres:// URL. TEMPORARY: the store layer implements it.
 */
import { ParleyError } from '../errors.js';
import type { OpenStoreOptions, Store } from './types.js';
export type * from './types.js';

export async function openStore(_opts: OpenStoreOptions = {}): Promise<Store> {
  throw new ParleyError('store: not implemented yet');
}
