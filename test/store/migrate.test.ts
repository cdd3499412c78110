/**
 * Migrations on both backends: a store written at schema version 1 (the checked-in dump in
 * test/fixtures/store/v1/store.json, loaded with the version-1 migration only) opens in the newer
 * code, upgraded with its data intact; a store from a newer version is refused and left as it
 * was; a failing migration changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlStore, LATEST_VERSION } from '../../src/store/index.js';
import { loadDump, dumpStore, type StoreDump } from '../../src/store/dump.js';
import { schemaVersion } from '../../src/store/migrations.js';
import { diagnose, hasErrors } from '../../src/store/doctor.js';
import { ParleyError } from '../../src/errors.js';
import { ROOT } from '../helpers.js';
import { BACKENDS, articleOf, freshPlace, syntheticText, writeOf, type Place } from './backends.js';

const V1 = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/store/v1/store.json'), 'utf8')) as StoreDump;

describe.each(BACKENDS)('migrations on $name', ({ name, skip }) => {
  const places: Place[] = [];
  const fresh = async () => { const p = await freshPlace(name); places.push(p); return p; };
  afterEach(async () => { for (const p of places.splice(0)) await p.cleanup(); });

  it.skipIf(skip)('opens a version-1 store in the current code, upgraded, data intact', async () => {
    expect(V1.version).toBe(1);
    expect(LATEST_VERSION).toBeGreaterThan(1);
    const place = await fresh();
    const raw = await openSqlStore({ location: place.location, migrate: false });
    expect(raw.openedAtVersion).toBe(0);
    await loadDump(raw.db, V1, place.location);
    expect(await schemaVersion(raw.db)).toBe(1);
    await raw.close();

    // Doctor first, as found: reports the old version as a note, nothing wrong.
    const asFound = await openSqlStore({ location: place.location, migrate: false, mustExist: true });
    const findings = await diagnose(asFound);
    expect(findings.find((f) => f.check === 'schema')).toMatchObject({ level: 'note' });
    expect(hasErrors(findings)).toBe(false);
    await asFound.close();

    const store = await openSqlStore({ location: place.location, mustExist: true });
    try {
      expect([store.openedAtVersion, store.schemaVersion]).toEqual([1, LATEST_VERSION]);
      const v = await store.db.query('SELECT version FROM schema_version ORDER BY version');
      expect(v.map((r) => r.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
      const list = await store.listArticles();
      expect(list.map((a) => a.name)).toEqual(['v1-1', 'v1-2']);
      // Version 2's backfill: sentence counts from the version-1 sentence rows.
      const rows = V1.tables.sentences!;
      for (const a of list) expect(a.sentences).toBe(rows.filter((r) => r.article_id === a.id).length);
      const first = (await store.getArticle('v1-1'))!;
      expect(first.article.text).toBe(V1.tables.articles![0]!.text);
      expect(first.entities.map((e) => e.key)).toEqual(['country:northland', 'country:southland', 'place:lakeside']);
      expect(first.quantities.map((q) => q.value)).toEqual([6, 40]);
      expect(await store.listLinks()).toEqual([{ a: 1, b: 2, kind: 'same-event', source: null, score: 0.42, detail: { note: 'fixture' } }]);
      // Sequences were carried over: new rows do not collide with the old ids.
      const [added] = await store.addArticles([writeOf(articleOf('after-upgrade', syntheticText(5)))]);
      expect(added).toMatchObject({ status: 'added', id: 3 });
      expect(hasErrors(await diagnose(store))).toBe(false);
      // Reopening does not migrate again.
      const dump = await dumpStore(store.db);
      expect(dump.version).toBe(LATEST_VERSION);
    } finally {
      await store.close();
    }
    const again = await openSqlStore({ location: place.location });
    expect([again.openedAtVersion, again.schemaVersion]).toEqual([LATEST_VERSION, LATEST_VERSION]);
    await again.close();
  }, 60_000);

  it.skipIf(skip)('refuses a store from a newer version and leaves it untouched', async () => {
    const place = await fresh();
    const s = await openSqlStore({ location: place.location });
    await s.addArticles([writeOf(articleOf('kept', syntheticText(7)))]);
    await s.db.query('INSERT INTO schema_version (version) VALUES ($1)', [LATEST_VERSION + 7]);
    await s.db.exec('CREATE TABLE future_thing (x int); INSERT INTO future_thing VALUES (1)');
    const before = await dumpStore(s.db);
    await s.close();

    const err = await openSqlStore({ location: place.location }).catch((e) => e);
    expect(err).toBeInstanceOf(ParleyError);
    expect(err.message).toMatch(new RegExp(`has schema version ${LATEST_VERSION + 7}, newer than this parley knows \\(${LATEST_VERSION}\\); it was left untouched$`));
    expect(err.hint).toMatch(/upgrade parley/);
    // Also through the doctor's read-only open: same refusal.
    await expect(openSqlStore({ location: place.location, migrate: false, mustExist: true })).rejects.toThrow(/newer than this parley knows/);

    // Look with the old code's own eyes: nothing changed. (A raw connection, bypassing the check.)
    const { rawDb } = await import('./raw.js');
    const raw = await rawDb(name, place.location);
    try {
      expect(await dumpStore(raw)).toEqual(before);
      expect(await raw.query('SELECT x FROM future_thing')).toEqual([{ x: 1 }]);
    } finally {
      await raw.close();
    }
  }, 60_000);

  it.skipIf(skip)('a migration that fails changes nothing and says why', async () => {
    const place = await fresh();
    const s = await openSqlStore({ location: place.location, migrate: false });
    // Someone else's table with one of our names: version 1 cannot be applied here.
    await s.db.exec('CREATE TABLE links (x int)');
    await s.close();
    const err = await openSqlStore({ location: place.location }).catch((e) => e);
    expect(err).toBeInstanceOf(ParleyError);
    expect(err.message).toMatch(/migrating .* to schema version 1 failed: .*links.*; nothing was changed/);
    const look = await openSqlStore({ location: place.location, migrate: false });
    try {
      expect(look.openedAtVersion).toBe(0);
      const [r] = await look.db.query(`SELECT to_regclass('articles') IS NULL AS none, to_regclass('schema_version') IS NULL AS nov`);
      expect(r).toEqual({ none: true, nov: true });
    } finally {
      await look.close();
    }
  }, 60_000);
});
