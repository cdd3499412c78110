/**
 * @module store/migrations
 * The schema, as numbered migrations shared by PGlite and PostgreSQL (one SQL dialect). The SQL is
 * embedded here, not read from files, so the compiled CLI in dist/ finds it wherever it runs.
 * Input: a connection. Output: the store at the newest version this code knows, or a refusal when
 * the store is newer (then nothing is changed).
 * Rule: never edit a released migration; add the next number.
 */
import { ParleyError } from '../errors.js';
import type { Db, Sql } from './sql.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'articles, sentences, entities, quantities, fingerprints, links',
    sql: `
CREATE TABLE articles (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  hash text NOT NULL UNIQUE,
  text text NOT NULL,
  title text,
  outlet text,
  url text,
  published text,
  source_language text,
  language text NOT NULL,
  analysable boolean NOT NULL,
  source_kind text NOT NULL,
  source_path text,
  stripped jsonb NOT NULL DEFAULT '[]',
  headings jsonb NOT NULL DEFAULT '[]',
  paragraphs jsonb NOT NULL DEFAULT '[]',
  messages jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sentences (
  article_id int NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  n int NOT NULL,
  span_start int NOT NULL,
  span_end int NOT NULL,
  paragraph int NOT NULL,
  heading boolean NOT NULL,
  PRIMARY KEY (article_id, n)
);
CREATE TABLE entities (
  article_id int NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  n int NOT NULL,
  eid text NOT NULL,
  key text NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  role text,
  confidence double precision NOT NULL,
  mentions jsonb NOT NULL,
  PRIMARY KEY (article_id, n)
);
CREATE INDEX entities_key ON entities (key);
CREATE TABLE quantities (
  article_id int NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  n int NOT NULL,
  span_start int NOT NULL,
  span_end int NOT NULL,
  value double precision NOT NULL,
  approx boolean NOT NULL,
  unit text,
  what text,
  text text NOT NULL,
  PRIMARY KEY (article_id, n)
);
CREATE TABLE fingerprints (
  article_id int PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  fingerprint jsonb NOT NULL
);
CREATE TABLE fingerprint_keys (
  key text NOT NULL,
  article_id int NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (key, article_id)
);
CREATE INDEX fingerprint_keys_article ON fingerprint_keys (article_id);
CREATE TABLE links (
  id serial PRIMARY KEY,
  a int NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  b int NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind text NOT NULL,
  source int REFERENCES articles (id) ON DELETE SET NULL,
  score double precision NOT NULL,
  detail jsonb,
  CHECK (a <> b)
);
CREATE UNIQUE INDEX links_pair ON links (least(a, b), greatest(a, b));
`,
  },
  {
    version: 2,
    description: 'articles.sentence_count (backfilled) and an index on entities (type, key) for `parley actors`',
    sql: `
ALTER TABLE articles ADD COLUMN sentence_count int;
UPDATE articles SET sentence_count = (SELECT count(*) FROM sentences s WHERE s.article_id = articles.id);
ALTER TABLE articles ALTER COLUMN sentence_count SET NOT NULL;
CREATE INDEX entities_type_key ON entities (type, key);
`,
  },
  {
    version: 3,
    description: 'sentences.checksum: a short hash of each sentence as written, so the doctor can tell it still matches its slice',
    sql: `
ALTER TABLE sentences ADD COLUMN checksum text;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

// Serializes concurrent openers of one PostgreSQL database (two `parley add` starting at once).
const MIGRATION_LOCK = 7_241_505;

/** The store's schema version: 0 when it has no Parley schema at all. */
export async function schemaVersion(q: Sql): Promise<number> {
  const [{ present }] = await q.query<{ present: boolean }>(`SELECT to_regclass('schema_version') IS NOT NULL AS present`) as [{ present: boolean }];
  if (!present) return 0;
  const [row] = await q.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_version');
  return row?.v ?? 0;
}

export interface MigrateResult {
  from: number;
  to: number;
}

/**
 * Brings the store up to `target` (default: the newest) in ONE transaction: either every pending
 * migration is applied and recorded, or none is. `apply: false` only reads the version.
 */
export async function migrate(db: Db, where: string, opts: { target?: number; apply?: boolean } = {}): Promise<MigrateResult> {
  const target = opts.target ?? LATEST_VERSION;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const from = await schemaVersion(tx);
    if (from > LATEST_VERSION) {
      throw new ParleyError(`store: ${where} has schema version ${from}, newer than this parley knows (${LATEST_VERSION}); it was left untouched`,
        { hint: 'upgrade parley to open it, or use --db to point at another store' });
    }
    if (opts.apply === false || from >= target) return { from, to: from };
    if (from === 0) {
      await tx.exec('CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    }
    for (const m of MIGRATIONS) {
      if (m.version <= from || m.version > target) continue;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new ParleyError(`store: migrating ${where} to schema version ${m.version} failed: ${(err as Error).message}; nothing was changed`,
          { hint: 'if the database holds other tables of the same names, give parley its own database or directory with --db', cause: err });
      }
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    }
    return { from, to: target };
  });
}
