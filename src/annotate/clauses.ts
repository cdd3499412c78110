/**
 * @module annotate/clauses
 * Stage 3 (annotate), attribution and modality: splits each kept sentence into clauses (the
 * reporting clause and the clause it reports, and parts joined by ";" or "but"), tells for each
 * whether it is asserted, future, hypothetical or negated (with the cue), and on whose word it
 * is reported ("according to X", "X said", "..., X told Reuters", "Israeli officials said").
 * Input: `Segmented` and the article's `Entity[]`. Output: `Clause[]` in text order.
 * Cue words: kb/lexicons/attribution.json, modality.json, demonyms.json.
 */
import { z } from 'zod';
import type { Attribution, Clause, Entity, Modality, Segmented } from '../types.js';
import { loadLexicon } from './lexicons.js';
import { sentenceTokens, type Tok } from './sentence-tokens.js';

const words = z.array(z.string());
const AttributionSchema = z.object({
  reportVerbs: words, reportForms: words, participleForms: words, negatingVerbs: words, sourcePhrases: words,
  mediumPhrases: words, anonymousHeads: words, boundaryWords: words, clauseSplitters: words, bareSplitters: words, timeWords: words, pronouns: z.record(z.string(), z.string()),
}).passthrough();
const ModalitySchema = z.object({
  conditional: words, negated: words, negatedExceptAfter: words, negatedExceptBefore: words, hypothetical: words, future: words,
}).passthrough();
const DemonymSchema = z.object({ demonyms: z.record(z.string(), words) }).passthrough();
type AttributionLex = z.infer<typeof AttributionSchema>;
type ModalityLex = z.infer<typeof ModalitySchema>;

/** A phrase list compiled for lookup by first word: matching costs one map read per token. */
class Phrases {
  private byFirst = new Map<string, string[][]>();
  constructor(list: readonly string[]) {
    for (const p of list) {
      const parts = p.split(' ');
      const l = this.byFirst.get(parts[0]!) ?? [];
      l.push(parts);
      l.sort((a, b) => b.length - a.length);
      this.byFirst.set(parts[0]!, l);
    }
  }
  /** The longest phrase starting at token i that passes `check`, or null. */
  at(toks: Tok[], i: number, check?: (i: number, len: number) => boolean): { phrase: string; len: number } | null {
    const cands = this.byFirst.get(toks[i]?.lower ?? '');
    if (!cands) return null;
    for (const parts of cands) {
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = toks[i + k]?.lower === parts[k];
      if (ok && (!check || check(i, parts.length))) return { phrase: parts.join(' '), len: parts.length };
    }
    return null;
  }
}

interface Lex {
  att: AttributionLex; mod: ModalityLex; demonymKey: Map<string, string>;
  reportVerbs: Set<string>; reportForms: Set<string>; participles: Set<string>; negating: Set<string>; boundary: Set<string>; splitters: Set<string>; bare: Set<string>;
  sources: Phrases; media: Phrases; conditional: Phrases; negated: Phrases; hypothetical: Phrases; future: Phrases;
}

let compiled: Lex | null = null;
function lexicons(): Lex {
  if (compiled) return compiled;
  const att = loadLexicon('attribution', AttributionSchema);
  const mod = loadLexicon('modality', ModalitySchema);
  const dem = loadLexicon('demonyms', DemonymSchema);
  const demonymKey = new Map<string, string>();
  for (const [key, list] of Object.entries(dem.demonyms)) for (const d of list) demonymKey.set(d, key);
  compiled = {
    att, mod, demonymKey,
    reportVerbs: new Set(att.reportVerbs), reportForms: new Set(att.reportForms), participles: new Set(att.participleForms), negating: new Set(att.negatingVerbs),
    boundary: new Set(att.boundaryWords), splitters: new Set(att.clauseSplitters), bare: new Set(att.bareSplitters),
    sources: new Phrases(att.sourcePhrases), media: new Phrases(att.mediumPhrases),
    conditional: new Phrases(mod.conditional), negated: new Phrases(mod.negated),
    hypothetical: new Phrases(mod.hypothetical), future: new Phrases(mod.future),
  };
  return compiled;
}

/** A clause as token range [from, to) with the attribution found for it. */
interface Part { from: number; to: number; source: { from: number; to: number } | null; negatedBy: string | null }

