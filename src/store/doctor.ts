/**
 * @module store/doctor
 * Checks a store and says what to do about each problem. Input: an open store (opened without
 * migrating, so the version is reported as found). Output: findings, each with a level, what was
 * found and the command or step that fixes it. Checks: schema version; every stored offset
 * (sentences, paragraphs, stripped, headings, entity mentions, quantities) inside its text and
 * matching its slice; stored text still matching its hash; sentence counts; orphan rows; links;
 * fingerprints present for every article.
 */
import { normalizedHash, sliceChecksum } from './hash.js';
import { LATEST_VERSION } from './migrations.js';
import type { SqlStore } from './sql-store.js';
import type { Row } from './sql.js';

export interface Finding {
  /** `error`: something is wrong (exit 1); `note`: worth knowing, nothing broken; `ok`: a check passed. */
  level: 'ok' | 'note' | 'error';
  check: string;
  message: string;
  /** What to do about it, or null. */
  fix: string | null;
}

const PAGE = 100;
const SHOW = 5;

/** Per-article problems collected by kind, then reported once per kind with a few names. */
class Tally {
  readonly byKind = new Map<string, { names: string[]; n: number; detail: string }>();
  add(kind: string, article: string, detail: string): void {
    const t = this.byKind.get(kind) ?? { names: [], n: 0, detail };
    if (!t.names.includes(article)) { t.n++; if (t.names.length < SHOW) t.names.push(article); }
    this.byKind.set(kind, t);
  }
}

const KINDS: Record<string, { message: string; fix: string }> = {
  hash: { message: 'stored text no longer matches its hash (changed outside parley)', fix: 'rebuild the store: move it aside and run `parley add` again on the sources' },
  sentences: { message: 'sentence offsets outside the text, out of order, or not matching their slice', fix: 'run `parley add` again on these articles in a new store (--db elsewhere); the stored analysis is unusable' },
  'sentence-count': { message: 'sentence count differs from the sentence rows (a half-written article)', fix: 'run `parley add` again on these articles in a new store; report it as a bug' },
  spans: { message: 'paragraph, stripped or heading ranges outside the text', fix: 'run `parley add` again on these articles in a new store (--db elsewhere)' },
  entities: { message: 'entity mentions outside the text or not matching their slice', fix: 'run `parley add` again on these articles in a new store (--db elsewhere)' },
  quantities: { message: 'quantities outside the text or not matching their slice', fix: 'run `parley add` again on these articles in a new store (--db elsewhere)' },
  'no-sentences': { message: 'no sentences although the article has text', fix: 'run `parley add` again on these articles in a new store' },
  fingerprints: { message: 'fingerprints missing', fix: 'run `parley links` to rebuild' },
  'fingerprint-keys': { message: 'fingerprint present but no candidate-search keys', fix: 'run `parley links` to rebuild' },
};

const inText = (s: { start: number; end: number }, len: number) =>
  Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= len;

