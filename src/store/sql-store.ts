/**
 * @module store/sql-store
 * The `Store` over a `Db` connection, identical for PGlite and PostgreSQL. Input: ArticleWrite
 * batches, link lists, queries. Output: rows back as the typed values of src/types.ts.
 * Each article is written in ONE transaction with batched (`unnest`) inserts of its sentences,
 * entities, quantities and fingerprint keys, so a crash leaves it either whole or absent. The same
 * text (by normalized hash) is kept once; the unique index decides, so two racing writers agree.
 */
import type { Article, Entity, Quantity, Sentence, Segmented, Span, StageMessage, StrippedRange, SourceKind } from '../types.js';
import type { AddOutcome, ArticleSummary, ArticleWrite, Store, StoredArticle, StoredLink, ActorSummary } from './types.js';
import type { Db, Row, Sql } from './sql.js';
import { normalizedHash, sliceChecksum, storable } from './hash.js';

const SUMMARY_COLUMNS = `id, name, title, outlet, published, language, char_length(text)::int AS chars, sentence_count AS sentences,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS added_at`;

// Gives up renaming after this many taken names (a-2 ... a-1000): something is looping.
const MAX_RENAMES = 1000;

const summaryOf = (r: Row): ArticleSummary => ({
  id: r.id, name: r.name, title: r.title, outlet: r.outlet, published: r.published, language: r.language,
  chars: r.chars, sentences: r.sentences, addedAt: r.added_at,
});

const json = (v: unknown): string => JSON.stringify(v ?? null, (_k, x) => (typeof x === 'string' ? storable(x) : x));
const str = (v: string | null | undefined): string | null => (v == null ? null : storable(v));

export class SqlStore implements Store {
  private closed = false;

  constructor(
    readonly kind: 'pglite' | 'postgres',
    readonly location: string,
    /** The connection, for the doctor and tests; commands go through the Store methods. */
    readonly db: Db,
    /** The schema version the store had when opened (before migrations). */
    readonly openedAtVersion: number,
    readonly schemaVersion: number,
    /** Told whether anything was written, so the embedded store can flush its files to disk. */
    private readonly onClose: (wrote: boolean) => Promise<void> | void,
    /** Called after each write call (the embedded store flushes to disk now and then). */
    private readonly afterWrite: () => Promise<void> = async () => {},
  ) {}

  private wrote = false;

  async addArticles(batch: ArticleWrite[]): Promise<AddOutcome[]> {
    const out: AddOutcome[] = [];
    this.wrote ||= batch.length > 0;
    for (const w of batch) out.push(await this.addOne(w));
    if (batch.length) await this.afterWrite();
    return out;
  }

  private async addOne(w: ArticleWrite): Promise<AddOutcome> {
    const a = w.article, seg = w.segmented;
    const text = storable(a.text);
    const hash = normalizedHash(text);
    if (w.hash && w.hash !== hash) throw new Error(`store: ArticleWrite.hash for ${a.id} is not normalizedHash(article.text)`);
    const requested = storable(a.id.trim()) || 'article';
    return this.db.transaction(async (tx) => {
      let name = requested;
      let id: number | null = null;
      for (let attempt = 0; id === null; attempt++) {
        const ins = await tx.query<{ id: number }>(
          `INSERT INTO articles (name, hash, text, title, outlet, url, published, source_language, language, analysable,
             source_kind, source_path, stripped, headings, paragraphs, messages, sentence_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb, $14::text::jsonb, $15::text::jsonb, $16::text::jsonb, $17)
           ON CONFLICT DO NOTHING RETURNING id`,
          [str(name), hash, text, str(a.title), str(a.outlet), str(a.url), str(a.published), str(a.language), str(seg.language), seg.analysable,
            a.source.kind, str(a.source.path), json(a.stripped), json(a.headings), json(seg.paragraphs), json(seg.messages), seg.sentences.length]);
        if (ins[0]) { id = ins[0].id; break; }
        const dup = await tx.query<{ id: number; name: string }>('SELECT id, name FROM articles WHERE hash = $1', [hash]);
        if (dup[0]) return { status: 'duplicate', name: requested, duplicateOf: { id: dup[0].id, name: dup[0].name } };
        if (attempt >= MAX_RENAMES) throw new Error(`store: no free name for ${requested} after ${MAX_RENAMES} tries`);
        name = await nextFreeName(tx, requested);
      }
      await writeChildren(tx, id, w, text);
      return { status: 'added', id, name };
    });
  }

