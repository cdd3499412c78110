/**
 * @module store/lock
 * One process at a time on an embedded store: PGlite is single-process, and two of them on one
 * data directory would corrupt it. Input: the store directory. Output: a held lock, released on
 * close or process exit; a lock left by a process that died (kill -9) is detected and taken over.
 * The lock file is created by hard-linking a fully written temporary file (atomic, never seen half
 * written); its holder is identified by pid plus the process start time (pids get reused).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ParleyError } from '../errors.js';

export const LOCK_FILE = 'parley.lock';
const BREAK_FILE = 'parley.lock.break';
// A breaker file older than this was left by a process killed while taking over a stale lock.
const BREAK_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  host: string;
  /** Process start time in clock ticks since boot (Linux /proc), or null elsewhere. */
  started: string | null;
  token: string;
  at: string;
}

export interface HeldLock {
  readonly file: string;
  release(): void;
}

export interface LockOptions {
  /** How long to wait for another process to let go, in ms (0: fail at once). */
  waitMs: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder, waitMs: number) => void;
}

function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) counted after the parenthesised command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock still runs. Unknown hosts count as alive. */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== os.hostname()) return true;
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processStart(h.pid);
  return !(h.started && now && now !== h.started);
}

function readHolder(file: string): LockHolder | null | 'missing' {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' ? h : null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : null;
  }
}

function ageMs(file: string): number {
  try { return Date.now() - fs.statSync(file).mtimeMs; } catch { return 0; }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(dir: string, opts: LockOptions): Promise<HeldLock> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started: processStart(process.pid), token: randomBytes(8).toString('hex'), at: new Date().toISOString() };
  const tmp = path.join(dir, `${LOCK_FILE}.${process.pid}.${me.token}`);
  fs.writeFileSync(tmp, JSON.stringify(me) + '\n', { mode: 0o644 });
  const deadline = Date.now() + opts.waitMs;
  let waited = false;
  try {
    for (;;) {
      try {
        fs.linkSync(tmp, file);
        return held(file, me);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new ParleyError(`store: cannot create the lock file ${file}: ${(err as Error).message}`, { hint: 'check that the store directory is writable (or use --db elsewhere)' });
        }
      }
      const holder = readHolder(file);
      if (holder === 'missing') continue;
      if (holder && holder.pid === process.pid && holder.host === me.host) {
        throw new ParleyError(`store: ${dir} is already open in this process`, { hint: 'close the first store before opening it again' });
      }
      if (holder === null && ageMs(file) > BREAK_STALE_MS) {
        // Unreadable for a while: not a lock any live parley writes (they appear whole); drop it.
        fs.rmSync(file, { force: true });
        continue;
      }
      if (holder && !holderAlive(holder)) {
        if (!breakStale(dir, file, holder)) await sleep(20);
        continue;
      }
      if (Date.now() >= deadline) {
        const who = holder ? `pid ${holder.pid}${holder.host !== me.host ? ` on ${holder.host}` : ''}` : 'a process that is starting';
        throw new ParleyError(`store: ${dir} is in use by another parley process (${who}); wait for it or use --db elsewhere`,
          { hint: `if no parley process is running, remove ${file}`, exitCode: 75 });
      }
      if (!waited && holder) { waited = true; opts.onWait?.(holder, opts.waitMs); }
      await sleep(Math.min(150, Math.max(10, deadline - Date.now())));
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Removes a dead holder's lock, guarded so two takers cannot both remove (one of them a fresh lock). */
function breakStale(dir: string, file: string, stale: LockHolder): boolean {
  const breaker = path.join(dir, BREAK_FILE);
  try {
    fs.writeFileSync(breaker, String(process.pid), { flag: 'wx' });
  } catch {
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > BREAK_STALE_MS) fs.rmSync(breaker, { force: true });
    } catch { /* gone meanwhile */ }
    return false;
  }
  try {
    const now = readHolder(file);
    if (now !== 'missing' && now && now.token === stale.token) fs.rmSync(file, { force: true });
    return true;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

function held(file: string, me: LockHolder): HeldLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const now = readHolder(file);
    if (now !== 'missing' && now && now.token === me.token) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, release };
}