export function findClauses(seg: Segmented, entities: Entity[]): Clause[] {
  if (!seg.analysable) return [];
  const lex = lexicons();
  const text = seg.article.text;
  const out: Clause[] = [];
  let lastPerson: string | null = null, lastOther: string | null = null;
  sentenceTokens(seg).forEach((toks, si) => {
    if (!toks.length) return;
    for (const part of splitSentence(toks, lex)) {
      for (const piece of splitCoordinated(toks, part, lex)) {
        const first = toks[piece.from], last = toks[piece.to - 1];
        if (!first || !last) continue;
        const { modality, cue } = modalityOf(toks, piece, lex, piece.negatedBy);
        let attribution: Attribution | null = null;
        if (piece.source) {
          const s = toks[piece.source.from]!, e = toks[piece.source.to - 1]!;
          const said = text.slice(s.start, e.end);
          let entity = entityFor(s.start, e.end, toks, piece.source, entities, lex);
          // "he said", "the group said": the last source of that kind, else the last such entity named before
          const kind = entity ? null : lex.att.pronouns[said.toLowerCase()];
          if (kind) entity = (kind === 'person' ? lastPerson : lastOther) ?? lastMentioned(entities, s.start, kind === 'person');
          if (entity) {
            const type = entities.find((x) => x.id === entity)?.type;
            if (type === 'person') lastPerson = entity; else lastOther = entity;
          }
          attribution = { start: s.start, end: e.end, text: said, entity };
        }
        out.push({ start: first.start, end: last.end, sentence: si, modality, modalityCue: cue, attribution });
      }
    }
  });
  return out;
}

const lowerAt = (toks: Tok[], i: number) => toks[i]?.lower ?? '';

