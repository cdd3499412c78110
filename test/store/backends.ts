/**
 * Test helpers for the store: the two backends (PGlite in a temp directory; PostgreSQL at
 * 127.0.0.1:5432 with a fresh database per use, dropped afterwards) and ArticleWrite builders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Article, Entity, Quantity } from '../../src/types.js';
import type { ArticleWrite } from '../../src/store/types.js';
import { normalizedHash } from '../../src/store/hash.js';
import { segment } from '../../src/text/segment.js';
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { ROOT, tempDir } from '../helpers.js';

export const PG_ADMIN = process.env.PARLEY_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG_ADMIN}: ${(err as Error).message}`;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Why PostgreSQL tests are skipped, or null when the server answers. */
export const pgUnavailable: string | null = await probePostgres();
if (pgUnavailable) console.warn(`[store tests] skipping PostgreSQL backend: ${pgUnavailable}`);

export interface Place {
  location: string;
  cleanup(): Promise<void>;
}

export type BackendName = 'pglite' | 'postgres';
export const BACKENDS: { name: BackendName; skip: boolean }[] = [
  { name: 'pglite', skip: false },
  { name: 'postgres', skip: pgUnavailable !== null },
];

/**
 * An initialized, empty PGlite data directory (schema version 0), made once per PGlite version and
 * machine and copied for each test store: initdb costs seconds of CPU, a copy ~0.1 s. Tests of
 * store creation itself do not use it.
 */
async function pgliteTemplate(): Promise<string> {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
  const dir = path.join(os.tmpdir(), `parley-test-pgdata-${version}`);
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  const tmp = `${dir}.${process.pid}.${randomBytes(3).toString('hex')}`;
  const db = await PGlite.create(tmp);
  await db.close();
  try { fs.renameSync(tmp, dir); } catch { fs.rmSync(tmp, { recursive: true, force: true }); }
  return dir;
}

export async function freshPlace(kind: BackendName, opts: { template?: boolean } = {}): Promise<Place> {
  if (kind === 'pglite') {
    const dir = path.join(tempDir('parley-store-'), 'store');
    if (opts.template !== false) fs.cpSync(await pgliteTemplate(), path.join(dir, 'pgdata'), { recursive: true });
    return { location: dir, cleanup: async () => fs.rmSync(path.dirname(dir), { recursive: true, force: true }) };
  }
  const name = `parley_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try { await admin.query(`CREATE DATABASE ${name}`); } finally { await admin.end(); }
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return {
    location: u.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); }
    },
  };
}

export function articleOf(id: string, text: string, extra: Partial<Article> = {}): Article {
  return {
    id, text, title: null, outlet: null, url: null, published: null, language: 'en',
    source: { kind: 'txt', path: `${id}.txt` }, stripped: [], headings: [], ...extra,
  };
}

/**
 * An ArticleWrite with entities over capitalized words and quantities over digit runs, found by
 * regex so the spans are real offsets into the text (which is what the store must keep).
 */
export function writeOf(article: Article): ArticleWrite {
  const segmented = segment(article);
  const text = article.text;
  const entities: Entity[] = [];
  const seen = new Map<string, Entity>();
  for (const m of text.matchAll(/\b[A-Z][a-z]{3,}\b/g)) {
    if (entities.length >= 20 && !seen.has(m[0])) continue;
    const key = `other:${m[0].toLowerCase()}`;
    let e = seen.get(key);
    if (!e) { e = { id: `e${entities.length + 1}`, key, name: m[0], type: 'other', role: null, mentions: [], confidence: 0.5 }; seen.set(key, e); entities.push(e); }
    e.mentions.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  const quantities: Quantity[] = [...text.matchAll(/\b\d+\b/g)].slice(0, 30).map((m) => ({
    start: m.index!, end: m.index! + m[0].length, value: Number(m[0]), approx: false, unit: null, what: null, text: m[0],
  }));
  const words = [...new Set(text.toLowerCase().match(/[a-z]{6,}/g) ?? [])].slice(0, 40);
  return {
    article, hash: normalizedHash(text), segmented, entities, quantities,
    fingerprint: { words: words.length }, fingerprintKeys: words.map((w) => `w:${w}`),
  };
}

/** Made-up multi-paragraph text, distinct per `i` (no corpus wording). */
export function syntheticText(i: number, paragraphs = 6): string {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    out.push(`Delegation ${i} met envoy number ${p + 1} in Geneva. They discussed ${i * 7 + p} items over ${p + 2} days. ` +
      `Officials from Harbor City said the Round ${i}-${p} talks were useful. Nothing else was agreed.`);
  }
  return out.join('\n\n');
}
