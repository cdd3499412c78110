/**
 * @module store
 * Opens the store named by `--db`, $PARLEY_DB or ./.parley: PGlite (embedded PostgreSQL) in a
 * directory, node-postgres for a postgres:// or postgresql:// URL. Input: OpenStoreOptions.
 * Output: a `Store` at the newest schema version (migrations run on open, in one transaction).
 * Embedded layout: DIR/pgdata (the PGlite data directory, created under a temporary name and
 * renamed when complete, so an interrupted first run leaves no half store) and DIR/parley.lock
 * (the process holding it; see lock.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ParleyError } from '../errors.js';
import type { OpenStoreOptions, Store } from './types.js';
import { pgliteDb, pgPoolDb, type Db } from './sql.js';
import { migrate, schemaVersion, LATEST_VERSION } from './migrations.js';
import { acquireLock, LOCK_FILE, type HeldLock } from './lock.js';
import { SqlStore } from './sql-store.js';
export type * from './types.js';
export { normalizedHash } from './hash.js';
export { LATEST_VERSION } from './migrations.js';
export { SqlStore } from './sql-store.js';

export const DEFAULT_LOCATION = './.parley';
const DATA_DIR = 'pgdata';
const INIT_PREFIX = 'pgdata.init-';
const DEFAULT_LOCK_WAIT_MS = 15_000;
const FLUSH_EVERY_MS = 15_000;

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  return openSqlStore(opts);
}

/** Where a store is, as given or by default. */
export function storeLocation(given?: string): string {
  return given?.trim() || process.env.PARLEY_DB?.trim() || DEFAULT_LOCATION;
}

/** Like `openStore`, typed as the implementation (for the doctor and tests). */
export async function openSqlStore(opts: OpenStoreOptions = {}): Promise<SqlStore> {
  const location = storeLocation(opts.location);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return openPostgres(location, opts);
  if (scheme) {
    throw new ParleyError(`store: ${location} is a ${scheme}:// URL; a store is a directory or a postgres:// URL`,
      { hint: 'use --db DIR for the embedded store or --db postgres://user@host/db for a PostgreSQL server', exitCode: 2 });
  }
  return openPglite(location, opts);
}

