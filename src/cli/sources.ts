/**
 * @module cli/sources
 * `parley sources [--json]`: from the store, every outlet with its independent and derived
 * article counts, then each derivation group (articles sharing an origin text): its origin when
 * known, its copies and what each changed. Reads only; the links are the ones saved by `add`.
 */
import type { StoreOpts } from './main.js';
import type { ArticleSummary, Store, StoredLink } from '../store/types.js';
import type { LinkPair } from '../record/schema.js';
import { openStore } from '../store/index.js';

export interface SourcesOpts extends StoreOpts {
  json?: boolean;
}

export interface OutletRow {
  outlet: string;
  articles: number;
  independent: number;
  derived: number;
}

export interface GroupCopy {
  id: number;
  name: string;
  outlet: string | null;
  kind: StoredLink['kind'];
  /** the article this copy was compared with for `changes` (the origin when known) */
  against: string | null;
  /** true when the link says `against` is this article's source; false when they only share an origin text */
  fromAgainst: boolean;
  score: number;
  /** change kind -> count, relative to `against` */
  changes: Record<string, number>;
}

export interface DerivationGroup {
  origin: { id: number; name: string; outlet: string | null } | null;
  copies: GroupCopy[];
}

export interface SourcesReport {
  outlets: OutletRow[];
  groups: DerivationGroup[];
}

const derivedKind = (l: StoredLink) => l.kind !== 'same-event';

/** Pure: outlets and derivation groups from article summaries and links. */
export function buildSources(articles: ArticleSummary[], links: StoredLink[]): SourcesReport {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const derived = links.filter(derivedKind);
  // an article is derived when some link makes it a copy (the other side is the source, or no source is known)
  const isCopy = new Set<number>();
  for (const l of derived) {
    if (l.source === null) { isCopy.add(l.a); isCopy.add(l.b); } else isCopy.add(l.source === l.a ? l.b : l.a);
  }
  const outlets = new Map<string, OutletRow>();
  for (const a of articles) {
    const name = a.outlet ?? '(unknown outlet)';
    const row = outlets.get(name) ?? { outlet: name, articles: 0, independent: 0, derived: 0 };
    row.articles++;
    if (isCopy.has(a.id)) row.derived++; else row.independent++;
    outlets.set(name, row);
  }
  // groups: connected components of derived links
  const parent = new Map<number, number>();
  const find = (x: number): number => { let r = x; while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!; parent.set(x, r); return r; };
  for (const l of derived) { if (!parent.has(l.a)) parent.set(l.a, l.a); if (!parent.has(l.b)) parent.set(l.b, l.b); parent.set(find(l.a), find(l.b)); }
  const members = new Map<number, number[]>();
  for (const x of parent.keys()) { const r = find(x); members.set(r, [...(members.get(r) ?? []), x]); }
  const groups: DerivationGroup[] = [];
  for (const ids of members.values()) {
    const inGroup = derived.filter((l) => ids.includes(l.a));
    const copiesOfSomething = new Set(inGroup.filter((l) => l.source !== null).map((l) => (l.source === l.a ? l.b : l.a)));
    const sources = new Set(inGroup.filter((l) => l.source !== null).map((l) => l.source!));
    const roots = [...sources].filter((s) => !copiesOfSomething.has(s));
    const originId = roots.length === 1 ? roots[0]! : null;
    const summary = (id: number) => ({ id, name: byId.get(id)?.name ?? String(id), outlet: byId.get(id)?.outlet ?? null });
    const copies: GroupCopy[] = ids.filter((id) => id !== originId).sort((x, y) => x - y).map((id) => {
      // the link to the origin when there is one, else the best-scoring link of this copy
      const mine = inGroup.filter((l) => l.a === id || l.b === id);
      const link = (originId !== null ? mine.find((l) => l.a === originId || l.b === originId) : undefined)
        ?? mine.sort((p, q) => q.score - p.score)[0]!;
      const other = link.a === id ? link.b : link.a;
      const changes: Record<string, number> = {};
      for (const c of ((link.detail as LinkPair | null)?.changes ?? [])) changes[c.kind] = (changes[c.kind] ?? 0) + 1;
      return { ...summary(id), kind: link.kind, against: summary(other).name, fromAgainst: link.source === other, score: link.score, changes };
    });
    groups.push({ origin: originId === null ? null : summary(originId), copies });
  }
  groups.sort((g, h) => h.copies.length - g.copies.length || (g.copies[0]?.id ?? 0) - (h.copies[0]?.id ?? 0));
  return { outlets: [...outlets.values()].sort((p, q) => q.articles - p.articles || (p.outlet < q.outlet ? -1 : 1)), groups };
}

async function allSummaries(store: Store): Promise<ArticleSummary[]> {
  const out: ArticleSummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listArticles({ limit: 1000, offset });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

export function formatSources(r: SourcesReport): string {
  const lines: string[] = [];
  const w = Math.max(6, ...r.outlets.map((o) => o.outlet.length));
  lines.push(`${'outlet'.padEnd(w)}  articles  independent  derived`);
  for (const o of r.outlets) lines.push(`${o.outlet.padEnd(w)}  ${String(o.articles).padStart(8)}  ${String(o.independent).padStart(11)}  ${String(o.derived).padStart(7)}`);
  lines.push('');
  if (!r.groups.length) lines.push('no derivation groups: no stored article is a copy, rewrite or translation of another');
  r.groups.forEach((g, k) => {
    lines.push(`group ${k + 1}: origin ${g.origin ? `${g.origin.name} (${g.origin.outlet ?? 'unknown outlet'})` : 'unknown (copies of a text not in the store)'}`);
    for (const c of g.copies) {
      const ch = Object.entries(c.changes).map(([kind, n]) => `${n} ${kind}`).join(', ') || 'no changes found';
      const rel = c.fromAgainst ? `${c.kind} of ${c.against}` : `${c.kind}, shares an origin text with ${c.against} (neither is the source)`;
      lines.push(`  ${c.name} (${c.outlet ?? 'unknown outlet'}): ${rel}, score ${c.score}; ${ch}`);
    }
  });
  return lines.join('\n') + '\n';
}

export async function run(opts: SourcesOpts = {}): Promise<void> {
  const store = await openStore({ location: opts.db, mustExist: true });
  try {
    const report = buildSources(await allSummaries(store), await store.listLinks());
    process.stdout.write(opts.json ? JSON.stringify(report, null, 1) + '\n' : formatSources(report));
  } finally {
    await store.close();
  }
}
