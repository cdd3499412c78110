/**
 * @module annotate/resolve-article
 * Stage 3b: raw mentions of one article -> `Entity[]`. Resolution within the article: kb
 * mentions group by key; unknown full names are tried against the kb (resolve-kb) and else get
 * `prefix:slug` keys; a surname or first word alone joins the full name seen in the article,
 * an acronym joins the name it abbreviates, "X (Y)" makes X and Y one entity.
 */
import type { Entity, EntityType } from '../types.js';
import type { Kb } from '../kb/index.js';
import { TYPE_PREFIX } from '../kb/compile.js';
import { nameTokens, slug } from '../kb/normalize.js';
import type { RawMention } from './entities-mentions.js';
import { resolvePerson, resolveSurname, givenCompatible, surnameCompatible } from './resolve-kb.js';

interface Cluster {
  key: string;
  kb: boolean;
  name: string | null;
  mentions: RawMention[];
  votes: Map<EntityType, number>;
  role: string | null;
  confidence: number;
  /** Folded words naming it (from its mentions and, for kb entries, its names). */
  words: Set<string>;
  /** Multi-word folded names, for surname and initial matching. */
  full: string[][];
  first: number;
}

/** How much a typing rule counts in a cluster's type vote. */
const RULE_WEIGHT: Record<string, number> = { kb: 10, 'kb/metonym': 10, head: 5, first: 4, title: 4, shape: 2, verb: 2, prep: 2, default: 1 };
const weight = (rule: string) => RULE_WEIGHT[rule] ?? RULE_WEIGHT[rule.split('/')[0]!] ?? (rule === 'shape/acronym' ? 3 : 1);

