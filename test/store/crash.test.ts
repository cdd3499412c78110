/**
 * Crash safety with real processes: a child writing many articles is killed with SIGKILL mid-way
 * (twice), the store is reopened and checked (no half-written article, counts consistent), and a
 * rerun finishes the rest without duplicates. On PGlite and PostgreSQL. Also: writers racing on
 * one PostgreSQL database store each text once.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlStore, type SqlStore } from '../../src/store/index.js';
import { diagnose, formatFindings, hasErrors } from '../../src/store/doctor.js';
import { BACKENDS, freshPlace, pgUnavailable, type Place } from './backends.js';
import { ensureBuilt, runChild } from './child.js';

const N = 100;
// What crash-child.mjs writes per article.
const SENTENCES = 96, ENTITIES = 40, QUANTITIES = 96;

beforeAll(() => ensureBuilt(), 120_000);

/** Every stored article is whole; returns the stored names. */
async function checkWhole(store: SqlStore): Promise<string[]> {
  const rows = await store.db.query(`
    SELECT a.name, a.sentence_count,
      (SELECT count(*)::int FROM sentences s WHERE s.article_id = a.id) AS s,
      (SELECT count(*)::int FROM entities e WHERE e.article_id = a.id) AS e,
      (SELECT count(*)::int FROM quantities q WHERE q.article_id = a.id) AS q,
      (SELECT count(*)::int FROM fingerprints f WHERE f.article_id = a.id) AS f,
      (SELECT count(*)::int FROM fingerprint_keys k WHERE k.article_id = a.id) AS k
    FROM articles a ORDER BY a.id`);
  for (const r of rows) {
    expect({ name: r.name, count: r.sentence_count, s: r.s, e: r.e, q: r.q, f: r.f }).toEqual({ name: r.name, count: SENTENCES, s: SENTENCES, e: ENTITIES, q: QUANTITIES, f: 1 });
    expect(r.k).toBeGreaterThan(1);
  }
  const [dups] = await store.db.query('SELECT count(*)::int AS n FROM (SELECT hash FROM articles GROUP BY hash HAVING count(*) > 1) d');
  expect(dups!.n).toBe(0);
  const findings = await diagnose(store);
  expect(hasErrors(findings), formatFindings(findings)).toBe(false);
  return rows.map((r) => r.name);
}

const prefix = (k: number) => Array.from({ length: k }, (_, i) => `a${i}`);

