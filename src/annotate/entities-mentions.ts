/**
 * @module annotate/entities-mentions
 * Stage 3a: `Segmented` + `Kb` -> raw entity mentions, in text order. Knowledge-base aliases
 * are matched first (longest match over folded words); the remaining capitalized runs are
 * chunked with wink-nlp POS tags and typed by the kb's type cue table. Titles before a name are
 * stripped and kept as its role; demonyms ("Israeli officials") are never mentions; a capital
 * stands for its country when a verb follows it ("Washington said").
 */
import type { EntityType, Segmented } from '../types.js';
import type { AliasHit, Kb, KbEntry } from '../kb/index.js';
import { fold, isAcronym, words, type Word } from '../kb/normalize.js';
import { getPosNlp } from './entities-nlp.js';

export interface RawMention {
  start: number;
  end: number;
  text: string;
  /** The kb key when the mention is a kb alias (or a capital read as its country). */
  kbKey: string | null;
  type: EntityType | null;
  /** The rule that typed an unknown chunk (`head/org`, `title/person`), or `kb`. */
  rule: string;
  /** Folded words of the mention. */
  tokens: string[];
  /** Title or office written before the name ("U.S. special envoy"). */
  role: string | null;
  /** Country (or place) key qualifying a generic institution name ("Qatar's Foreign Ministry"). */
  qualifier: string | null;
  /** The mention is inside a title-case line (headline): weaker evidence. */
  titleCase: boolean;
  /** The word after the mention and the characters before it, for "X (Y)" definitions. */
  next: { text: string; gap: string } | null;
  gapBefore: string;
  /** The folded word before the mention ("the" in "the Times"), or null. */
  prevWord: string | null;
}

interface W extends Word {
  cap: boolean;
  upper: boolean;
  pos: string;
  initial: boolean;
  titleCase: boolean;
  /** Covered by a kb match (index into kbm) or -1. */
  kb: number;
}

interface KbMatch { i: number; j: number; hit: AliasHit; entry: KbEntry }

/** Gaps that may sit inside one name: spaces, a hyphen, nothing. */
const SIMPLE_GAP = /^(?:[ \u00a0]{1,2}|-|‐|)$/;

export function findRawMentions(seg: Segmented, kb: Kb): RawMention[] {
  const text = seg.article.text;
  const out: RawMention[] = [];
  const all = spans(seg, kb);
  if (!all.length) return out;
  const pos = posTags(text, all[0]!.start, all[all.length - 1]!.end);
  for (const span of all) {
    const ws = tagWords(text, span.start, span.end, span.titleRanges, pos);
    if (!ws.length) continue;
    const kbm = matchKb(ws, kb);
    const mentions = chunk(text, ws, kbm, kb);
    addRoles(text, ws, kbm, mentions, kb);
    // Bylines and credits: the places and outlets in them count, the reporters' names do not.
    out.push(...mentions.filter((m) => m.kbKey || !span.bylineRanges.some(([a, b]) => m.start >= a && m.end <= b)));
  }
  // Chunks inside title-case lines count only when the same name appears in running text too.
  const seen = new Set(out.filter((m) => !m.titleCase).map((m) => m.tokens.join(' ')));
  return out.filter((m) => !m.titleCase || m.kbKey || seen.has(m.tokens.join(' ')));
}

interface SpanInfo { start: number; end: number; titleRanges: [number, number][]; bylineRanges: [number, number][] }