export function resolveArticle(raw: RawMention[], kb: Kb): Entity[] {
  const clusters = new Map<string, Cluster>();
  const ofMention = new Map<RawMention, Cluster>();
  const particles = kb.lexicon.particles;
  const get = (key: string, isKb: boolean, m: RawMention, confidence: number): Cluster => {
    let c = clusters.get(key);
    if (!c) {
      const entry = isKb ? kb.entries.get(key) : undefined;
      c = { key, kb: isKb, name: entry?.name ?? null, mentions: [], votes: new Map(), role: null, confidence, words: new Set(), full: [], first: m.start };
      if (entry) for (const n of [entry.name, ...entry.aliases]) addName(c, nameTokens(n), particles);
      clusters.set(key, c);
    }
    c.confidence = Math.max(c.confidence, confidence);
    return c;
  };
  const join = (c: Cluster, m: RawMention, vote = true) => {
    c.mentions.push(m);
    c.first = Math.min(c.first, m.start);
    ofMention.set(m, c);
    addName(c, m.tokens, particles);
    if (m.type && vote) c.votes.set(m.type, (c.votes.get(m.type) ?? 0) + weight(m.rule));
    if (m.role && !c.role) c.role = m.role;
  };

  // Pass 1: kb mentions and multi-word names.
  const singles: RawMention[] = [];
  for (const m of raw) {
    const core = m.tokens.filter((t) => !particles.has(t));
    // A kb surname alone ("Harris") waits: the article may name another Harris in full.
    if (m.kbKey && core.length === 1 && kb.entries.get(m.kbKey)?.type === 'person') { singles.push(m); continue; }
    if (m.kbKey) { join(get(m.kbKey, true, m, 1), m); continue; }
    if (core.length < 2) { singles.push(m); continue; }
    if (m.type === 'person' || m.type === null) {
      const r = resolvePerson(m.tokens, m.role, kb);
      if (r) { join(get(r.key, true, m, r.confidence), m); continue; }
      const same = [...clusters.values()].find((c) => c.full.some((f) => samePerson(f, m.tokens, particles, kb.givenNames)) && (voted(c) === 'person' || voted(c) === null));
      if (same) { join(same, m); continue; }
    }
    const same = [...clusters.values()].find((c) => !c.kb && c.full.some((f) => f.join(' ') === m.tokens.join(' ')) && (m.qualifier ?? null) === qualOf(c));
    if (same) { join(same, m); continue; }
    const prefix = TYPE_PREFIX[m.type ?? 'person'];
    const q = m.qualifier ? `${m.qualifier.split(':')[1]}-` : '';
    const key = `${prefix}:${q}${slug(keyTokens(m, kb).join(' ')) || 'unnamed'}`;
    // "Gaza's Health Ministry" read as qualified generic words may be a kb entry after all.
    const c = kb.entries.has(key) ? get(key, true, m, 0.9) : get(key, false, m, 0.5);
    join(c, m);
  }
  // Pass 2: single words, against the names seen anywhere in the article.
  // Typed words first, so an untyped "Maersk" earlier in the text joins the "Maersk said" after it.
  singles.sort((a, b) => Number(a.type === null) - Number(b.type === null) || a.start - b.start);
  for (const m of singles) {
    const w = m.tokens.filter((t) => !particles.has(t)).at(-1) ?? m.tokens[0]!;
    const target = m.qualifier ? null : findSingle(m, w, [...clusters.values()], particles);
    if (m.kbKey) {
      const other = target && target.key !== m.kbKey && !target.kb && voted(target) === 'person' ? target : null;
      if (other) join(other, m, false); else join(get(m.kbKey, true, m, 1), m);
      continue;
    }
    if (target) { join(target, m, false); continue; }
    if (m.type === 'person' || m.type === null) {
      const r = resolveSurname(w, m.role, kb);
      if (r) { join(get(r.key, true, m, r.confidence), m); continue; }
    }
    if (!m.type) continue;
    // "Israel's cabinet": a generic word owned by a country is keyed with the country.
    const q = m.qualifier ? `${m.qualifier.split(':')[1]}-` : '';
    const key = `${TYPE_PREFIX[m.type]}:${q}${slug(m.tokens.join(' ')) || 'unnamed'}`;
    join(kb.entries.has(key) ? get(key, true, m, 0.9) : get(key, false, m, m.qualifier ? 0.5 : 0.3), m);
  }
  // "the Islamic Resistance Movement (Hamas)", "United Auto Workers (UAW)": one entity.
  const ordered = raw.filter((m) => ofMention.has(m)).sort((a, b) => a.start - b.start);
  for (let k = 0; k + 1 < ordered.length; k++) {
    const a = ordered[k]!, b = ordered[k + 1]!;
    // a, then " (", then b: the gap after a ends with an opening parenthesis and b follows at once.
    if (!a.next || !/\($/.test(a.next.gap)) continue;
    const ca = ofMention.get(a)!, cb = ofMention.get(b)!;
    if (ca === cb || (ca.kb && cb.kb)) continue;
    if (b.start - a.end > 3) continue;
    // A definition, not a dateline ("LANSING (AP)"): b abbreviates a, or both name the same kind of thing.
    const letters = b.text.replace(/[^\p{L}]/gu, '');
    const abbreviates = letters.length >= 2 && letters === letters.toUpperCase() && initials(a.tokens, particles) === letters.toLowerCase();
    const ta = ca.kb ? kb.entries.get(ca.key)?.type : voted(ca), tb = cb.kb ? kb.entries.get(cb.key)?.type : voted(cb);
    if (!abbreviates && !(ta && ta === tb && a.tokens.length >= 2)) continue;
    const [keep, drop] = ca.kb ? [ca, cb] : cb.kb ? [cb, ca] : [ca, cb];
    for (const m of drop.mentions) join(keep, m);
    clusters.delete(drop.key);
  }

  const out: Entity[] = [];
  const byKey = new Map<string, Entity>();
  const list = [...clusters.values()].filter((c) => c.mentions.length).sort((a, b) => a.first - b.first);
  for (const c of list) {
    const entry = c.kb ? kb.entries.get(c.key) : undefined;
    const type = entry?.type ?? voted(c) ?? 'other';
    const longest = c.mentions.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const mentions = c.mentions.sort((a, b) => a.start - b.start).map((m) => ({ start: m.start, end: m.end, text: m.text }));
    const key = keyFor(c, type);
    // Two unknown clusters whose voted types make the same key are one entity ("Kestrel" twice).
    const had = byKey.get(key);
    if (had) {
      had.mentions = [...had.mentions, ...mentions].sort((a, b) => a.start - b.start);
      had.role ??= type === 'person' ? c.role : null;
      continue;
    }
    const e: Entity = { id: `e${out.length + 1}`, key, name: entry?.name ?? longest.text, type, role: type === 'person' ? c.role : null, mentions, confidence: c.confidence };
    byKey.set(key, e);
    out.push(e);
  }
  return out;
}

/** A person's key spells the given name canonically, so Aleksandr and Alexander Fomin share it. */
function keyTokens(m: RawMention, kb: Kb): string[] {
  if (m.type !== 'person' && m.type !== null) return m.tokens;
  const i = m.tokens.findIndex((t) => !kb.lexicon.particles.has(t));
  if (i < 0 || m.tokens.length - i < 2) return m.tokens;
  const out = [...m.tokens];
  out[i] = kb.givenNames.get(out[i]!) ?? out[i]!;
  return out;
}

/** An unknown cluster's key follows its voted type (a "said" cue may have started it as a person). */
function keyFor(c: Cluster, type: EntityType): string {
  if (c.kb) return c.key;
  const [, rest] = c.key.split(/:(.*)/s);
  return `${TYPE_PREFIX[type]}:${rest}`;
}

const qualOf = (c: Cluster) => c.mentions.find((m) => m.qualifier)?.qualifier ?? null;

function voted(c: Cluster): EntityType | null {
  let best: EntityType | null = null, n = 0;
  for (const [t, v] of c.votes) if (v > n) { best = t; n = v; }
  return best;
}

function addName(c: Cluster, toks: string[], particles: Set<string>): void {
  for (const t of toks) c.words.add(t);
  if (toks.filter((t) => !particles.has(t)).length >= 2 && !c.full.some((f) => f.join(' ') === toks.join(' '))) c.full.push(toks);
}

function samePerson(a: string[], b: string[], particles: Set<string>, variants: Map<string, string>): boolean {
  const x = a.filter((t) => !particles.has(t)), y = b.filter((t) => !particles.has(t));
  if (x.length < 2 || y.length < 2) return false;
  return givenCompatible(x[0]!, y[0]!, variants) && surnameCompatible(x.at(-1)!, y.at(-1)!);
}

/** The cluster a single word belongs to: an acronym of its name, its surname, or its first word. */
function findSingle(m: RawMention, w: string, clusters: Cluster[], particles: Set<string>): Cluster | null {
  const text = m.text.replace(/[^\p{L}]/gu, '');
  const isAcr = text.length >= 2 && text === text.toUpperCase();
  const hits: { c: Cluster; score: number }[] = [];
  for (const c of clusters) {
    if (!c.mentions.length && !c.kb) continue;
    const t = voted(c);
    let score = 0;
    for (const f of c.full) {
      const core = f.filter((x) => !particles.has(x));
      if (isAcr && initials(f, particles) === text.toLowerCase()) score = Math.max(score, 4);
      if (core.at(-1) === w && (t === 'person' || t === null)) score = Math.max(score, 3);
      // "the Times" for "The New York Times": an organization's last word after "the".
      else if (core.at(-1) === w && t === 'organization' && m.prevWord === 'the' && core.length >= 2) score = Math.max(score, 2);
      // "Brannock" for "Brannock Motors"; but "in Kenosha" is the town, not the Kenosha Federation of Teachers.
      if (core[0] === w && t !== 'person' && !(m.type === 'place' && t !== 'place')) score = Math.max(score, 2);
      if (core[0] === w && t === 'person') score = Math.max(score, 1.5);
    }
    // A cluster named by single words only ("Kestrel said"): the same word.
    if (!c.full.length && c.mentions.some((x) => x.tokens.length === 1 && x.tokens[0] === w)) score = Math.max(score, 3);
    if (score) hits.push({ c, score: score + (c.first < m.start ? 0.5 : 0) + c.mentions.length * 0.01 });
  }
  if (!hits.length) return null;
  hits.sort((a, b) => b.score - a.score);
  // Two people share the surname and nothing tells them apart: leave the word alone.
  if (hits.length > 1 && Math.floor(hits[0]!.score) === Math.floor(hits[1]!.score) && hits[0]!.score - hits[1]!.score < 0.4 && hits[0]!.score >= 3) return hits[0]!.c.first < m.start ? hits[0]!.c : null;
  return hits[0]!.c;
}

function initials(f: string[], particles: Set<string>): string {
  const stop = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'to', 'de']);
  return f.filter((t) => !stop.has(t) && !particles.has(t)).map((t) => t[0]).join('');
}