export async function diagnose(store: SqlStore): Promise<Finding[]> {
  const out: Finding[] = [];
  const db = store.db;
  // The version it is at now: as found when opened with migrate: false (the doctor CLI does).
  const version = store.schemaVersion;
  if (version === LATEST_VERSION) out.push({ level: 'ok', check: 'schema', message: `schema version ${version} (current)`, fix: null });
  else out.push({ level: 'note', check: 'schema', message: `schema version ${version}; this parley writes version ${LATEST_VERSION}`, fix: 'nothing to do: it is upgraded the next time a command opens it (e.g. `parley ls`)' });

  const tally = new Tally();
  let articles = 0;
  for (let after = 0; ;) {
    const arts = await db.query(`SELECT id, name, hash, text, stripped, headings, paragraphs ${version >= 2 ? ', sentence_count' : ''}
      FROM articles WHERE id > $1 ORDER BY id LIMIT $2`, [after, PAGE]);
    if (!arts.length) break;
    after = arts[arts.length - 1]!.id;
    articles += arts.length;
    const ids = arts.map((a) => a.id);
    const by = async (sql: string) => {
      const m = new Map<number, Row[]>();
      for (const r of await db.query(sql, [ids])) { const l = m.get(r.article_id) ?? []; l.push(r); m.set(r.article_id, l); }
      return m;
    };
    // One JSON array per article: far faster to decode than one row per sentence.
    const sents = new Map<number, Row[]>((await db.query(`SELECT article_id, json_agg(json_build_object('n', n, 'span_start', span_start,
        'span_end', span_end, 'paragraph', paragraph ${version >= 3 ? ", 'checksum', checksum" : ''}) ORDER BY n)::text AS j
      FROM sentences WHERE article_id = ANY($1::int[]) GROUP BY article_id`, [ids])).map((r) => [r.article_id, JSON.parse(r.j) as Row[]]));
    const ents = await by('SELECT article_id, mentions FROM entities WHERE article_id = ANY($1::int[])');
    const quants = await by('SELECT article_id, span_start, span_end, text FROM quantities WHERE article_id = ANY($1::int[])');
    // A fingerprint may rightly have no keys (a text with no distinctive words); only keys it lists but
    // that have no rows are damage.
    const fps = await by(`SELECT f.article_id, (SELECT count(*)::int FROM fingerprint_keys k WHERE k.article_id = f.article_id) AS keys,
      COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof(f.fingerprint->'keys') = 'array' THEN f.fingerprint->'keys' END), 0) AS listed
      FROM fingerprints f WHERE f.article_id = ANY($1::int[])`);
    for (const a of arts) checkArticle(a, sents.get(a.id) ?? [], ents.get(a.id) ?? [], quants.get(a.id) ?? [], fps.get(a.id)?.[0] ?? null, version, tally);
  }

  let perArticleErrors = 0;
  for (const [kind, t] of tally.byKind) {
    const k = KINDS[kind]!;
    perArticleErrors++;
    const names = t.names.join(', ') + (t.n > t.names.length ? `, and ${t.n - t.names.length} more` : '');
    out.push({ level: 'error', check: kind, message: `${k.message} for ${t.n} article${t.n === 1 ? '' : 's'} (${names})${t.detail ? `; first: ${t.detail}` : ''}`, fix: k.fix });
  }
  if (!perArticleErrors) out.push({ level: 'ok', check: 'articles', message: `${articles} article${articles === 1 ? '' : 's'}: offsets, slices, hashes and fingerprints in order`, fix: null });

  const orphanSql: [string, string][] = [
    ['sentences', 'SELECT count(*)::int AS n FROM sentences t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)'],
    ['entities', 'SELECT count(*)::int AS n FROM entities t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)'],
    ['quantities', 'SELECT count(*)::int AS n FROM quantities t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)'],
    ['fingerprints', 'SELECT count(*)::int AS n FROM fingerprints t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)'],
    ['fingerprint_keys', 'SELECT count(*)::int AS n FROM fingerprint_keys t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)'],
    ['links', `SELECT count(*)::int AS n FROM links t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.a)
      OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.b) OR (t.source IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.source))`],
  ];
  const orphans: string[] = [];
  for (const [table, sql] of orphanSql) {
    const [r] = await db.query<{ n: number }>(sql);
    if (r!.n) orphans.push(`${r!.n} in ${table}`);
  }
  if (orphans.length) {
    out.push({ level: 'error', check: 'orphans', message: `rows that belong to no stored article: ${orphans.join(', ')}`,
      fix: 'they are unused; delete them (e.g. DELETE FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)) or rebuild the store with `parley add`' });
  } else {
    out.push({ level: 'ok', check: 'orphans', message: 'no orphan rows', fix: null });
  }
  const [badLinks] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM links WHERE kind NOT IN ('duplicate', 'rewrite', 'translation', 'same-event')
    OR score <> score OR (source IS NOT NULL AND source <> a AND source <> b)`);
  if (badLinks!.n) out.push({ level: 'error', check: 'links', message: `${badLinks!.n} links with an unknown kind, a NaN score or a source that is neither article`, fix: 'run `parley links` to rebuild them' });
  return out;
}

function checkArticle(a: Row, sents: Row[], ents: Row[], quants: Row[], fp: Row | null, version: number, t: Tally): void {
  const text: string = a.text;
  const len = text.length;
  const name: string = a.name;
  if (normalizedHash(text) !== a.hash) t.add('hash', name, '');

  let prevEnd = 0;
  for (const [i, s] of sents.entries()) {
    const span = { start: s.span_start, end: s.span_end };
    const slice = inText(span, len) ? text.slice(span.start, span.end) : '';
    const para = (a.paragraphs as { start: number; end: number }[])[s.paragraph];
    if (s.n !== i || !inText(span, len) || span.start < prevEnd || !slice || slice.trim() !== slice
      || (para && (span.start < para.start || span.end > para.end))
      // Written since version 3: the slice must still be the sentence that was written.
      || (s.checksum != null && s.checksum !== sliceChecksum(slice))) {
      t.add('sentences', name, `sentence ${s.n} at ${span.start}-${span.end}`);
      break;
    }
    prevEnd = span.end;
  }
  if (version >= 2 && a.sentence_count !== sents.length) t.add('sentence-count', name, `${a.sentence_count} recorded, ${sents.length} stored`);
  for (const field of ['paragraphs', 'stripped', 'headings'] as const) {
    const bad = (a[field] as { start: number; end: number }[]).find((s) => !inText(s, len));
    if (bad) { t.add('spans', name, `${field} ${bad.start}-${bad.end} in a text of ${len}`); break; }
  }
  for (const e of ents) {
    const bad = (e.mentions as { start: number; end: number; text: string }[]).find((m) => !inText(m, len) || text.slice(m.start, m.end) !== m.text);
    if (bad) { t.add('entities', name, `"${bad.text}" at ${bad.start}-${bad.end}`); break; }
  }
  const badQ = quants.find((q) => !inText({ start: q.span_start, end: q.span_end }, len) || text.slice(q.span_start, q.span_end) !== q.text);
  if (badQ) t.add('quantities', name, `"${badQ.text}" at ${badQ.span_start}-${badQ.span_end}`);
  const stripped = a.stripped as { start: number; end: number }[];
  const keptText = stripped.reduce((s, r) => s.slice(0, r.start) + ' '.repeat(Math.max(0, r.end - r.start)) + s.slice(r.end), text);
  if (!sents.length && keptText.trim()) t.add('no-sentences', name, '');
  if (!fp) t.add('fingerprints', name, '');
  else if (!fp.keys && fp.listed > 0) t.add('fingerprint-keys', name, `${fp.listed} listed, none stored`);
}

/** Findings as lines a person reads: level, message, and what to do. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.level.padEnd(5)} ${f.message}${f.fix ? `\n      -> ${f.fix}` : ''}`).join('\n') + '\n';
}

export const hasErrors = (findings: Finding[]): boolean => findings.some((f) => f.level === 'error');