describe.each(BACKENDS)('kill -9 while adding, on $name', ({ name, skip }) => {
  let place: Place;
  // The embedded store is created by the child itself: the first kill lands during creation.
  beforeAll(async () => { if (!skip) place = await freshPlace(name, { template: false }); }, 60_000);
  afterAll(async () => { await place?.cleanup(); });

  it.skipIf(skip)('leaves whole articles only, reopens, and a rerun adds the rest once', async () => {
    if (name === 'pglite') {
      // Killed while creating the store (PGlite initdb): no half store is left behind.
      const c0 = runChild(['write', place.location, '0', String(N)]);
      await new Promise((r) => setTimeout(r, 700));
      c0.proc.kill('SIGKILL');
      await c0.exited;
      if (!c0.lines.some((l) => l.startsWith('open'))) expect(fs.existsSync(path.join(place.location, 'pgdata'))).toBe(false);
    }
    let killedAt = 0;
    for (const [round, more] of [[1, 30], [2, 3]] as const) {
      // Round 2 checkpoints and flushes after every article, so the kill may land in a checkpoint.
      const c = runChild(['write', place.location, '0', String(N)], round === 2 ? { PARLEY_FLUSH_EVERY_MS: '0' } : {});
      const first = Number((await c.waitFor(/^added /, 60_000)).split(' ')[1]);
      await c.waitFor(new RegExp(`^added ${first + more}$`), 60_000);
      // Land the kill at a random point of a later write.
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      c.proc.kill('SIGKILL');
      expect(await c.exited).toBe('SIGKILL');
      expect(c.lines.some((l) => l === 'done'), `round ${round} finished before the kill`).toBe(false);
      killedAt = c.lines.filter((l) => /^(added|duplicate) /.test(l)).length;
    }
    // The lock of the killed child is stale: reopening must not wait for it.
    const store = await openSqlStore({ location: place.location, lockWaitMs: 0 });
    let names: string[];
    try {
      names = await checkWhole(store);
    } finally {
      await store.close();
    }
    // Written in order, each in its own transaction: a prefix, at least what was reported added.
    expect(names).toEqual(prefix(names.length));
    expect(names.length).toBeGreaterThanOrEqual(killedAt);
    expect(names.length).toBeLessThan(N);

    const rerun = runChild(['write', place.location, '0', String(N)]);
    await rerun.waitFor(/^done$/, 90_000);
    expect(await rerun.exited).toBe(0);
    const statuses = rerun.lines.filter((l) => /^(added|duplicate) /.test(l));
    expect(statuses.filter((l) => l.startsWith('duplicate'))).toHaveLength(names.length);
    expect(statuses.filter((l) => l.startsWith('added'))).toHaveLength(N - names.length);

    const after = await openSqlStore({ location: place.location, lockWaitMs: 0 });
    try {
      expect(await checkWhole(after)).toEqual(prefix(N));
      expect(await after.countArticles()).toBe(N);
    } finally {
      await after.close();
    }

    // Killed surely inside one long transaction: nothing of that article is left.
    const big = runChild(['big', place.location, '150000']);
    await big.waitFor(/^writing big$/, 60_000);
    if (name === 'postgres') {
      // Watch the server until the child's transaction is open and inserting, then kill.
      const watch = new pg.Client({ connectionString: place.location });
      await watch.connect();
      try {
        for (let t0 = Date.now(); Date.now() - t0 < 20_000;) {
          const r = await watch.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
            AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ILIKE 'INSERT INTO%'`);
          if (r.rows[0].n > 0) break;
        }
      } finally {
        await watch.end();
      }
    } else {
      // PGlite cannot be watched from outside: the write takes seconds, the hash before it milliseconds.
      await new Promise((r) => setTimeout(r, 300));
    }
    big.proc.kill('SIGKILL');
    await big.exited;
    expect(big.lines, 'the big write finished before the kill: make it bigger').not.toContain('added big');
    const last = await openSqlStore({ location: place.location, lockWaitMs: 0 });
    try {
      expect(await last.getArticle('big')).toBeNull();
      const [rows] = await last.db.query('SELECT (SELECT count(*)::int FROM sentences) AS s, (SELECT count(*)::int FROM quantities) AS q');
      expect(rows).toEqual({ s: N * SENTENCES, q: N * QUANTITIES });
      expect(await checkWhole(last)).toEqual(prefix(N));
    } finally {
      await last.close();
    }
  }, 180_000);
});

describe.skipIf(pgUnavailable !== null)('writers racing on one PostgreSQL database', () => {
  let place: Place;
  beforeAll(async () => { place = await freshPlace('postgres'); }, 60_000);
  afterAll(async () => { await place?.cleanup(); });

  it('stores each text once: the unique index decides, not a prior SELECT', async () => {
    // A new, empty database: the three race on creating the schema too (advisory lock) and then on rows.
    const a = runChild(['write', place.location, '0', '60']);
    const b = runChild(['write', place.location, '0', '60']);
    const c = runChild(['write', place.location, '30', '90']);
    await Promise.all([a, b, c].map((x) => x.waitFor(/^done$/, 90_000)));
    const statuses = [a, b, c].flatMap((x) => x.lines.filter((l) => /^(added|duplicate) /.test(l)));
    expect(statuses).toHaveLength(180);
    expect(statuses.filter((l) => l.startsWith('added'))).toHaveLength(90);
    const store = await openSqlStore({ location: place.location });
    try {
      expect((await checkWhole(store)).sort()).toEqual(prefix(90).sort());
    } finally {
      await store.close();
    }
  }, 120_000);
});