const isPunct = (t: Tok | undefined) => !!t && (t.pos === 'PUNCT' || /^[,.;:!?"“”'‘’()–—-]+$/.test(t.value));

/**
 * The reporting structure of one sentence, if any:
 *  "According to X, C" / "C, according to X"   -> [source X] + [C attributed to X]
 *  "X said (that) C" / "X told Reuters C"        -> [X said] + [C attributed to X]
 *  "C, X said." / "C, said X."                   -> [C attributed to X] + [X said]
 */
function splitSentence(toks: Tok[], lex: Lex): Part[] {
  const n = toks.length;
  const end = isPunct(toks[n - 1]) && /[.!?]/.test(toks[n - 1]!.value) ? n - 1 : n;
  const whole: Part = { from: 0, to: n, source: null, negatedBy: null };
  // "according to X"
  for (let i = 0; i < end; i++) {
    const len = lex.sources.at(toks, i)?.len ?? 0;
    if (!len) continue;
    const srcFrom = i + len;
    let srcTo = srcFrom;
    while (srcTo < end && toks[srcTo]!.value !== ',' && toks[srcTo]!.value !== ';') srcTo++;
    if (srcTo === srcFrom) continue;
    const source = { from: srcFrom, to: srcTo };
    if (i === 0 || i <= 1 && isPunct(toks[0])) {
      const restFrom = toks[srcTo]?.value === ',' ? srcTo + 1 : srcTo;
      if (restFrom >= n) return [{ ...whole, source }];
      return [{ from: 0, to: srcTo, source: null, negatedBy: null }, { from: restFrom, to: n, source, negatedBy: null }];
    }
    const cut = toks[i - 1]?.value === ',' ? i - 1 : i;
    return [{ from: 0, to: cut, source, negatedBy: null }, { from: i, to: n, source: null, negatedBy: null }];
  }
  // reporting verbs
  let lastVerb = -1;
  for (let k = 0; k < end; k++) if (toks[k]!.pos === 'VERB' || toks[k]!.pos === 'AUX') lastVerb = k;
  for (let v = 0; v < end; v++) {
    const t = toks[v]!;
    // any tense ("suggests", "states"), never a capitalised name ("the United States")
    const reporting = (lex.reportForms.has(t.lower) || t.pos === 'VERB' && lex.reportVerbs.has(t.lemma)) && (v === 0 || !/^\p{Lu}/u.test(t.value));
    if (!reporting || t.lower === 'according') continue;
    if (t.pos !== 'VERB' && t.pos !== 'AUX' && t.pos !== 'NOUN' && t.pos !== 'PROPN') continue;
    if (lex.participles.has(t.lower) && toks[v - 1]?.value === ',') {
      // ", adding that C": the same speaker as an earlier attribution in the sentence, handled by the caller's order
      continue;
    }
    const negatedBy = lex.negating.has(t.lower) ? `modality/${t.lower}` : null;
    // subject before the verb: back over auxiliaries and adverbs ("has repeatedly said"), then the noun phrase
    let s = v - 1;
    while (s >= 0 && (toks[s]!.pos === 'AUX' || toks[s]!.pos === 'ADV' || toks[s]!.pos === 'PART') && !isPunct(toks[s])) s--;
    let subjEnd = s + 1;
    if (subjEnd > 0 && (toks[subjEnd - 1]!.lower === 'who' || toks[subjEnd - 1]!.lower === 'which') && subjEnd >= 2 && isNounLike(toks[subjEnd - 2]!)) subjEnd--; // "sources who confirmed"
    // "Acme on Friday said": the time phrase is not part of the source
    for (let trimmed = true; trimmed && subjEnd > 0;) {
      trimmed = false;
      for (let len = 3; len >= 1; len--) {
        if (subjEnd - len < 0) continue;
        const hit = lex.media.at(toks, subjEnd - len);
        if (hit && hit.len === len) { subjEnd -= len; trimmed = true; break; }
      }
    }
    // "Qatar on Wednesday, November 22 announced": a date between subject and verb is not the source
    const isTime = (x: Tok | undefined) => !!x && (lex.att.timeWords.includes(x.lower) || /^\d{1,4}(?:st|nd|rd|th)?$/.test(x.lower));
    if (isTime(toks[subjEnd - 1])) {
      let k = subjEnd;
      while (k > 0 && (isTime(toks[k - 1]) || toks[k - 1]!.value === ',' && isTime(toks[k - 2]))) k--;
      if (k > 0 && k < subjEnd && !isBoundary(toks[k - 1]!, lex)) subjEnd = k;
    }
    let subjFrom = subjEnd;
    while (subjFrom > 0 && !isBoundary(toks[subjFrom - 1]!, lex) && subjEnd - subjFrom < 12) subjFrom--;
    if (subjEnd > subjFrom && toks[subjEnd - 1]!.pos === 'PRON') subjFrom = subjEnd - 1; // "laid out what he said": the pronoun is the subject
    else if (subjEnd === subjFrom && toks[v - 1]?.value === ',') {
      // "Jane Roe, a spokeswoman for the union, said": the name and its apposition are the subject
      let c1 = v - 2;
      while (c1 > 0 && toks[c1]!.value !== ',' && v - c1 < 14) c1--;
      if (c1 > 0 && toks[c1]!.value === ',' && toks[c1 + 1]?.pos === 'DET' && toks[c1 - 1]?.pos === 'PROPN') {
        let k = c1 - 1;
        while (k > 0 && toks[k - 1]!.pos === 'PROPN' && c1 - k < 6) k--;
        subjFrom = k; subjEnd = v - 1;
      }
    }
    const before = commaBefore(toks, subjFrom);
    // the rest after the verb: skip medium phrases ("told Reuters", "said in a statement on Monday")
    let after = v + 1;
    for (let guard = 0; guard < 6; guard++) {
      const m = lex.media.at(toks, after)?.len ?? 0;
      if (m) { after += m; continue; }
      if (t.lower === 'told' || t.lower === 'tells' || t.lower === 'telling') {
        // "told Reuters", "told the BBC": the listener, not the content
        let k = after;
        if (lowerAt(toks, k) === 'the') k++;
        while (k < end && toks[k]!.pos === 'PROPN') k++;
        if (k > after) { after = k; continue; }
      }
      break;
    }
    const thatAt = lowerAt(toks, after) === 'that' ? after + 1 : toks[after]?.value === ':' || toks[after]?.value === ',' ? after + 1 : after;
    // what follows is a reported clause only if introduced ("that", ":") or holding a verb ("said the talks would resume");
    // "announced a truce" has an object, not a clause
    const introduced = thatAt > after;
    const contentAfter = thatAt < end && end - thatAt >= 2
      && (introduced || lastVerb >= thatAt);
    if (subjEnd > subjFrom && contentAfter && before < 0) {
      // "X said (that) C"
      const source = { from: subjFrom, to: subjEnd };
      return [{ from: 0, to: thatAt, source: null, negatedBy: null }, { from: thatAt, to: n, source, negatedBy }];
    }
    if (subjEnd > subjFrom && before >= 0 && !contentAfter) {
      // "C, X said."
      const source = { from: subjFrom, to: subjEnd };
      return [{ from: 0, to: before, source, negatedBy }, { from: subjFrom, to: n, source: null, negatedBy: null }];
    }
    if (subjEnd === subjFrom) {
      // "C, said X." (inverted)
      const comma = commaBefore(toks, v);
      if (comma > 0 && after < end) {
        let k = after;
        while (k < end && toks[k]!.value !== ',' && toks[k]!.value !== ';') k++;
        if (k > after) return [{ from: 0, to: comma, source: { from: after, to: k }, negatedBy }, { from: v, to: n, source: null, negatedBy: null }];
      }
    }
    if (subjEnd > subjFrom && before >= 0 && contentAfter) {
      // "C1, X said, C2" or "..., X said that C2": both parts on X's word
      const source = { from: subjFrom, to: subjEnd };
      return [{ from: 0, to: before, source, negatedBy }, { from: subjFrom, to: thatAt, source: null, negatedBy: null }, { from: thatAt, to: n, source, negatedBy }];
    }
  }
  return [whole];
}

/** The comma that ends a reported clause right before token k (`C, X said`, `"C," X said`), or -1. */
function commaBefore(toks: Tok[], k: number): number {
  let j = k - 1;
  if (toks[j]?.lower === 'as') j--; // "C, as X said"
  while (j >= 0 && /^["“”'’]$/.test(toks[j]!.value)) j--;
  return j >= 0 && j < k && toks[j]!.value === ',' ? j : -1;
}

const isNounLike = (t: Tok) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON';

function isBoundary(t: Tok, lex: Lex): boolean {
  return lex.boundary.has(t.lower) || t.pos === 'VERB' && !/^\p{Lu}/u.test(t.value) || t.pos === 'SCONJ';
}

/** Splits a clause at ";" and at "but"/"while" joining two clauses; each part keeps the attribution. */
function splitCoordinated(toks: Tok[], part: Part, lex: Lex): Part[] {
  const out: Part[] = [];
  let from = part.from;
  for (let i = part.from + 1; i < part.to - 1; i++) {
    const t = toks[i]!;
    // "..., adding that C": a second reported clause on the same word
    const split = t.value === ';' || (lex.splitters.has(t.lower) || lex.participles.has(t.lower)) && toks[i - 1]?.value === ',' || lex.bare.has(t.lower);
    if (!split || i - from < 3 || part.to - i < 3) continue;
    out.push({ ...part, from, to: t.value === ';' || toks[i - 1]?.value === ',' ? i - (t.value === ';' ? 0 : 1) : i });
    from = t.value === ';' ? i + 1 : i;
    if (lex.participles.has(t.lower) && toks[i + 1]?.lower === 'that' && part.to - i > 3) {
      // ", adding that C": the reporting part stands on its own; C is on the same speaker's word
      out.push({ ...part, from: i, to: i + 2, source: null, negatedBy: null });
      from = i + 2;
    }
  }
  out.push({ ...part, from });
  return out.filter((p) => p.to > p.from);
}

/** A participle used as a modifier or a non-finite verb: "including", "injured hostages", "hostages released,". */
function nonFinite(toks: Tok[], i: number, from: number): boolean {
  const t = toks[i]!;
  if (t.pos !== 'VERB') return false;
  const prev = i > from ? toks[i - 1] : undefined, next = toks[i + 1];
  if (/ing$/.test(t.lower) && (!prev || prev.value === ',' || prev.pos === 'ADP' || prev.pos === 'SCONJ')) return true;
  if (!/(?:ed|en|ing)$/.test(t.lower)) return false;
  const beforeOk = !prev || ['DET', 'ADJ', 'CCONJ', 'NUM', 'PUNCT', 'ADV'].includes(prev.pos);
  if (beforeOk && next && ['NOUN', 'PROPN', 'ADJ'].includes(next.pos)) return true;
  return !!prev && (prev.pos === 'NOUN' || prev.pos === 'PROPN') && !!next && next.value === ',';
}

/** End (exclusive) of the first verb group of a clause, or the clause end when it has none. */
function governedEnd(toks: Tok[], part: Part): number {
  let i = part.from;
  // a leading "If X agrees," is part of what governs the main clause; participles inside the
  // subject ("hostages, including women, will be freed", "injured hostages") are not its verb
  while (i < part.to && (toks[i]!.pos !== 'VERB' && toks[i]!.pos !== 'AUX' || nonFinite(toks, i, part.from))) i++;
  if (i >= part.to) return part.to;
  const isGroup = (t: Tok) => t.pos === 'AUX' || t.pos === 'PART' || t.pos === 'ADV' || t.pos === 'VERB';
  let sawVerb = false;
  while (i < part.to && isGroup(toks[i]!)) {
    if (toks[i]!.pos === 'VERB') {
      sawVerb = true;
      // "expected to visit", "plans to free": the group goes on through "to" + verb
      if (!(toks[i + 1]?.lower === 'to' && toks[i + 2]?.pos === 'VERB')) { i++; break; }
    }
    i++;
  }
  if (!sawVerb) while (i < part.to && toks[i]!.pos !== 'VERB' && toks[i]!.value !== ',') i++;
  // a clause-initial condition reaches past its own verb to the main one
  const first = toks[part.from]?.lower ?? '';
  if (first === 'if' || first === 'unless') return part.to;
  return Math.min(part.to, i + 1);
}

/** Precedence: conditional > negated > hypothetical > future > asserted. */
function modalityOf(toks: Tok[], part: Part, lex: Lex, negatedBy: string | null): { modality: Modality; cue: string | null } {
  const mod = lex.mod;
  // A cue governs the clause only up to the end of its first verb group ("would not be freed",
  // "is expected to visit"): "a potential release" or "a deal that would..." further on do not.
  const to = governedEnd(toks, part);
  const find = (phrases: Phrases, check?: (i: number, len: number) => boolean): string | null => {
    for (let i = part.from; i < to; i++) {
      const hit = phrases.at(toks, i, check);
      if (hit) return hit.phrase;
    }
    return null;
  };
  const cond = find(lex.conditional);
  if (cond) return { modality: 'hypothetical', cue: `modality/${cond}` };
  if (negatedBy) return { modality: 'negated', cue: negatedBy };
  // "will the union approve?": a question asserts nothing
  if (toks[part.to - 1]?.value === '?' || toks[part.to]?.value === '?') return { modality: 'hypothetical', cue: 'modality/question' };
  const neg = find(lex.negated, (i, len) => {
    const before = toks.slice(Math.max(part.from, i - 2), i).map((t) => t.lower).join(' ');
    if (mod.negatedExceptAfter.some((x) => before.endsWith(x)) && lowerAt(toks, i) === 'not') return false; // "whether or not"
    if (mod.negatedExceptBefore.includes(lowerAt(toks, i + len)) && lowerAt(toks, i) !== 'not') return false; // "no later than", "no one"
    if (lowerAt(toks, i) === 'no' && toks[i + 1] && toks[i + 1]!.pos !== 'NOUN' && toks[i + 1]!.pos !== 'ADJ') return false;
    if (lowerAt(toks, i) === 'not' && ['only', 'just'].includes(lowerAt(toks, i + 1))) return false; // "not only ... but"
    return true;
  });
  if (neg) return { modality: 'negated', cue: `modality/${neg}` };
  const hyp = find(lex.hypothetical, (i) => !(lowerAt(toks, i) === 'may' && /^M/.test(toks[i]!.value)));
  if (hyp) return { modality: 'hypothetical', cue: `modality/${hyp}` };
  const fut = find(lex.future);
  if (fut) return { modality: 'future', cue: `modality/${fut}` };
  return { modality: 'asserted', cue: null };
}

/** The entity of the given kind (person or not) mentioned last before `at`. */
function lastMentioned(entities: Entity[], at: number, person: boolean): string | null {
  let best: { id: string; pos: number } | null = null;
  for (const e of entities) {
    if ((e.type === 'person') !== person) continue;
    for (const m of e.mentions) if (m.end <= at && (!best || m.start > best.pos)) best = { id: e.id, pos: m.start };
  }
  return best?.id ?? null;
}

/**
 * The entity a source span names: a person mentioned in it first ("union official Jane Roe"),
 * else the last entity mentioned (the head of the phrase), else the country a demonym points to ("Israeli officials").
 */
function entityFor(start: number, end: number, toks: Tok[], span: { from: number; to: number }, entities: Entity[], lex: Lex): string | null {
  const hits: { e: Entity; at: number }[] = [];
  for (const e of entities) {
    const m = e.mentions.find((x) => x.start < end && start < x.end);
    if (m) hits.push({ e, at: m.start });
  }
  hits.sort((a, b) => a.at - b.at);
  const person = hits.find((h) => h.e.type === 'person');
  if (person) return person.e.id;
  // the head of a noun phrase comes last: "Ohio carmaker Acme", "Freedonia's labour ministry"
  const last = hits[hits.length - 1];
  if (last) return last.e.id;
  for (let i = span.from; i < span.to; i++) {
    const two = `${lowerAt(toks, i)} ${lowerAt(toks, i + 1)}`;
    const key = lex.demonymKey.get(two) ?? lex.demonymKey.get(lowerAt(toks, i));
    if (!key) continue;
    if (!/^\p{Lu}/u.test(toks[i]!.value)) continue;
    const ent = entities.find((e) => e.key === key);
    if (ent) return ent.id;
  }
  return null;
}