/** The URL with its password masked, for messages. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

async function openPostgres(url: string, opts: OpenStoreOptions): Promise<SqlStore> {
  const shown = maskUrl(url);
  try {
    const u = new URL(url);
    if (!u.hostname && !u.searchParams.get('host')) throw new Error('no host');
  } catch {
    throw new ParleyError(`store: ${shown} is not a valid PostgreSQL URL`, { hint: 'write it as postgres://user[:password]@host[:port]/database', exitCode: 2 });
  }
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = pgPoolDb(pool);
  try {
    await db.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw connectError(shown, err);
  }
  return finishOpen(db, 'postgres', shown, opts, async () => {}, async () => { await pool.end(); }, async () => {
    if (opts.mustExist && (await schemaVersion(db)) === 0) {
      throw new ParleyError(`store: database ${shown} holds no Parley store yet`, { hint: `add articles first: parley add <files> --db ${shown}` });
    }
  });
}

function connectError(shown: string, err: unknown): ParleyError {
  const e = err as { code?: string; message?: string };
  const why = e.message ?? String(err);
  const hint =
    e.code === 'ECONNREFUSED' ? 'is the PostgreSQL server running and listening at that host and port?' :
    e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'check the host name in the URL' :
    e.code === '3D000' ? 'create the database first (createdb NAME) or name an existing one in the URL' :
    e.code === '28P01' || e.code === '28000' ? 'check the user name and password in the URL' :
    /timeout/i.test(why) ? 'the server did not answer in 10 s: check the host, port and firewall' :
    'check the URL and that the server accepts connections';
  return new ParleyError(`store: cannot connect to ${shown}: ${why}`, { hint, cause: err });
}

async function openPglite(location: string, opts: OpenStoreOptions): Promise<SqlStore> {
  const dir = path.resolve(location);
  const shown = location;
  let stat: fs.Stats | null = null;
  try { stat = fs.statSync(dir); } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new ParleyError(`store: cannot read ${shown}: ${(err as Error).message}`, { hint: 'check its permissions, or use --db elsewhere', cause: err });
  }
  if (stat && !stat.isDirectory()) {
    throw new ParleyError(`store: ${shown} is a file, not a store directory`, { hint: 'give --db a directory (it is created if missing) or a postgres:// URL', exitCode: 2 });
  }
  if (!stat) {
    if (opts.mustExist) throw noStore(shown);
    try { fs.mkdirSync(dir, { recursive: true }); } catch (err) {
      throw new ParleyError(`store: cannot create ${shown}: ${(err as Error).message}`, { hint: 'give --db a directory you can write to', cause: err });
    }
  }
  let entries: string[];
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
    entries = fs.readdirSync(dir);
  } catch (err) {
    throw new ParleyError(`store: cannot read and write ${shown}: ${(err as Error).message}`, { hint: 'check its permissions, or use --db elsewhere', cause: err });
  }
  const ours = (e: string) => e === DATA_DIR || e.startsWith(INIT_PREFIX) || e.startsWith(LOCK_FILE);
  const foreign = entries.filter((e) => !ours(e));
  if (!entries.includes(DATA_DIR)) {
    if (foreign.length) {
      throw new ParleyError(`store: ${shown} is not a Parley store (it holds other files, e.g. ${foreign.slice(0, 3).join(', ')})`,
        { hint: 'give --db an empty or new directory, or the directory of an existing store', exitCode: 2 });
    }
    if (opts.mustExist) throw noStore(shown);
  }

  const waitMs = opts.lockWaitMs ?? (Number(process.env.PARLEY_LOCK_WAIT_MS) || DEFAULT_LOCK_WAIT_MS);
  const tell = opts.onLockWait ?? ((m: string) => process.stderr.write(`parley: ${m}\n`));
  const lock: HeldLock = await acquireLock(dir, {
    waitMs,
    onWait: (h, ms) => tell(`store ${shown} is in use by another parley process (pid ${h.pid}); waiting up to ${Math.round(ms / 1000)} s`),
  });
  let pgl: PGlite | null = null;
  try {
    const data = path.join(dir, DATA_DIR);
    // Holding the lock: any init directory left is from a process that died while creating the store.
    for (const e of fs.readdirSync(dir)) if (e.startsWith(INIT_PREFIX)) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
    if (!fs.existsSync(data)) {
      if (opts.mustExist) throw noStore(shown);
      const init = path.join(dir, `${INIT_PREFIX}${process.pid}`);
      const fresh = await createPglite(init, shown);
      try { await migrate(pgliteDb(fresh), shown, { apply: opts.migrate !== false }); } finally { await fresh.close(); }
      syncTree(init);
      fs.renameSync(init, data);
      syncTree(dir, false);
    } else if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
      throw new ParleyError(`store: ${shown} is damaged (${DATA_DIR}/PG_VERSION is missing)`,
        { hint: `move ${shown} aside and run \`parley add\` again to rebuild the store` });
    }
    pgl = await createPglite(data, shown);
    const p = pgl;
    // During long writes, a checkpoint and a flush every FLUSH_EVERY_MS bound what a power cut can
    // take (fsync is off in PGlite); a killed process loses nothing either way.
    let flushed = Date.now();
    // Files last flushed before this moment need no fsync again (only what changed since is synced).
    let syncedBefore = Date.now() - 2000;
    const flushChanged = () => { const t = Date.now() - 2000; syncTree(data, true, syncedBefore); syncedBefore = t; };
    // $PARLEY_FLUSH_EVERY_MS: tests set 0 to checkpoint after every write (and kill during one).
    const every = Number(process.env.PARLEY_FLUSH_EVERY_MS ?? FLUSH_EVERY_MS);
    const afterWrite = async () => {
      if (Date.now() - flushed < every) return;
      await p.exec('CHECKPOINT');
      flushChanged();
      flushed = Date.now();
    };
    return await finishOpen(pgliteDb(p), 'pglite', shown, opts, afterWrite, async (wrote) => {
      try {
        await p.close();
        // PGlite runs with fsync off and never calls fsync: a killed process loses nothing (the OS
        // has the writes), but a power cut could. After a command that wrote, flush it all.
        if (wrote) flushChanged();
      } finally {
        lock.release();
      }
    });
  } catch (err) {
    if (pgl) await pgl.close().catch(() => {});
    lock.release();
    throw err;
  }
}

/**
 * fsync every file under `dir` (and the directories themselves); `deep: false` only `dir`;
 * `since`: only files modified at or after that time (ms), so a flush costs what changed, not the
 * whole 40 MB data directory.
 */
function syncTree(dir: string, deep = true, since = 0): void {
  const sync = (p: string) => {
    let fd: number | null = null;
    try { fd = fs.openSync(p, 'r'); fs.fsyncSync(fd); } catch { /* best effort: some file systems refuse fsync on directories */ } finally { if (fd !== null) fs.closeSync(fd); }
  };
  if (deep) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) syncTree(p, true, since);
      else if (e.isFile() && (since === 0 || fs.statSync(p).mtimeMs >= since)) sync(p);
    }
  }
  sync(dir);
}

function noStore(shown: string): ParleyError {
  return new ParleyError(`store: there is no store at ${shown} yet`, { hint: 'add articles first (parley add <files>), or point --db at an existing store' });
}

async function createPglite(dataDir: string, shown: string): Promise<PGlite> {
  try {
    return await PGlite.create(dataDir);
  } catch (err) {
    throw new ParleyError(`store: cannot open the embedded store in ${shown}: ${(err as Error)?.message ?? String(err)}`,
      { hint: `the data directory may be damaged or from another PGlite version: move ${shown} aside and run \`parley add\` again to rebuild it`, cause: err });
  }
}

async function finishOpen(db: Db, kind: 'pglite' | 'postgres', shown: string, opts: OpenStoreOptions,
  afterWrite: () => Promise<void>, close: (wrote: boolean) => Promise<void>, before?: () => Promise<void>): Promise<SqlStore> {
  try {
    await before?.();
    const { from, to } = await migrate(db, shown, { apply: opts.migrate !== false });
    return new SqlStore(kind, shown, db, from, to, close, afterWrite);
  } catch (err) {
    if (kind === 'postgres') await close(false).catch(() => {});
    throw err;
  }
}

export { LATEST_VERSION as CURRENT_SCHEMA_VERSION };