  async listArticles(opts: { limit?: number; offset?: number } = {}): Promise<ArticleSummary[]> {
    const rows = await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY id LIMIT $1 OFFSET $2`,
      [opts.limit ?? null, opts.offset ?? 0]);
    return rows.map(summaryOf);
  }

  async countArticles(): Promise<number> {
    const [r] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
    return r!.n;
  }

  /**
   * A number is an id. A string is a name first; failing that, a plain integer string ("12") is an id.
   */
  async getArticle(ref: string | number): Promise<StoredArticle | null> {
    let ids: number[] = [];
    if (typeof ref === 'number') ids = [ref];
    else {
      const byName = await this.db.query<{ id: number }>('SELECT id FROM articles WHERE name = $1', [ref]);
      if (byName[0]) ids = [byName[0].id];
      else if (/^[1-9]\d{0,9}$/.test(ref) && Number(ref) <= 2 ** 31 - 1) ids = [Number(ref)];
    }
    if (!ids.length || !Number.isInteger(ids[0]) || ids[0]! < 1 || ids[0]! > 2 ** 31 - 1) return null;
    const [found] = await this.loadMany(ids);
    return found ?? null;
  }

  async *iterateArticles(opts: { pageSize?: number } = {}): AsyncGenerator<StoredArticle> {
    const size = Math.max(1, opts.pageSize ?? 100);
    let after = 0;
    for (;;) {
      const ids = (await this.db.query<{ id: number }>('SELECT id FROM articles WHERE id > $1 ORDER BY id LIMIT $2', [after, size])).map((r) => r.id);
      if (!ids.length) return;
      for (const a of await this.loadMany(ids)) yield a;
      after = ids[ids.length - 1]!;
    }
  }

  async findCandidates(keys: string[], opts: { excludeId?: number; limit?: number; minShared?: number } = {}): Promise<{ id: number; name: string; shared: number }[]> {
    const uniq = [...new Set(keys)];
    if (!uniq.length) return [];
    return this.db.query(
      `SELECT k.article_id AS id, a.name, count(*)::int AS shared
         FROM fingerprint_keys k JOIN articles a ON a.id = k.article_id
        WHERE k.key = ANY($1::text[]) AND ($2::int IS NULL OR k.article_id <> $2::int)
        GROUP BY k.article_id, a.name
       HAVING count(*) >= $3
        ORDER BY shared DESC, id
        LIMIT $4`,
      [uniq, opts.excludeId ?? null, opts.minShared ?? 1, opts.limit ?? 50]);
  }

  async saveLinks(links: StoredLink[]): Promise<void> {
    // One row per unordered pair; the last of a batch wins (ON CONFLICT cannot touch a row twice).
    const byPair = new Map<string, StoredLink>();
    for (const l of links) byPair.set(`${Math.min(l.a, l.b)}:${Math.max(l.a, l.b)}`, l);
    const rows = [...byPair.values()];
    if (!rows.length) return;
    this.wrote = true;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO links (a, b, kind, source, score, detail)
         SELECT t.a, t.b, t.kind, t.source, t.score, t.detail::jsonb
           FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::float8[], $6::text[]) AS t(a, b, kind, source, score, detail)
         ON CONFLICT ((least(a, b)), (greatest(a, b)))
         DO UPDATE SET a = excluded.a, b = excluded.b, kind = excluded.kind, source = excluded.source, score = excluded.score, detail = excluded.detail`,
        [rows.map((l) => l.a), rows.map((l) => l.b), rows.map((l) => l.kind), rows.map((l) => l.source),
          rows.map((l) => l.score), rows.map((l) => json(l.detail))]);
    });
    await this.afterWrite();
  }

  async listLinks(articleId?: number): Promise<StoredLink[]> {
    const rows = articleId === undefined
      ? await this.db.query('SELECT a, b, kind, source, score, detail FROM links ORDER BY least(a, b), greatest(a, b)')
      : await this.db.query('SELECT a, b, kind, source, score, detail FROM links WHERE a = $1 OR b = $1 ORDER BY least(a, b), greatest(a, b)', [articleId]);
    return rows.map((r) => ({ a: r.a, b: r.b, kind: r.kind, source: r.source, score: r.score, detail: r.detail }));
  }

  async listActors(opts: { type?: string } = {}): Promise<ActorSummary[]> {
    const rows = await this.db.query(
      `SELECT e.key, mm.v->>'text' AS text, count(DISTINCT e.article_id)::int AS articles
         FROM entities e CROSS JOIN LATERAL jsonb_array_elements(e.mentions) AS mm(v)
        WHERE ($1::text IS NULL OR e.type = $1::text)
        GROUP BY e.key, mm.v->>'text'`, [opts.type ?? null]);
    const names = await this.db.query(
      `SELECT key, type, name, count(DISTINCT article_id)::int AS articles FROM entities
        WHERE ($1::text IS NULL OR type = $1::text) GROUP BY key, type, name`, [opts.type ?? null]);
    const totals = await this.db.query(
      `SELECT key, count(DISTINCT article_id)::int AS articles FROM entities
        WHERE ($1::text IS NULL OR type = $1::text) GROUP BY key`, [opts.type ?? null]);
    const byKey = new Map<string, ActorSummary>();
    for (const t of totals) byKey.set(t.key, { key: t.key, type: '', name: '', articles: t.articles, spellings: [] });
    // The display name is the one most articles use (ties: alphabetical); the type likewise.
    const best = new Map<string, { name: string; type: string; n: number }>();
    for (const r of names.sort((x, y) => y.articles - x.articles || String(x.name).localeCompare(String(y.name)))) {
      if (!best.has(r.key)) best.set(r.key, { name: r.name, type: r.type, n: r.articles });
    }
    for (const [key, b] of best) { const s = byKey.get(key)!; s.name = b.name; s.type = b.type; }
    const spell = new Map<string, Map<string, number>>();
    for (const r of rows) {
      if (r.text == null) continue;
      const m = spell.get(r.key) ?? new Map<string, number>();
      m.set(r.text, (m.get(r.text) ?? 0) + r.articles);
      spell.set(r.key, m);
    }
    for (const [key, m] of spell) {
      byKey.get(key)!.spellings = [...m].map(([text, articles]) => ({ text, articles }))
        .sort((x, y) => y.articles - x.articles || x.text.localeCompare(y.text));
    }
    return [...byKey.values()].sort((x, y) => y.articles - x.articles || x.key.localeCompare(y.key));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose(this.wrote || this.openedAtVersion !== this.schemaVersion);
  }

  /**
   * Whole stored articles for `ids` (missing ids are skipped), in id order: five queries per page.
   * Child rows come back as one JSON array per article: PGlite decodes a JSON string ~20x faster
   * than the same data as rows.
   */
  async loadMany(ids: number[]): Promise<StoredArticle[]> {
    const q = (sql: string) => this.db.query(sql, [ids]);
    const agg = (fields: string, table: string) =>
      q(`SELECT article_id, json_agg(json_build_object(${fields}) ORDER BY n)::text AS j FROM ${table} WHERE article_id = ANY($1::int[]) GROUP BY article_id`);
    const arts = await q(`SELECT ${SUMMARY_COLUMNS}, hash, text, url, source_language, analysable, source_kind, source_path,
                 stripped, headings, paragraphs, messages FROM articles WHERE id = ANY($1::int[]) ORDER BY id`);
    const parsed = async <T>(rows: Promise<Row[]>, fix: (x: T) => T = (x) => x) =>
      new Map<number, T[]>((await rows).map((r) => [r.article_id, (JSON.parse(r.j) as T[]).map(fix)]));
    const sentences = await parsed<Sentence>(agg(`'start', span_start, 'end', span_end, 'paragraph', paragraph, 'heading', heading`, 'sentences'));
    const entities = await parsed<Entity>(agg(`'id', eid, 'key', key, 'name', name, 'type', type, 'role', role, 'mentions', mentions, 'confidence', confidence`, 'entities'));
    // JSON has no NaN or Infinity: PostgreSQL writes them as strings.
    const quantities = await parsed<Quantity>(agg(`'start', span_start, 'end', span_end, 'value', value, 'approx', approx, 'unit', unit, 'what', what, 'text', text`, 'quantities'),
      (x) => (typeof x.value === 'number' ? x : { ...x, value: Number(x.value) }));
    const fps = await q('SELECT article_id, fingerprint FROM fingerprints WHERE article_id = ANY($1::int[])');
    const fingerprints = new Map<number, unknown>(fps.map((r) => [r.article_id, r.fingerprint]));
    return arts.map((r) => {
      const article: Article = {
        id: r.name, text: r.text, title: r.title, outlet: r.outlet, url: r.url, published: r.published,
        language: r.source_language, source: { kind: r.source_kind as SourceKind, path: r.source_path },
        stripped: r.stripped as StrippedRange[], headings: r.headings as Span[],
      };
      const segmented: Segmented = {
        article, language: r.language, analysable: r.analysable, paragraphs: r.paragraphs as Span[],
        sentences: sentences.get(r.id) ?? [], messages: r.messages as StageMessage[],
      };
      return {
        ...summaryOf(r), article, segmented,
        entities: entities.get(r.id) ?? [], quantities: quantities.get(r.id) ?? [],
        fingerprint: fingerprints.has(r.id) ? fingerprints.get(r.id) : null,
      };
    });
  }
}

