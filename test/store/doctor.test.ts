/**
 * `parley doctor`: a sound store passes; each kind of damage (offsets, slices, hashes, counts,
 * orphan rows, missing fingerprints) is found and comes with what to do; the CLI exits 1 then.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlStore, type SqlStore } from '../../src/store/index.js';
import { diagnose, formatFindings, hasErrors } from '../../src/store/doctor.js';
import { BIN, corpusFiles } from '../helpers.js';
import { BACKENDS, articleOf, freshPlace, writeOf, type Place } from './backends.js';
import { ensureBuilt } from './child.js';

const writes = corpusFiles('seeds').slice(0, 4).map((f) => writeOf(articleOf(path.basename(f, '.txt'), fs.readFileSync(f, 'utf8'))));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.each(BACKENDS)('doctor on $name', ({ name, skip }) => {
  let place: Place;
  let store: SqlStore;
  let ids: number[];
  beforeAll(async () => {
    if (skip) return;
    ensureBuilt();
    place = await freshPlace(name);
    store = await openSqlStore({ location: place.location });
    ids = (await store.addArticles(writes)).map((o) => (o.status === 'added' ? o.id : -1));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await place?.cleanup();
  });

  it.skipIf(skip)('passes a sound store, in the API and in the CLI', async () => {
    const findings = await diagnose(store);
    expect(hasErrors(findings), formatFindings(findings)).toBe(false);
    expect(findings.map((f) => f.check)).toEqual(['schema', 'articles', 'orphans']);
    if (name === 'pglite') {
      // The embedded store is single-process: let go while the CLI looks.
      await store.close();
      const r = cli(['doctor', '--db', place.location]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/no problems found/);
      store = await openSqlStore({ location: place.location });
    } else {
      const r = cli(['doctor', '--db', place.location]);
      expect([r.code, r.out.includes('no problems found')]).toEqual([0, true]);
    }
  }, 60_000);

  it.skipIf(skip)('finds each kind of damage and says what to do', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    const db = store.db;
    await db.query('UPDATE sentences SET span_end = span_end + 100000 WHERE article_id = $1 AND n = 1', [a]);
    await db.query(`UPDATE entities SET mentions = jsonb_set(mentions, '{0,text}', '"Nobody"') WHERE article_id = $1 AND n = 0`, [b]);
    await db.query('UPDATE quantities SET span_start = span_start + 1 WHERE article_id = $1 AND n = 0', [b]);
    await db.query(`UPDATE articles SET text = text || ' tampered' WHERE id = $1`, [c]);
    await db.query('DELETE FROM fingerprints WHERE article_id IN ($1, $2)', [c, d]);
    await db.query('UPDATE articles SET sentence_count = sentence_count + 1 WHERE id = $1', [d]);
    // Still inside the text and trimmed, but no longer the sentence that was written: the checksum tells.
    await db.query('UPDATE sentences SET span_start = span_start + 1 WHERE article_id = $1 AND n = 0', [d]);
    // Orphans cannot be written through the foreign keys; a hand-edited database can have them.
    await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query('INSERT INTO sentences VALUES (999999, 0, 0, 1, 0, false)');
      await tx.query(`INSERT INTO fingerprint_keys VALUES ('w:orphan', 999999)`);
    });
    const findings = await diagnose(store);
    const by = Object.fromEntries(findings.map((f) => [f.check, f]));
    const names = writes.map((w) => w.article.id);
    expect(hasErrors(findings)).toBe(true);
    expect(by.sentences).toMatchObject({ level: 'error', message: expect.stringContaining(`2 articles (${names[0]}, ${names[3]})`) });
    expect(by.entities!.message).toContain(`(${names[1]}); first: "Nobody"`);
    expect(by.quantities!.message).toContain(names[1]);
    expect(by.hash!.message).toContain(names[2]);
    expect(by.fingerprints).toEqual({ level: 'error', check: 'fingerprints', message: `fingerprints missing for 2 articles (${names[2]}, ${names[3]})`, fix: 'run `parley links` to rebuild' });
    expect(by['sentence-count']!.message).toContain(names[3]);
    expect(by.orphans).toMatchObject({ level: 'error', message: 'rows that belong to no stored article: 1 in sentences, 1 in fingerprint_keys' });
    expect(by.articles).toBeUndefined();
    for (const f of findings.filter((x) => x.level === 'error')) expect(f.fix).toBeTruthy();

    if (name === 'pglite') await store.close();
    const r = cli(['doctor', '--db', place.location]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('fingerprints missing for 2 articles');
    expect(r.out).toContain('-> run `parley links` to rebuild');
    expect(r.out).toMatch(/7 problems found/);
    if (name === 'pglite') store = await openSqlStore({ location: place.location });
  }, 60_000);
});

describe('doctor CLI on what is not a store', () => {
  beforeAll(() => ensureBuilt(), 120_000);
  it('says there is no store, or that the server cannot be reached, and what to do', () => {
    const missing = cli(['doctor', '--db', '/nonexistent/parley-store']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^parley: store: there is no store at \/nonexistent\/parley-store yet\n  add articles first/);
    const refused = cli(['doctor', '--db', 'postgres://nobody:secret@127.0.0.1:1/x']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cannot connect to postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
    expect(refused.err).not.toContain('secret');
    expect(refused.err).toMatch(/is the PostgreSQL server running/);
  }, 60_000);
});
