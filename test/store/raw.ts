/** A connection to a store's database that bypasses openStore (to inspect a refused store). */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteDb, pgPoolDb, type Db } from '../../src/store/sql.js';
import type { BackendName } from './backends.js';

export async function rawDb(kind: BackendName, location: string): Promise<Db> {
  if (kind === 'pglite') return pgliteDb(await PGlite.create(path.join(location, 'pgdata')));
  return pgPoolDb(new pg.Pool({ connectionString: location, max: 1 }));
}