/** `base-N` with N one more than the highest taken suffix (at least 2). */
async function nextFreeName(tx: Sql, base: string): Promise<string> {
  const rows = await tx.query<{ name: string }>('SELECT name FROM articles WHERE starts_with(name, $1)', [`${base}-`]);
  let max = 1;
  for (const { name } of rows) {
    const tail = name.slice(base.length + 1);
    if (/^[1-9]\d{0,8}$/.test(tail)) max = Math.max(max, Number(tail));
  }
  return `${base}-${max + 1}`;
}

async function writeChildren(tx: Sql, id: number, w: ArticleWrite, text: string): Promise<void> {
  const s = w.segmented.sentences;
  if (s.length) {
    await tx.query(
      `INSERT INTO sentences (article_id, n, span_start, span_end, paragraph, heading, checksum)
       SELECT $1, t.n, t.s, t.e, t.p, t.h, t.c FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::boolean[], $7::text[]) AS t(n, s, e, p, h, c)`,
      [id, s.map((_, i) => i), s.map((x) => x.start), s.map((x) => x.end), s.map((x) => x.paragraph), s.map((x) => x.heading),
        s.map((x) => sliceChecksum(text.slice(x.start, x.end)))]);
  }
  const e = w.entities;
  if (e.length) {
    await tx.query(
      `INSERT INTO entities (article_id, n, eid, key, name, type, role, confidence, mentions)
       SELECT $1, t.n, t.eid, t.key, t.name, t.type, t.role, t.confidence, t.mentions::jsonb
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::text[])
           AS t(n, eid, key, name, type, role, confidence, mentions)`,
      [id, e.map((_, i) => i), e.map((x) => str(x.id)), e.map((x) => str(x.key)), e.map((x) => str(x.name)), e.map((x) => x.type),
        e.map((x) => str(x.role)), e.map((x) => x.confidence), e.map((x) => json(x.mentions))]);
  }
  const q = w.quantities;
  if (q.length) {
    await tx.query(
      `INSERT INTO quantities (article_id, n, span_start, span_end, value, approx, unit, what, text)
       SELECT $1, t.n, t.s, t.e, t.value, t.approx, t.unit, t.what, t.text
         FROM unnest($2::int[], $3::int[], $4::int[], $5::float8[], $6::boolean[], $7::text[], $8::text[], $9::text[])
           AS t(n, s, e, value, approx, unit, what, text)`,
      [id, q.map((_, i) => i), q.map((x) => x.start), q.map((x) => x.end), q.map((x) => x.value), q.map((x) => x.approx),
        q.map((x) => str(x.unit)), q.map((x) => str(x.what)), q.map((x) => str(x.text))]);
  }
  if (w.fingerprint !== null && w.fingerprint !== undefined) {
    await tx.query('INSERT INTO fingerprints (article_id, fingerprint) VALUES ($1, $2::text::jsonb)', [id, json(w.fingerprint)]);
  }
  const keys = [...new Set(w.fingerprintKeys.map(storable))];
  if (keys.length) {
    await tx.query('INSERT INTO fingerprint_keys (key, article_id) SELECT k, $1 FROM unnest($2::text[]) AS t(k)', [id, keys]);
  }
}
