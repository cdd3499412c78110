/**
 * Opening stores: where a store is, and every way opening can fail, each a ParleyError that says
 * what to do. Store creation interrupted half way leaves nothing that blocks the next open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlStore, openStore, storeLocation, maskUrl, LATEST_VERSION } from '../../src/store/index.js';
import { ParleyError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';
import { PG_ADMIN, pgUnavailable } from './backends.js';

const root = tempDir('parley-open-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<ParleyError> {
  const err = await p.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(ParleyError);
  return err as ParleyError;
}

describe('where the store is', () => {
  it('takes --db, then $PARLEY_DB, then ./.parley', () => {
    const old = process.env.PARLEY_DB;
    try {
      delete process.env.PARLEY_DB;
      expect(storeLocation()).toBe('./.parley');
      expect(storeLocation('  ')).toBe('./.parley');
      process.env.PARLEY_DB = '/srv/parley';
      expect(storeLocation()).toBe('/srv/parley');
      expect(storeLocation('elsewhere')).toBe('elsewhere');
    } finally {
      if (old === undefined) delete process.env.PARLEY_DB; else process.env.PARLEY_DB = old;
    }
  });

  it('masks passwords in what it shows', () => {
    expect(maskUrl('postgres://u:s3cret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(maskUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});

describe('opening fails with what to do', () => {
  it('no store yet, when reading', async () => {
    const where = path.join(root, 'absent');
    const e = await failure(openStore({ location: where, mustExist: true }));
    expect(e.message).toBe(`store: there is no store at ${where} yet`);
    expect(e.hint).toMatch(/parley add/);
    expect(fs.existsSync(where)).toBe(false);
    fs.mkdirSync(where);
    expect((await failure(openStore({ location: where, mustExist: true }))).message).toMatch(/no store at/);
    expect(fs.readdirSync(where)).toEqual([]);
  });

  it('a file, or a directory with other things in it', async () => {
    const file = path.join(root, 'plain.txt');
    fs.writeFileSync(file, 'hello');
    expect((await failure(openStore({ location: file }))).message).toBe(`store: ${file} is a file, not a store directory`);
    const busy = path.join(root, 'project');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.md'), '# mine');
    const e = await failure(openStore({ location: busy }));
    expect(e.message).toBe(`store: ${busy} is not a Parley store (it holds other files, e.g. notes.md)`);
    expect(fs.readdirSync(busy)).toEqual(['notes.md']);
  });

  it('a damaged data directory', async () => {
    const dir = path.join(root, 'damaged');
    fs.mkdirSync(path.join(dir, 'pgdata'), { recursive: true });
    const e = await failure(openStore({ location: dir }));
    expect(e.message).toBe(`store: ${dir} is damaged (pgdata/PG_VERSION is missing)`);
    expect(e.hint).toMatch(/move .* aside and run `parley add` again/);
    expect(fs.existsSync(path.join(dir, 'parley.lock'))).toBe(false);
  });

  it('URLs that are not PostgreSQL, or not valid', async () => {
    expect((await failure(openStore({ location: 'mysql://h/db' }))).message).toMatch(/^store: mysql:\/\/h\/db is a mysql:\/\/ URL; a store is a directory or a postgres:\/\/ URL$/);
    expect((await failure(openStore({ location: 'postgres://' }))).message).toMatch(/is not a valid PostgreSQL URL/);
  });

  it('a server that refuses, a database that does not exist', async () => {
    const e = await failure(openStore({ location: 'postgresql://x:pw@127.0.0.1:9/db' }));
    expect(e.message).toMatch(/^store: cannot connect to postgresql:\/\/x:\*\*\*@127\.0\.0\.1:9\/db: .*ECONNREFUSED/);
    expect(e.hint).toMatch(/is the PostgreSQL server running/);
    if (pgUnavailable) return;
    const u = new URL(PG_ADMIN);
    u.pathname = '/parley_no_such_database_here';
    const missing = await failure(openStore({ location: u.toString() }));
    expect(missing.message).toMatch(/database "parley_no_such_database_here" does not exist/);
    expect(missing.hint).toMatch(/createdb/);
  }, 30_000);

  it('a path that runs through a file', async () => {
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, 'x');
    const e = await failure(openStore({ location: path.join(file, 'store') }));
    expect(e.message).toMatch(/^store: cannot read .*a-file\/store: ENOTDIR/);
    expect(e.hint).toMatch(/--db elsewhere/);
  });

  it.skipIf(process.getuid?.() === 0)('a directory it may not write', async () => {
    const ro = path.join(root, 'readonly');
    fs.mkdirSync(ro, { mode: 0o500 });
    expect((await failure(openStore({ location: ro }))).message).toMatch(/cannot read and write/);
  });
});

describe('creating a store', () => {
  it('creates it on first open; an interrupted creation left behind does not block', async () => {
    const dir = path.join(root, 'new-store');
    // What a process killed during creation leaves: a half-made init directory and its lock.
    fs.mkdirSync(path.join(dir, 'pgdata.init-424242'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pgdata.init-424242', 'PG_VERSION'), '17\n');
    fs.writeFileSync(path.join(dir, 'parley.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname(), started: null, token: 't', at: '' }));
    const s = await openSqlStore({ location: dir, lockWaitMs: 0 });
    try {
      // Created complete (migrated inside the init directory, then renamed into place).
      expect([s.kind, s.schemaVersion]).toEqual(['pglite', LATEST_VERSION]);
      expect(fs.readdirSync(dir).sort()).toEqual(['parley.lock', 'pgdata']);
      expect(await s.countArticles()).toBe(0);
    } finally {
      await s.close();
    }
    expect(fs.readdirSync(dir)).toEqual(['pgdata']);
    const again = await openSqlStore({ location: dir, mustExist: true });
    expect(again.openedAtVersion).toBe(again.schemaVersion);
    await again.close();
  }, 60_000);
});