/** Paragraph-sized spans of kept text, with the title-case sentences marked. */
function spans(seg: Segmented, kb: Kb): SpanInfo[] {
  const out: SpanInfo[] = [];
  const text = seg.article.text;
  let cur: SpanInfo | null = null;
  let para = -1;
  for (const s of seg.sentences) {
    const body0 = text.slice(s.start, s.end).trim();
    // A photo or copyright credit holds no mentions at all; a long one has a caption glued to it.
    const credit = kb.lexicon.credits.some((re) => re.test(body0));
    if (credit && body0.length <= 80) continue;
    const byline = credit || kb.lexicon.bylines.some((re) => re.test(body0));
    if (!cur || s.paragraph !== para) {
      if (cur) out.push(cur);
      cur = { start: s.start, end: s.end, titleRanges: [], bylineRanges: [] };
      para = s.paragraph;
    } else cur.end = s.end;
    // A headline: marked as one, or a title-case line that does not end like a sentence.
    const body = text.slice(s.start, s.end);
    if (byline) cur.bylineRanges.push([s.start, s.end]);
    const bare = body.trim().replace(/[*_#\s]+$/u, '');
    if (isTitleCase(bare, s.heading || !/[.!?"”’)]$/.test(bare))) cur.titleRanges.push([s.start, s.end]);
  }
  if (cur) out.push(cur);
  return out;
}

/** A headline (or a line that does not end like a sentence) with most words of four letters or more capitalized. */
function isTitleCase(s: string, headline: boolean): boolean {
  if (!headline) return false;
  const ws = s.match(/\p{L}{4,}/gu) ?? [];
  if (ws.length < 2) return false;
  const caps = ws.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / ws.length >= 0.7;
}

interface PosTags { starts: number[]; tags: string[] }

/** wink-nlp POS tags over the analysed text, once per article, with each token's offset. */
function posTags(text: string, start: number, end: number): PosTags {
  const slice = text.slice(start, end);
  const nlp = getPosNlp();
  const doc = nlp.readDoc(slice);
  const vals = doc.tokens().out(nlp.its.value) as string[];
  const tags = doc.tokens().out(nlp.its.pos) as string[];
  const starts: number[] = [];
  let at = 0;
  for (const v of vals) {
    const k = slice.indexOf(v, at);
    // A token not found as written (wink normalizes a few) keeps the previous offset.
    starts.push(k >= 0 ? start + k : (starts.length ? starts[starts.length - 1]! : start));
    if (k >= 0) at = k + v.length;
  }
  return { starts, tags };
}

function tagWords(text: string, start: number, end: number, titleRanges: [number, number][], pt: PosTags): W[] {
  const base = words(text, start, end);
  if (!base.length) return [];
  const tokStart = pt.starts, tags = pt.tags;
  // First token at or after the span (binary search).
  let lo = 0, hi = tokStart.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokStart[mid]! < start) lo = mid + 1; else hi = mid; }
  let t = Math.max(0, lo - 1);
  const out: W[] = [];
  for (let idx = 0; idx < base.length; idx++) {
    const w = base[idx]!;
    while (t + 1 < tokStart.length && tokStart[t + 1]! <= w.start) t++;
    const prev = idx > 0 ? base[idx - 1]! : null;
    const initial = !prev || SENT_END.test(prev.gap) || (prev.text.length > 3 && prev.text.endsWith('.') && !DOTTED.test(prev.text));
    const up = w.text.toUpperCase(), low = w.text.toLowerCase();
    const c0 = w.text[0]!;
    let title = false;
    for (const [a, b] of titleRanges) if (w.start >= a && w.end <= b) { title = true; break; }
    const x = w as W;
    x.cap = c0 !== c0.toLowerCase() && c0 === c0.toUpperCase();
    x.upper = up === w.text && up !== low && w.text.length >= 2;
    x.pos = tags[t] ?? 'X';
    x.initial = initial;
    x.titleCase = title;
    x.kb = -1;
    out.push(x);
  }
  return out;
}

const SENT_END = /[.!?:;"“”—–|]\s*$/;
const DOTTED = /^(?:\p{Lu}\.)+$/u;

/** Longest kb alias matches; a match starting inside another that reaches further wins ("Sheikh Mohammed bin ... al-Thani"). */
function matchKb(ws: W[], kb: Kb): KbMatch[] {
  const best: ({ j: number; hit: AliasHit } | null)[] = ws.map((_, i) => longestAt(ws, i, kb));
  // Not half of a hyphenated name ("Duncan Crabtree-Ireland"); "Israel-Hamas" and "U.S.-brokered" are fine.
  const cov: boolean[] = [];
  for (let k = 0, reach = -1; k < ws.length; k++) { if (best[k]) reach = Math.max(reach, best[k]!.j); cov.push(reach >= k); }
  const covered = (k: number) => cov[k]!;
  for (let i = 0; i < ws.length; i++) {
    const b = best[i];
    if (!b) continue;
    const before = i > 0 && ws[i - 1]!.gap === '-' && ws[i - 1]!.cap && !covered(i - 1);
    const after = b.j + 1 < ws.length && ws[b.j]!.gap === '-' && ws[b.j + 1]!.cap && !best[b.j + 1];
    if (before || after) best[i] = null;
  }
  const out: KbMatch[] = [];
  for (let i = 0; i < ws.length; i++) {
    let b = best[i];
    if (!b) continue;
    let start = i;
    for (let k = i + 1; k <= b.j; k++) {
      const o = best[k];
      if (o && o.j > b.j) {
        // Same entity: one longer mention; another entity: the longer match.
        if (o.hit.key === b.hit.key) b = { j: o.j, hit: b.hit };
        else if (o.j - k > b.j - start) { b = o; start = k; }
      }
    }
    const entry = kb.entries.get(b.hit.key)!;
    out.push({ i: start, j: b.j, hit: b.hit, entry });
    for (let k = start; k <= b.j; k++) ws[k]!.kb = out.length - 1;
    i = b.j;
  }
  return out;
}

function longestAt(ws: W[], i: number, kb: Kb): { j: number; hit: AliasHit } | null {
  let node = kb.trie;
  let best: { j: number; hit: AliasHit } | null = null;
  for (let j = i; j < ws.length && j - i < kb.maxAliasWords; j++) {
    if (j > i && !SIMPLE_GAP.test(ws[j - 1]!.gap) && ws[j - 1]!.gap !== ' & ') break;
    // Possessives inside a match are checked against the alias in validHit ("Prime Minister's Office").
    const n = node.next.get(ws[j]!.norm);
    if (!n) break;
    node = n;
    for (const hit of n.hits) if (validHit(ws, i, j, hit, kb)) { best = { j, hit }; break; }
  }
  return best;
}

function validHit(ws: W[], i: number, j: number, hit: AliasHit, kb: Kb): boolean {
  const first = ws[i]!;
  // A possessive inside the match must be in the alias too ("Gaza's Health Ministry" is two names).
  for (let k = i; k < j; k++) if (ws[k]!.poss && !hit.possAt.includes(k - i)) return false;
  if (hit.upper) {
    for (let k = i; k <= j; k++) if (!ws[k]!.upper) return false;
    return true;
  }
  if (!first.cap && !hit.lowerStart) return false;
  // "al-Aqsa mosque": the first real word must be capitalized, later ones need not be.
  if (!first.cap) {
    let k = i;
    while (k < j && kb.lexicon.particles.has(ws[k]!.norm)) k++;
    if (!ws[k]!.cap) return false;
  }
  // Words the alias capitalizes are capitalized in the text ("The Hill", not "The hill was steep"),
  // except heads news often writes in lower case ("Rafah crossing", "Netzarim corridor").
  let named = false;
  for (const c of hit.capAt) {
    const w = ws[i + c];
    if (!w) continue;
    if (w.cap && !ARTICLES.has(w.norm)) named = true;
    const lowerHead = i + c === j && named && headWords(kb).has(w.norm);
    if (!w.cap && !/^\p{N}/u.test(w.text) && !lowerHead) return false;
  }
  // A one-word alias that is a capitalized common word at the start of a sentence ("Time").
  if (i === j && first.initial && first.pos !== 'PROPN' && kb.lexicon.notEntities.has(first.norm)) return false;
  return true;
}

const HEADS = new WeakMap<Kb, Set<string>>();
/** The head words of the type table (ministry, corridor, crossing...), once per kb. */
function headWords(kb: Kb): Set<string> {
  let h = HEADS.get(kb);
  if (!h) {
    h = new Set(kb.lexicon.typeRules.filter((r) => r.where === 'last').flatMap((r) => [...r.words]));
    HEADS.set(kb, h);
  }
  return h;
}

/** Capitalized runs around and between kb matches -> mentions. */
function chunk(text: string, ws: W[], kbm: KbMatch[], kb: Kb): RawMention[] {
  const lex = kb.lexicon;
  const out: RawMention[] = [];
  const isName = (w: W) => w.cap || w.kb >= 0;
  let i = 0;
  while (i < ws.length) {
    const w = ws[i]!;
    if (!isName(w)) {
      const m = lowerInstitution(text, ws, i, kbm, kb);
      if (m) { out.push(m.mention); i = m.next; continue; }
      i++;
      continue;
    }
    // Grow the run: names, joined by simple gaps, with lower-case connectors and particles inside.
    let j = i;
    for (;;) {
      // Inside one kb match: always to its end.
      if (j + 1 < ws.length && ws[j]!.kb >= 0 && ws[j + 1]!.kb === ws[j]!.kb) { j++; continue; }
      if (!(j + 1 < ws.length && (!ws[j]!.poss || (ws[j]!.kb < 0 && lex.possessiveNameWords.has(ws[j]!.norm))) && SIMPLE_GAP.test(ws[j]!.gap))) break;
      const nx = ws[j + 1]!;
      if (isName(nx) && !(nx.titleCase !== ws[j]!.titleCase)) { j++; continue; }
      if (!nx.cap && (lex.connectors.has(nx.norm) || lex.particles.has(nx.norm))) {
        // A connector only inside a run: the next name word must follow it.
        let k = j + 1;
        while (k < ws.length && !ws[k]!.cap && ws[k]!.kb < 0 && (lex.connectors.has(ws[k]!.norm) || lex.particles.has(ws[k]!.norm)) && SIMPLE_GAP.test(ws[k - 1]!.gap) && !ws[k]!.poss) k++;
        if (k < ws.length && k - j <= 3 && isName(ws[k]!) && !lex.timeWords.has(ws[k]!.norm) && SIMPLE_GAP.test(ws[k - 1]!.gap) && !ws[k - 1]!.poss) { j = k; continue; }
      }
      break;
    }
    out.push(...splitRun(text, ws, i, j, kbm, kb));
    i = j + 1;
  }
  return out;
}

/** "Israel's justice ministry", "Russia's general staff": a lower-case institution owned by a country. */
function lowerInstitution(text: string, ws: W[], i: number, kbm: KbMatch[], kb: Kb): { mention: RawMention; next: number } | null {
  const prev = i > 0 ? ws[i - 1]! : null;
  if (!prev || !prev.poss || prev.kb < 0 || prev.gap !== ' ') return null;
  const owner = kbm[prev.kb]!.entry;
  if (owner.type !== 'country') return null;
  const lex = kb.lexicon;
  let j = i;
  while (j < ws.length && j - i < 3 && !ws[j]!.cap && lex.generic.has(ws[j]!.norm)) {
    if (lex.lowerHeads.has(ws[j]!.norm) && !(j + 1 < ws.length && SIMPLE_GAP.test(ws[j]!.gap) && lex.generic.has(ws[j + 1]!.norm) && !ws[j + 1]!.cap)) {
      return { mention: base(text, ws, i, j, { kbKey: null, type: 'organization', rule: 'head/org-lower', qualifier: owner.key }), next: j + 1 };
    }
    if (!SIMPLE_GAP.test(ws[j]!.gap)) break;
    j++;
  }
  return null;
}

type Unit = { kind: 'kb'; m: KbMatch; i: number; j: number } | { kind: 'word'; i: number; j: number };

function splitRun(text: string, ws: W[], i0: number, j0: number, kbm: KbMatch[], kb: Kb): RawMention[] {
  const lex = kb.lexicon;
  const units: Unit[] = [];
  for (let k = i0; k <= j0; k++) {
    const w = ws[k]!;
    if (w.kb >= 0) { const m = kbm[w.kb]!; units.push({ kind: 'kb', m, i: m.i, j: m.j }); k = m.j; }
    else units.push({ kind: 'word', i: k, j: k });
  }
  const out: RawMention[] = [];
  let qualifier: string | null = null;
  // A possessive country or place just before the run qualifies a generic name ("Qatar's Foreign Ministry").
  const before = i0 > 0 ? ws[i0 - 1]! : null;
  if (before && before.poss && before.kb >= 0) qualifier = kbm[before.kb]!.entry.metonymOf ?? kbm[before.kb]!.entry.key;
  // Leading demonyms are not mentions; they qualify what follows ("Egyptian Foreign Ministry"),
  // unless they begin a proper name ("American Chamber of Commerce", "British Medical Association").
  while (units.length > 1 && units[0]!.kind === 'word' && ARTICLES.has(ws[units[0]!.i]!.norm)) units.shift();
  // "Shares of Kestrel rose": a capitalized common word starting the sentence is not part of the name.
  while (units.length > 1 && units[0]!.kind === 'word' && ws[units[0]!.i]!.initial && ws[units[0]!.i]!.pos !== 'PROPN' && !kb.demonyms.has(ws[units[0]!.i]!.norm)) {
    units.shift();
    while (units.length > 1 && units[0]!.kind === 'word' && !ws[units[0]!.i]!.cap) units.shift();
  }
  const withDemonym = units.slice();
  while (units.length && units[0]!.kind === 'word' && kb.demonyms.has(ws[units[0]!.i]!.norm)) {
    qualifier = kb.demonyms.get(ws[units[0]!.i]!.norm)!;
    units.shift();
  }
  if (!units.length) return out;
  if (withDemonym.length > units.length && units.every((u) => u.kind === 'word')) {
    const endHead = headType(ws[units[units.length - 1]!.j]!.norm, lex) ?? ofHead(ws, units[0]!.i, units[units.length - 1]!.j, lex);
    const single = units.length === 1 && lex.notEntities.has(ws[units[0]!.i]!.norm);
    if (endHead && !single && !tailGenericAll(ws, units[0]!.i, units[units.length - 1]!.j, lex)) {
      out.push(unknown(text, ws, withDemonym[0]!.i, units[units.length - 1]!.j, { type: endHead.type, rule: endHead.id }, null));
      return out;
    }
  }
  const lastWord = ws[units[units.length - 1]!.j]!;
  const head = headType(lastWord.norm, lex);
  const words = units.flatMap((u) => range(u.i, u.j));
  const hasWordUnits = units.some((u) => u.kind === 'word');
  // "IAM District 751": an organization's local is the organization, not a place.
  const orgInside = units.some((u) => u.kind === 'kb' && (u.m.entry.type === 'organization' || u.m.entry.type === 'group'));
  if (head && !(orgInside && head.type === 'place') && hasWordUnits && units[units.length - 1]!.kind === 'word' && words.length >= 2) {
    // "Gaza Health Ministry": a kb place or country, then generic words -> both, the second qualified.
    let lead = 0;
    while (lead < units.length && units[lead]!.kind === 'kb' && ['country', 'place', 'group'].includes(kbEntryOf(units[lead]!)!.type)) lead++;
    const tail = units.slice(lead);
    const tailGeneric = tail.every((u) => u.kind === 'word' && (lex.generic.has(ws[u.i]!.norm) || lex.connectors.has(ws[u.i]!.norm)));
    if (lead > 0 && tail.length && tailGeneric) {
      for (const u of units.slice(0, lead)) out.push(kbMention(text, ws, u as Extract<Unit, { kind: 'kb' }>, kb));
      const q = kbEntryOf(units[lead - 1]!)!;
      out.push(unknown(text, ws, tail[0]!.i, tail[tail.length - 1]!.j, { type: head.type, rule: head.id }, q.metonymOf ?? q.key));
      return out;
    }
    if (tail.length === units.length || lead === 0) {
      // "The Coordination HQ": a leading article or other non-name word is not part of it.
      let s = units[0]!.i;
      while (s < units[units.length - 1]!.j && ws[s]!.kb < 0 && (['the', 'a', 'an'].includes(ws[s]!.norm) || kb.lexicon.notEntities.has(ws[s]!.norm) && !kb.lexicon.generic.has(ws[s]!.norm) || !ws[s]!.cap)) s++;
      const t = units[units.length - 1]!.j;
      out.push(unknown(text, ws, s, t, { type: head.type, rule: head.id }, tailGenericAll(ws, s, t, lex) ? qualifier : null));
      return out;
    }
    // kb + non-generic words + head ("Ford Motor Company"): one organization.
    out.push(unknown(text, ws, units[0]!.i, units[units.length - 1]!.j, { type: head.type, rule: head.id }, null));
    return out;
  }
  // "University of Indonesia", "Bank of England": an institution word, "of", then a kb name is one name.
  const u0 = units[0]!;
  const placeKb = (u: Unit) => u.kind === 'kb' && ['country', 'place'].includes(u.m.entry.type);
  if (u0.kind === 'word' && units.length >= 3 && units[1]!.kind === 'word' && ws[units[1]!.i]!.norm === 'of' && placeKb(units[units.length - 1]!) && units.every((u) => u.kind === 'word' || placeKb(u))) {
    const firstRule = lex.typeRules.find((r) => r.where === 'first' && r.words.has(ws[u0.i]!.norm));
    if (firstRule) {
      out.push(unknown(text, ws, u0.i, units[units.length - 1]!.j, { type: firstRule.type, rule: firstRule.id }, null));
      return out;
    }
  }
  // Strip leading titles (kept as the role by the resolver).
  while (units.length && units[0]!.kind === 'word' && (lex.titles.has(ws[units[0]!.i]!.norm) || kb.demonyms.has(ws[units[0]!.i]!.norm))) units.shift();
  let k = 0;
  while (k < units.length) {
    const u = units[k]!;
    if (u.kind === 'kb') { out.push(kbMention(text, ws, u, kb)); k++; continue; }
    let e = k;
    while (e + 1 < units.length && units[e + 1]!.kind === 'word') e++;
    // "Chris Harris": a given name before a kb surname makes another person's full name.
    const nx = units[e + 1];
    const surname = nx && nx.kind === 'kb' && nx.i === nx.j && nx.m.entry.type === 'person' && ws[units[e]!.j]!.cap && !lex.titles.has(ws[units[e]!.j]!.norm) && !kb.demonyms.has(ws[units[e]!.j]!.norm);
    if (surname) e++;
    let s = units[k]!.i, t = units[e]!.j;
    if (notEntityName(ws, s, t, lex)) { k = e + 1; continue; }
    while (s <= t && (!ws[s]!.cap)) s++;
    while (t >= s && (!ws[t]!.cap)) t--;
    // Titles inside a run before a name ("Minister Israel Katz" handled above; "President Trump").
    while (s < t && lex.titles.has(ws[s]!.norm) && ws[s]!.cap) s++;
    // Words that never name anything ("Published May", "POWs on Wednesday") come off the edges.
    while (s <= t && ((lex.notEntities.has(ws[s]!.norm) && !lex.generic.has(ws[s]!.norm)) || !ws[s]!.cap)) s++;
    while (t >= s && (lex.timeWords.has(ws[t]!.norm) || !ws[t]!.cap)) t--;
    if (s <= t) {
      const m = unknownChunk(text, ws, s, t, kb, tailGenericAll(ws, s, t, lex) ? qualifier : null);
      if (m) out.push(m);
    }
    k = e + 1;
  }
  return out;
}

const ARTICLES = new Set(['the', 'a', 'an']);
/** A company-style word with a capital inside (AeroSystems, BlackRock), not a name like McGurk or DeRemer. */
const CAMEL = /^(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|Ja)\p{Lu}\p{Ll}+\p{Lu}/u;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
const kbEntryOf = (u: Unit) => (u.kind === 'kb' ? u.m.entry : null);

function tailGenericAll(ws: W[], s: number, t: number, lex: Kb['lexicon']): boolean {
  for (let k = s; k <= t; k++) if (!lex.generic.has(ws[k]!.norm) && !lex.connectors.has(ws[k]!.norm)) return false;
  return true;
}

/** The head before "of" ("Chamber of Commerce", "Federation of Teachers"). */
function ofHead(ws: W[], s: number, t: number, lex: Kb['lexicon']) {
  for (let k = s + 1; k <= t; k++) if (ws[k]!.norm === 'of') return headType(ws[k - 1]!.norm, lex) ?? firstType(ws[s]!.norm, lex);
  return null;
}

function firstType(norm: string, lex: Kb['lexicon']) {
  for (const r of lex.typeRules) if (r.where === 'first' && r.words.has(norm)) return r;
  return null;
}

/** A named event, treaty or plan ("World War II", "Oslo Accords"): not an entity. */
function notEntityName(ws: W[], s: number, t: number, lex: Kb['lexicon']): boolean {
  if (t <= s) return false;
  for (let k = s; k <= t; k++) if (ws[k]!.norm === 'of') return false;
  return lex.typeRules.some((r) => r.type === 'other' && r.where === 'last' && r.words.has(ws[t]!.norm));
}

/** The entity type a name's last word gives it; null also for names that are not entities ("World War II"). */
function headType(norm: string, lex: Kb['lexicon']) {
  for (const r of lex.typeRules) if (r.where === 'last' && r.words.has(norm)) return r.type === 'other' ? null : r;
  return null;
}

function kbMention(text: string, ws: W[], u: Extract<Unit, { kind: 'kb' }>, kb: Kb): RawMention {
  const { entry } = u.m;
  let key = entry.key, type = entry.type, rule = 'kb';
  if (entry.metonymOf) {
    // A capital is its country when it acts: a verb or a possessive follows ("Washington said", "Kyiv's position").
    const last = ws[u.j]!;
    const nx = u.j + 1 < ws.length ? ws[u.j + 1]! : null;
    const dateline = ws[u.i]!.upper && u.i === 0;
    const acts = last.poss || (!!nx && SIMPLE_GAP.test(last.gap) && !nx.cap && kb.lexicon.metonymVerbs.has(nx.norm) && nx.norm !== 'and' && nx.norm !== 'or');
    const pv = u.i > 0 ? ws[u.i - 1]! : null;
    const object = !!pv && !pv.cap && SIMPLE_GAP.test(pv.gap) && kb.lexicon.metonymBefore.has(pv.norm);
    if (!dateline && (acts || object)) {
      const country = kb.entries.get(entry.metonymOf);
      if (country) { key = country.key; type = country.type; rule = 'kb/metonym'; }
    }
  }
  if (entry.building) {
    // "returned to the White House", "the State Dining Room of the White House": the building.
    let p = u.i - 1;
    if (p >= 0 && ws[p]!.norm === 'the' && SIMPLE_GAP.test(ws[p]!.gap)) p--;
    const pw = p >= 0 ? ws[p]! : null;
    const place = kb.entries.get(entry.building);
    if (pw && place && !pw.cap && SIMPLE_GAP.test(pw.gap) && kb.lexicon.locativeBefore.has(pw.norm) && !(pw.norm === 'of' && !(p > 0 && ws[p - 1]!.cap))) {
      key = place.key; type = place.type; rule = 'kb/building';
    }
  }
  return base(text, ws, u.i, u.j, { kbKey: key, type, rule });
}

function base(text: string, ws: W[], i: number, j: number, o: { kbKey: string | null; type: EntityType | null; rule: string; qualifier?: string | null }): RawMention {
  const nx = j + 1 < ws.length ? ws[j + 1]! : null;
  return {
    start: ws[i]!.start, end: ws[j]!.end, text: text.slice(ws[i]!.start, ws[j]!.end),
    kbKey: o.kbKey, type: o.type, rule: o.rule, tokens: range(i, j).map((k) => ws[k]!.norm), role: null,
    qualifier: o.qualifier ?? null, titleCase: ws[i]!.titleCase, next: nx ? { text: nx.text, gap: ws[j]!.gap } : null,
    gapBefore: i > 0 ? ws[i - 1]!.gap : '',
    prevWord: i > 0 ? ws[i - 1]!.norm : null,
  };
}

function unknown(text: string, ws: W[], i: number, j: number, t: { type: EntityType; rule: string }, qualifier: string | null): RawMention {
  return base(text, ws, i, j, { kbKey: null, type: t.type, rule: t.rule, qualifier });
}

/** An unknown capitalized chunk: typed by the cue table, or dropped when nothing says it is a name. */
function unknownChunk(text: string, ws: W[], s: number, t: number, kb: Kb, qualifier: string | null = null): RawMention | null {
  const lex = kb.lexicon;
  const n = t - s + 1;
  const first = ws[s]!;
  if (n === 1) {
    if (lex.notEntities.has(first.norm) || lex.titles.has(first.norm) || kb.demonyms.has(first.norm)) return null;
    if (first.initial && first.pos !== 'PROPN') return null;
    if (/^\p{N}/u.test(first.text)) return null;
  }
  const ofAt = range(s, t).find((k) => ws[k]!.norm === 'of' && k > s);
  const institution = n > 1 && lex.typeRules.some((r) => (r.where === 'first' && r.words.has(first.norm)) || (r.where === 'last' && (r.words.has(ws[t]!.norm) || (ofAt !== undefined && r.words.has(ws[ofAt - 1]!.norm)))));
  if (!institution && range(s, t).every((k) => lex.notEntities.has(ws[k]!.norm) || lex.titles.has(ws[k]!.norm) || kb.demonyms.has(ws[k]!.norm))) return null;
  // A sentence-initial non-name word leading a chunk ("Reports Hamas ..." is handled by the kb).
  if (first.initial && first.pos !== 'PROPN' && n > 1 && lex.notEntities.has(first.norm) && !lex.generic.has(first.norm)) return unknownChunk(text, ws, s + 1, t, kb, qualifier);
  // A dateline: capitals opening the paragraph, then a comma, a parenthesis or a dash ("KENOSHA, Wis. (AP) —").
  if (s === 0 && range(s, t).every((k) => ws[k]!.upper) && /^(?:,|\s*\(|\s+[-–—])/.test(ws[t]!.gap)) {
    return unknown(text, ws, s, t, { type: 'place', rule: 'dateline/place' }, null);
  }
  // The agency after a dateline: "GAZA, Jan 20 (Meridian Wire) -".
  if (s > 0 && s < 8 && ws[0]!.upper && /\($/.test(ws[s - 1]!.gap) && /^\)/.test(ws[t]!.gap)) {
    return unknown(text, ws, s, t, { type: 'organization', rule: 'dateline/agency' }, null);
  }
  const prev = s > 0 && SIMPLE_GAP.test(ws[s - 1]!.gap.trim() === '' ? ' ' : ws[s - 1]!.gap) && !/[,.;:]/.test(ws[s - 1]!.gap) ? ws[s - 1]! : null;
  const next = t + 1 < ws.length && !/[.;:!?(]/.test(ws[t]!.gap) ? ws[t + 1]! : null;
  const last = ws[t]!;
  for (const r of lex.typeRules) {
    if (n < r.minWords || n > r.maxWords) continue;
    let ok = false;
    switch (r.where) {
      case 'last': {
        // "Federation of Teachers": the head is the word before "of".
        const of = range(s, t).find((k) => ws[k]!.norm === 'of' && k > s);
        ok = r.words.has(last.norm) || (of !== undefined && r.where === 'last' && r.words.has(ws[of - 1]!.norm));
        break;
      }
      case 'first': ok = r.words.has(first.norm); break;
      case 'before': ok = !!prev && r.words.has(prev.norm) && !prev.cap || (!!prev && r.words.has(prev.norm) && r.id.startsWith('title')); break;
      case 'after': ok = !!next && !next.cap && r.words.has(next.norm); break;
      case 'shape':
        // Roman numerals (II, XIV) are not acronyms.
        // (nor a model name after a number: "737 MAX").
        if (r.words.has('acronym')) ok = n === 1 && isAcronym(first.text) && first.text.length <= 6 && !/^[IVXLCDM]+$/.test(first.text) && !(s > 0 && /^\p{N}/u.test(ws[s - 1]!.text) && SIMPLE_GAP.test(ws[s - 1]!.gap));
        // "NHS England", "BP America": a name with an all-capitals word is an organization's, not a person's.
        else if (r.words.has('has-acronym')) ok = range(s, t).some((k) => (ws[k]!.upper && ws[k]!.text.replace(/[^\p{L}]/gu, '').length >= 2 && !ws[k]!.text.includes('.')) || CAMEL.test(ws[k]!.text));
        else if (r.words.has('name')) ok = range(s, t).every((k) => ws[k]!.cap || lex.particles.has(ws[k]!.norm));
        break;
    }
    // Events, treaties, plans and the like are named, but they are not entities ("World War II";
    // not "Headquarters for the Treatment of Prisoners of War", whose head comes before "of").
    if (ok && r.type === 'other') {
      if (range(s, t).some((k) => ws[k]!.norm === 'of')) continue;
      return null;
    }
    if (ok) return unknown(text, ws, s, t, { type: r.type, rule: r.id }, qualifier);
  }
  // Untyped single words are kept for in-article resolution (a surname seen before) only.
  if (n > 1) {
    // "Shares of Kestrel" at a sentence start: retry without the first word.
    if (!first.initial) return null;
    let k = s + 1;
    while (k <= t && !ws[k]!.cap) k++;
    return k <= t ? unknownChunk(text, ws, k, t, kb, qualifier) : null;
  }
  return unknown(text, ws, s, t, { type: null as unknown as EntityType, rule: 'untyped' }, null);
}

const ROLE_STOP = new Set(['the', 'of', 'for', 'and', 'to', 'on', 'former', 'then', 'acting', 'top', 'senior', 'leading', 'lead']);

/** The title or office written just before a mention ("U.S. special envoy", "Prime Minister"). */
function addRoles(text: string, ws: W[], kbm: KbMatch[], mentions: RawMention[], kb: Kb): void {
  const lex = kb.lexicon;
  const at = new Map(ws.map((w, k) => [w.start, k]));
  for (const m of mentions) {
    const i = at.get(m.start);
    if (i === undefined) continue;
    let k = i - 1, office = false, commaAt = -1;
    for (;;) {
      // "chief negotiator, Dr. Khalil al-Hayya": an office just before a comma introduces the name.
      if (k >= 0 && commaAt < 0 && !office && ws[k]!.gap === ', ' && lex.titles.has(ws[k]!.norm) && !ROLE_STOP.has(ws[k]!.norm) && !lex.honorifics.has(ws[k]!.norm)) commaAt = k;
      else if (!(k >= 0 && (SIMPLE_GAP.test(ws[k]!.gap) || (ws[k]!.poss && ws[k]!.gap === ' ')))) break;
      const w = ws[k]!;
      if (w.kb >= 0) {
        const e = kbm[w.kb]!.entry;
        if (e.type === 'person') break;
        k = kbm[w.kb]!.i - 1;
        continue;
      }
      if (lex.titles.has(w.norm)) { if (!ROLE_STOP.has(w.norm) && !lex.honorifics.has(w.norm)) office = true; k--; continue; }
      if (kb.demonyms.has(w.norm)) { k--; continue; }
      break;
    }
    let s = k + 1;
    while (s < i && ROLE_STOP.has(ws[s]!.norm)) s++;
    if (office && s < i) {
      const end = commaAt >= 0 ? ws[commaAt]!.end : m.start;
      m.role = text.slice(ws[s]!.start, end).replace(/[\s,]+$/u, '').trim() || null;
    }
    if (!m.role) m.role = appositiveRole(text, ws, kbm, m, at, kb);
  }
}

/** "Steve Witkoff, the U.S. special envoy, said": the office in an appositive right after the name. */
function appositiveRole(text: string, ws: W[], kbm: KbMatch[], m: RawMention, at: Map<number, number>, kb: Kb): string | null {
  const lex = kb.lexicon;
  let j = at.get(m.start);
  if (j === undefined) return null;
  while (j < ws.length && ws[j]!.end < m.end) j++;
  if (j >= ws.length || !/^,\s+$/.test(ws[j]!.gap)) return null;
  let k = j + 1;
  if (k < ws.length && ARTICLES.has(ws[k]!.norm)) k++;
  const s = k;
  let e = -1;
  while (k < ws.length && k - s < 8) {
    const w = ws[k]!;
    // Office words, lower-case words ("the company's labor relations director"), countries and bodies.
    if (w.kb >= 0) { if (kbm[w.kb]!.entry.type === 'person') return null; k = kbm[w.kb]!.j; }
    else if (w.cap && !lex.titles.has(w.norm) && !kb.demonyms.has(w.norm)) return null;
    e = k;
    if (!SIMPLE_GAP.test(ws[k]!.gap) && !(ws[k]!.poss && ws[k]!.gap === ' ')) break;
    k++;
  }
  if (e < s) return null;
  const head = ws[e]!;
  // It must end in an office word, at a comma, a period, a dash or the end of the paragraph.
  if (head.kb >= 0 || !lex.titles.has(head.norm) || ROLE_STOP.has(head.norm) || lex.honorifics.has(head.norm)) return null;
  if (!/^(?:,|\.|\s*$|\s+[-–—]\s+)/.test(head.gap) && e + 1 < ws.length) return null;
  return text.slice(ws[s]!.start, head.end) || null;
}

export { fold };
