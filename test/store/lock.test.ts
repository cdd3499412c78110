/**
 * One embedded store, two real processes: the second waits (bounded, with a message) or fails
 * with a clear error; a lock left by a killed process is taken over; writers take turns and the
 * store stays whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import { openSqlStore } from '../../src/store/index.js';
import { holderAlive, type LockHolder } from '../../src/store/lock.js';
import { ParleyError } from '../../src/errors.js';
import { freshPlace, type Place } from './backends.js';
import { ensureBuilt, runChild } from './child.js';

describe('embedded store lock', () => {
  let place: Place;
  let lockFile: string;
  beforeAll(async () => {
    ensureBuilt();
    place = await freshPlace('pglite');
    lockFile = path.join(place.location, 'parley.lock');
    await (await openSqlStore({ location: place.location })).close();
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 120_000);
  afterAll(async () => { await place?.cleanup(); });

  it('refuses a second process, naming the holder; waits bounded; takes over after SIGKILL', async () => {
    const holder = runChild(['hold', place.location, '60000']);
    const pid = Number((await holder.waitFor(/^open /)).split(' ')[1]);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(pid);
    const err = await openSqlStore({ location: place.location, lockWaitMs: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(ParleyError);
    expect(err.message).toBe(`store: ${place.location} is in use by another parley process (pid ${pid}); wait for it or use --db elsewhere`);
    // A second real process gets the same, as an expected failure (exit 3 from the child).
    const other = runChild(['hold', place.location, '10']);
    expect(await other.exited).toBe(3);
    expect(other.stderr()).toContain(`in use by another parley process (pid ${pid})`);
    // Bounded wait: gives up with the same error when the holder stays.
    const t0 = Date.now();
    const late = await openSqlStore({ location: place.location, lockWaitMs: 800, onLockWait: () => {} }).catch((e) => e);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(750);
    expect(late).toBeInstanceOf(ParleyError);
    expect(late.message).toMatch(/is in use by another parley process/);
    // Killed while holding it: the lock file stays, names a dead pid, and is taken over.
    holder.proc.kill('SIGKILL');
    await holder.exited;
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(pid);
    const store = await openSqlStore({ location: place.location, lockWaitMs: 0 });
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    expect(await store.countArticles()).toBe(0);
    await store.close();
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 60_000);

  it('lets a waiting process in when the holder closes, after telling it is waiting', async () => {
    const holder = runChild(['hold', place.location, '60000']);
    await holder.waitFor(/^open /);
    const writer = runChild(['write', place.location, '0', '5'], { LOCK_WAIT_MS: '30000' });
    await writer.waitFor(/^waiting /, 40_000);
    holder.proc.kill('SIGUSR2');
    await writer.waitFor(/^done$/, 40_000);
    expect(writer.lines[0]).toMatch(/^waiting store .* is in use by another parley process \(pid \d+\); waiting up to 30 s$/);
    expect(holder.lines).toContain('closed');
    expect(writer.lines.filter((l) => l.startsWith('added'))).toHaveLength(5);
    await holder.exited;
  }, 60_000);

  it('two writers at once take turns; every article is stored once and whole', async () => {
    const a = runChild(['write', place.location, '0', '40'], { LOCK_WAIT_MS: '60000' });
    const b = runChild(['write', place.location, '20', '60'], { LOCK_WAIT_MS: '60000' });
    await Promise.all([a.waitFor(/^done$/, 90_000), b.waitFor(/^done$/, 90_000)]);
    const store = await openSqlStore({ location: place.location, lockWaitMs: 0 });
    try {
      expect(await store.countArticles()).toBe(60);
      const [bad] = await store.db.query(`SELECT count(*)::int AS n FROM articles a
        WHERE a.sentence_count <> (SELECT count(*) FROM sentences s WHERE s.article_id = a.id)`);
      expect(bad!.n).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('who holds a lock', () => {
  const base: LockHolder = { pid: process.ppid, host: os.hostname(), started: null, token: 't', at: '' };
  const startOf = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!;
  it.skipIf(!fs.existsSync('/proc/self/stat'))('a live pid with its start time is alive; the same pid started at another time is a reused pid', () => {
    expect(holderAlive({ ...base, started: startOf(process.ppid) })).toBe(true);
    expect(holderAlive({ ...base, started: '1' })).toBe(false);
  });
  it('a dead pid is not alive; a holder on another host is assumed alive', () => {
    expect(holderAlive({ ...base, pid: 2 ** 22 + 3 })).toBe(false);
    expect(holderAlive({ ...base, pid: 2 ** 22 + 3, host: `not-${os.hostname()}` })).toBe(true);
  });
});
