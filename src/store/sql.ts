/**
 * @module store/sql
 * The one SQL connection shape both backends implement: `query` (parameterized, one statement),
 * `exec` (a script of statements, no parameters) and `transaction`. Input: a PGlite instance or a
 * node-postgres pool. Output: rows as plain objects. Everything above this file is backend-blind.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

export type Row = Record<string, any>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
}

export interface Db extends Sql {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function pgliteDb(db: PGlite): Db {
  const wrap = (q: PGlite | Transaction): Sql => ({
    query: async <T extends Row>(text: string, params?: unknown[]) => (await q.query<T>(text, params)).rows,
    exec: async (script: string) => { await q.exec(script); },
  });
  const top = wrap(db);
  return {
    ...top,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}

export function pgPoolDb(pool: pg.Pool): Db {
  return {
    query: async <T extends Row>(text: string, params?: unknown[]) => (await pool.query(text, params as any[])).rows as T[],
    exec: async (script: string) => { await pool.query(script); },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Sql = {
        query: async <T extends Row>(text: string, params?: unknown[]) => (await client.query(text, params as any[])).rows as T[],
        exec: async (script: string) => { await client.query(script); },
      };
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => { broken = true; });
        throw err;
      } finally {
        // A client whose connection failed mid-transaction is destroyed rather than reused.
        client.release(broken ? true : undefined);
      }
    },
    close: () => pool.end(),
  };
}
