/**
 * @module kb/compile
 * Compiles the kb data files (parsed JSON) into lookup structures, once: an alias trie over
 * folded words, demonyms, capitals as metonyms, a person index for fuzzy and role matching, and
 * the lexicon (titles, type cues, non-entity words). Every bad entry becomes a `KbProblem` with
 * its file, entry and a fix; the compiler never throws on bad data.
 */
import type { EntityType } from '../types.js';
import { fold, isAcronym, nameTokens, phonetic, slug, words } from './normalize.js';

export type KbPrefix = 'person' | 'org' | 'country' | 'group' | 'place';
export const PREFIX_TYPE: Record<KbPrefix, EntityType> = {
  person: 'person', org: 'organization', country: 'country', group: 'group', place: 'place',
};
export const TYPE_PREFIX: Record<EntityType, string> = {
  person: 'person', organization: 'org', country: 'country', group: 'group', place: 'place', other: 'other',
};
const KEY_RE = /^(person|org|country|group|place):[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface KbEntry {
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  affiliations: string[];
  demonyms: string[];
  /** For a capital: the country it stands for when used as its government ("Washington said"). */
  metonymOf: string | null;
  /** For an office named after its building: the place entry used when the building is meant ("at the White House"). */
  building: string | null;
  source: string;
  file: string;
}

export interface AliasHit {
  key: string;
  /** The alias as written in the kb. */
  alias: string;
  /** An acronym (US, NATO, U.S.): the text must be upper case too. */
  upper: boolean;
  /** The alias starts with a lower-case word (al-Hayya): the text need not be capitalized. */
  lowerStart: boolean;
  /** Word indexes followed by a possessive in the alias ("Prime Minister's Office" -> [1]). */
  possAt: number[];
  /** Word indexes capitalized in every spelling of the alias: the text must capitalize them too ("The Hill", not "the hill"). */
  capAt: number[];
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  hits: AliasHit[];
}

/** One way a kb person is written, split for fuzzy matching. */
export interface PersonForm {
  key: string;
  given: string;
  surname: string;
  givenPh: string;
  surnamePh: string;
  tokens: string[];
}

export interface TypeRule {
  id: string;
  /** Where the cue is: the chunk's last word, first word, the word before it, the word after it, or its shape. */
  where: 'last' | 'first' | 'before' | 'after' | 'shape';
  words: Set<string>;
  type: EntityType;
  /** Only for chunks with this many words (inclusive range). */
  minWords: number;
  maxWords: number;
}

export interface Lexicon {
  /** Title and office words stripped from names and kept as the role (minister, envoy, dr). */
  titles: Set<string>;
  /** Forms of address (dr, mr, sheikh): stripped from names like titles, but not a role on their own. */
  honorifics: Set<string>;
  /** Words inside a name that are not capitalized (al, bin, de, van). */
  particles: Set<string>;
  /** Lower-case words allowed inside an organization or place name (of, for, the). */
  connectors: Set<string>;
  /** Capitalized words that never name an entity on their own (Monday, However, Ramadan). */
  notEntities: Set<string>;
  /** Generic institution words (foreign, ministry, health): a name made only of them is qualified by its country. */
  generic: Set<string>;
  /** Heads of lower-case institution names owned by a country ("Israel's justice ministry"). */
  lowerHeads: Set<string>;
  /** Day, month and time-zone words: a name never runs across them ("POWs on Wednesday"). */
  timeWords: Set<string>;
  /** Words before a capital that make it stand for its country ("a gesture toward Washington"). */
  metonymBefore: Set<string>;
  /** Words before an office named after its building that make it the building ("at the White House"). */
  locativeBefore: Set<string>;
  /** Sentences that are bylines, not reporting ("Adam Ragon contributed reporting"): no reporters' names. */
  bylines: RegExp[];
  /** Photo and copyright credits ("© AP Photo / ..."): no mentions at all. */
  credits: RegExp[];
  /** Plural nouns whose possessive stays inside a name ("International Longshoremen's Association"). */
  possessiveNameWords: Set<string>;
  /** Type cues, in priority order. */
  typeRules: TypeRule[];
  /** Words after a capital that make it stand for its country ("Washington said"). */
  metonymVerbs: Set<string>;
}

export interface KbProblem {
  severity: 'error' | 'warning';
  file: string;
  /** The entry's key, or `entries[n]`, or `lexicon.x`. */
  entry: string;
  message: string;
  fix: string;
}

export interface Kb {
  dir: string | null;
  entries: Map<string, KbEntry>;
  trie: TrieNode;
  maxAliasWords: number;
  /** Folded demonym (singular and plural) -> country key. Demonyms are never mentions. */
  demonyms: Map<string, string>;
  /** Person name forms, for fuzzy matching of names the trie misses. */
  persons: PersonForm[];
  /** Phonetic key of a single-word person alias (a surname: Witkoff) -> forms. */
  surnames: Map<string, { key: string; norm: string }[]>;
  /** Person key -> its roles as sets of folded content words. */
  roleWords: Map<string, Set<string>[]>;
  lexicon: Lexicon;
  /** Folded given name -> its canonical spelling (aleksandr -> alexander). */
  givenNames: Map<string, string>;
  problems: KbProblem[];
}

export interface KbFileData {
  /** Path relative to the kb directory, for messages. */
  file: string;
  json: unknown;
}

interface RawEntry {
  key?: unknown; name?: unknown; type?: unknown; aliases?: unknown; roles?: unknown; affiliations?: unknown;
  demonyms?: unknown; capitals?: unknown; building?: unknown; source?: unknown; code?: unknown; note?: unknown;
}

const strings = (v: unknown): string[] | null =>
  v === undefined ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** Words of a role that say what the office is (not "the", "of", a country). */
export function roleContent(role: string, lex: Lexicon | null = null): Set<string> {
  const stop = new Set(['the', 'of', 'for', 'and', 'to', 'a', 'an', 'in', 'on', 'former', 'current', 'then']);
  const out = new Set<string>();
  for (const t of nameTokens(role)) if (!stop.has(t) && (!lex || !lex.notEntities.has(t))) out.add(t === 'us' || t === 'usa' ? 'us' : t);
  return out;
}

export function compileKb(files: KbFileData[], dir: string | null = null): Kb {
  const problems: KbProblem[] = [];
  const entries = new Map<string, KbEntry>();
  const entryFile = new Map<string, string>();
  const capitals: { file: string; name: string; country: string; source: string }[] = [];
  const demonyms = new Map<string, string>();
  const lexicon: Lexicon = emptyLexicon();
  const err = (file: string, entry: string, message: string, fix: string) => problems.push({ severity: 'error', file, entry, message, fix });
  const warn = (file: string, entry: string, message: string, fix: string) => problems.push({ severity: 'warning', file, entry, message, fix });

  // The lexicon first: checking entries uses it.
  const givenNames = new Map<string, string>();
  for (const { file, json } of files) {
    const lx = (json as { lexicon?: unknown } | null)?.lexicon;
    if (json && typeof json === 'object' && lx !== undefined) compileLexicon(file, lx, problems, lexicon);
    const gn = (json as { givenNames?: unknown } | null)?.givenNames;
    if (gn === undefined) continue;
    if (!Array.isArray(gn) || !gn.every((g) => strings(g) && (g as string[]).length >= 2)) {
      err(file, 'givenNames', '"givenNames" must be a list of lists of two or more spellings', 'write e.g. "givenNames": [["alexander", "aleksandr"]]');
      continue;
    }
    for (const group of gn as string[][]) {
      const canon = fold(group[0]!);
      for (const v of group) {
        const f = fold(v);
        const had = givenNames.get(f);
        if (had && had !== canon) { warn(file, `givenNames ${group[0]}`, `"${v}" is already a spelling of "${had}"`, 'keep each spelling in one group'); continue; }
        givenNames.set(f, canon);
      }
    }
  }
  for (const { file, json } of files) {
    if (!json || typeof json !== 'object' || Array.isArray(json)) { err(file, '(file)', 'not a JSON object', 'make the file an object with "source" and "entries" (see kb/README.md)'); continue; }
    const doc = json as { source?: unknown; entries?: unknown; lexicon?: unknown };
    if (doc.entries === undefined) continue; // other stages' lexicons share kb/
    if (!Array.isArray(doc.entries)) { err(file, 'entries', '"entries" is not an array', 'make "entries" a list of entry objects'); continue; }
    const fileSource = typeof doc.source === 'string' && doc.source.trim() ? doc.source : null;
    doc.entries.forEach((raw: RawEntry, i: number) => {
      const at = typeof raw?.key === 'string' ? raw.key : `entries[${i}]`;
      if (!raw || typeof raw !== 'object') return err(file, at, 'entry is not an object', 'write the entry as {"key": ..., "name": ...}');
      if (typeof raw.key !== 'string' || !KEY_RE.test(raw.key)) {
        return err(file, at, `bad key ${JSON.stringify(raw.key)}`, 'use prefix:slug with prefix person|org|country|group|place and a lower-case hyphenated slug, e.g. "person:steve-witkoff"');
      }
      const key = raw.key;
      if (typeof raw.name !== 'string' || !raw.name.trim()) return err(file, at, 'missing "name"', 'give the canonical display name, e.g. "name": "Steve Witkoff"');
      const prefix = key.split(':')[0] as KbPrefix;
      const type = PREFIX_TYPE[prefix];
      if (raw.type !== undefined && raw.type !== type) err(file, at, `type "${String(raw.type)}" conflicts with the key prefix "${prefix}"`, `drop "type" or make it "${type}"`);
      const source = typeof raw.source === 'string' && raw.source.trim() ? raw.source : fileSource;
      if (!source) err(file, at, 'missing source', 'add "source" to the entry (a URL or reference), or a file-level "source"');
      const aliases = strings(raw.aliases), roles = strings(raw.roles), affiliations = strings(raw.affiliations);
      const dems = strings(raw.demonyms), caps = strings(raw.capitals);
      if (!aliases || !roles || !affiliations || !dems || !caps) return err(file, at, 'aliases, roles, affiliations, demonyms and capitals must be lists of strings', 'write e.g. "aliases": ["Witkoff"]');
      if (entries.has(key)) return err(file, at, `duplicate key, first defined in ${entryFile.get(key)}`, 'merge the two entries into one, or give this one another key');
      // Keys are stable ids and may differ from the name, but should share a word with one of its names.
      const slugWords = key.slice(prefix.length + 1).split('-');
      const nameWords = new Set([raw.name, ...aliases].flatMap((a) => slug(a).split('-')));
      if (!slugWords.some((w) => nameWords.has(w)))
        warn(file, at, `key shares no word with the name "${raw.name}" or its aliases`, `check the key; for a new entry prefer ${prefix}:${slug(raw.name)}`);
      for (const a of aliases) if (!a.trim() || !nameTokens(a).length) err(file, at, `empty alias ${JSON.stringify(a)}`, 'remove the empty alias');
      if (prefix === 'person') for (const a of [raw.name, ...aliases]) {
        const w0 = nameTokens(a)[0];
        if (w0 && lexicon.honorifics.has(w0)) warn(file, at, `"${a}" starts with the title "${a.split(/\s/)[0]}"`, 'titles are not part of names: drop it from the alias (the text\'s title becomes the role)');
      }
      const building = typeof raw.building === 'string' ? raw.building : null;
      if (raw.building !== undefined && (!building || !/^place:[a-z0-9-]+$/.test(building))) err(file, at, `bad building ${JSON.stringify(raw.building)}`, 'give the place key of the building, e.g. "building": "place:white-house"');
      entries.set(key, { key, name: raw.name, type, aliases, roles, affiliations, demonyms: dems, metonymOf: null, building, source: source ?? '', file });
      entryFile.set(key, file);
      for (const d of dems) {
        for (const form of [fold(d), fold(d) + 's']) {
          const had = demonyms.get(form);
          if (had && had !== key) continue; // shared demonyms (Congolese) stay with the first country
          demonyms.set(form, key);
        }
      }
      for (const c of caps) capitals.push({ file, name: c, country: key, source: source ?? '' });
    });
  }

  // Capitals are places in their own right, standing for their country in metonymic use.
  for (const c of capitals) {
    const key = `place:${slug(c.name)}`;
    const had = entries.get(key);
    if (had) { if (had.type === 'place') had.metonymOf ??= c.country; continue; }
    entries.set(key, { key, name: c.name, type: 'place', aliases: [], roles: [], affiliations: [], demonyms: [], metonymOf: c.country, building: null, source: c.source, file: c.file });
  }
  // Buildings that name an office are places in their own right, reached through the office's names.
  const buildings = new Set<string>();
  for (const e of [...entries.values()]) {
    if (!e.building || entries.has(e.building)) continue;
    buildings.add(e.building);
    entries.set(e.building, { key: e.building, name: e.name, type: 'place', aliases: [], roles: [], affiliations: [], demonyms: [], metonymOf: null, building: null, source: e.source, file: e.file });
  }
  for (const e of entries.values()) for (const a of e.affiliations) if (!entries.has(a))
    warn(e.file, e.key, `affiliation ${a} is not a kb entry`, `add an entry for ${a} or correct the key`);

  // The alias trie: every name and alias as folded words.
  const trie: TrieNode = { next: new Map(), hits: [] };
  let maxAliasWords = 1;
  const owner = new Map<string, string>();
  for (const e of entries.values()) {
    if (buildings.has(e.key)) continue;
    const forms = new Set([e.name, ...e.aliases]);
    for (const alias of forms) {
      // "the United Nations": the article is not part of the name.
      const toks = nameTokens(alias.startsWith('the ') ? alias.slice(4) : alias);
      if (!toks.length) continue;
      const id = toks.join(' ');
      const upper = isAcronym(alias) && toks.length === 1 && alias.replace(/[^\p{L}]/gu, '').length <= 6;
      const sig = `${id}|${upper ? 'U' : ''}`;
      const prev = owner.get(sig);
      if (prev && prev !== e.key) { err(e.file, e.key, `duplicate alias "${alias}", also an alias of ${prev} (${entries.get(prev)?.file})`, `keep "${alias}" on one entry only; the other mentions resolve by context`); continue; }
      if (prev) {
        // The same name written again ("Al-Aqsa Mosque", "al-Aqsa Mosque"): a lower-case variant allows lower-case text.
        if (/^\p{Ll}/u.test(alias)) {
          let n: TrieNode | undefined = trie;
          for (const t of toks) n = n?.next.get(t);
          for (const h of n?.hits ?? []) if (h.key === e.key) h.lowerStart = true;
        }
        const pa = words(alias).flatMap((w, k) => (w.poss ? [k] : []));
        if (pa.length) {
          let n: TrieNode | undefined = trie;
          for (const t of toks) n = n?.next.get(t);
          for (const h of n?.hits ?? []) if (h.key === e.key) for (const k of pa) if (!h.possAt.includes(k)) h.possAt.push(k);
        }
        {
          const ca = words(alias).flatMap((w, k) => (/^\p{Lu}/u.test(w.text) ? [k] : []));
          let n: TrieNode | undefined = trie;
          for (const t of toks) n = n?.next.get(t);
          for (const h of n?.hits ?? []) if (h.key === e.key && !h.upper) h.capAt = h.capAt.filter((k) => ca.includes(k));
        }
        continue;
      }
      owner.set(sig, e.key);
      if (demonyms.has(id) && toks.length === 1) warn(e.file, e.key, `alias "${alias}" is also a demonym`, 'demonyms are not mentions; drop the alias unless it names the entity itself');
      let node = trie;
      for (const t of toks) {
        let n = node.next.get(t);
        if (!n) { n = { next: new Map(), hits: [] }; node.next.set(t, n); }
        node = n;
      }
      const possAt = words(alias.startsWith('the ') ? alias.slice(4) : alias).flatMap((w, k) => (w.poss ? [k] : []));
      const capAt = words(alias.startsWith('the ') ? alias.slice(4) : alias).flatMap((w, k) => (/^\p{Lu}/u.test(w.text) ? [k] : []));
      const same = node.hits.find((h) => h.key === e.key && h.upper === upper);
      if (same) {
        for (const k of possAt) if (!same.possAt.includes(k)) same.possAt.push(k);
        same.capAt = same.capAt.filter((k) => capAt.includes(k));
        continue;
      }
      node.hits.push({ key: e.key, alias, upper, lowerStart: /^\p{Ll}/u.test(alias), possAt, capAt });
      maxAliasWords = Math.max(maxAliasWords, toks.length);
    }
  }

  // People: name forms for fuzzy matching, surnames, roles.
  const persons: PersonForm[] = [];
  const surnames = new Map<string, { key: string; norm: string }[]>();
  const roleWords = new Map<string, Set<string>[]>();
  for (const e of entries.values()) {
    if (e.type !== 'person') continue;
    for (const alias of new Set([e.name, ...e.aliases])) {
      const toks = nameTokens(alias);
      if (toks.length === 1) {
        const ph = phonetic(toks[0]!);
        const list = surnames.get(ph) ?? [];
        list.push({ key: e.key, norm: toks[0]! });
        surnames.set(ph, list);
        continue;
      }
      const form = splitName(toks, lexicon.particles);
      if (form) persons.push({ key: e.key, ...form, givenPh: phonetic(form.given), surnamePh: phonetic(form.surname), tokens: toks });
    }
    roleWords.set(e.key, e.roles.map((r) => roleContent(r)));
  }
  return { dir, entries, trie, maxAliasWords, demonyms, persons, surnames, roleWords, lexicon, givenNames, problems };
}

/** Given name and surname of a folded name ("khalil al hayya" -> khalil / hayya). */
export function splitName(toks: string[], particles: Set<string>): { given: string; surname: string } | null {
  const core = toks.filter((t) => !particles.has(t));
  if (core.length < 2) return null;
  return { given: core[0]!, surname: core[core.length - 1]! };
}

function emptyLexicon(): Lexicon {
  return { titles: new Set(), particles: new Set(), connectors: new Set(), notEntities: new Set(), generic: new Set(), honorifics: new Set(), lowerHeads: new Set(), timeWords: new Set(), metonymBefore: new Set(), locativeBefore: new Set(), bylines: [], credits: [], possessiveNameWords: new Set(), typeRules: [], metonymVerbs: new Set() };
}

const TYPES = new Set<EntityType>(['person', 'organization', 'country', 'group', 'place', 'other']);
const WHERE = new Set(['last', 'first', 'before', 'after', 'shape']);

/**
 * Adds one file's `lexicon` to `lex`: word lists are unions and type rules are appended, so a
 * dossier can extend the shipped lexicon (a rule with an id already seen replaces it in place).
 */
function compileLexicon(file: string, raw: unknown, problems: KbProblem[], lex: Lexicon = emptyLexicon()): Lexicon {
  if (!raw || typeof raw !== 'object') { problems.push({ severity: 'error', file, entry: 'lexicon', message: '"lexicon" is not an object', fix: 'see kb/README.md for its fields' }); return lex; }
  const r = raw as Record<string, unknown>;
  const add = (name: string, into: Set<string>) => {
    if (r[name] === undefined) return;
    const v = strings(r[name]);
    if (!v) { problems.push({ severity: 'error', file, entry: `lexicon.${name}`, message: 'not a list of strings', fix: `write "${name}": ["word", ...]` }); return; }
    for (const w of v) into.add(fold(w));
  };
  add('titles', lex.titles); add('particles', lex.particles); add('connectors', lex.connectors);
  add('notEntities', lex.notEntities); add('generic', lex.generic); add('metonymVerbs', lex.metonymVerbs);
  add('lowerHeads', lex.lowerHeads); add('possessiveNameWords', lex.possessiveNameWords); add('honorifics', lex.honorifics);
  add('timeWords', lex.timeWords); add('metonymBefore', lex.metonymBefore); add('locativeBefore', lex.locativeBefore);
  for (const [field, list] of [['bylinePatterns', lex.bylines], ['creditPatterns', lex.credits]] as const) {
    for (const [i, pat] of (strings(r[field]) ?? []).entries()) {
      try { list.push(new RegExp(pat, 'u')); } catch (e) {
        problems.push({ severity: 'error', file, entry: `lexicon.${field}[${i}]`, message: `bad regular expression: ${(e as Error).message}`, fix: 'write a JavaScript regular expression (u flag)' });
      }
    }
  }
  const rules = Array.isArray(r.typeRules) ? r.typeRules : [];
  rules.forEach((rule: any, i: number) => {
    const at = `lexicon.typeRules[${i}]${rule?.id ? ` (${rule.id})` : ''}`;
    if (!rule || typeof rule.id !== 'string' || !WHERE.has(rule.where) || !TYPES.has(rule.type) || !strings(rule.words)) {
      problems.push({ severity: 'error', file, entry: at, message: 'a type rule needs id, where (last|first|before|after|shape), type and words', fix: 'e.g. {"id": "head/org", "where": "last", "words": ["ministry"], "type": "organization"}' });
      return;
    }
    const compiled: TypeRule = { id: rule.id, where: rule.where, type: rule.type, words: new Set((rule.words as string[]).map(fold)),
      minWords: Number.isInteger(rule.minWords) ? rule.minWords : 1, maxWords: Number.isInteger(rule.maxWords) ? rule.maxWords : 99 };
    const at2 = lex.typeRules.findIndex((x) => x.id === compiled.id);
    if (at2 >= 0) lex.typeRules[at2] = compiled; else lex.typeRules.push(compiled);
  });
  return lex;
}
