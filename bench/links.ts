/**
 * @module bench/links
 * Benchmark of the linker (src/link): generates a large corpus from the demo corpus's sentences
 * (examples/articles/*.txt; a few built-in paragraphs when it is missing) and links it.
 * Families: an origin article plus exact copies, republications with a new top and a cut end
 * plus site junk, rewrites (synonyms, reworded content words, merged and swapped sentences) and
 * translation-like copies (respelled names, numbers in words, dropped articles, split sentences);
 * most articles are unrelated (templates recombined with fresh names, numbers and words).
 * Reports precision/recall of derived pairs, comparisons, wall and CPU time, peak memory per size,
 * and the time ratio of the two largest sizes (target <= 12x for 10x the articles; judged on CPU
 * time because the machine is shared, wall time printed too).
 *
 *   node dist/bench/links.js                    # sizes 10000,100000
 *   node dist/bench/links.js --sizes 1000,10000 # a quick run
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LinkDoc } from '../src/link/types.js';
import { linkCorpusWithStats } from '../src/link/corpus.js';
import { loadLinkLexicon } from '../src/link/lexicon.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = [path.resolve(here, '..'), path.resolve(here, '../..')].find((d) => fs.existsSync(path.join(d, 'package.json')))!;

const FALLBACK = `Negotiators from both delegations met in the capital on Monday to resume talks on a phased truce.
The first phase would last six weeks and see 33 captives freed in exchange for hundreds of detainees.
Mediators said the remaining gaps concerned the sequencing of withdrawals from the border corridor.
A senior official told reporters that a written reply was expected within two days.
The opposition leader criticised the draft, saying it offered no guarantee of a permanent end to the fighting.
Aid agencies warned that 600 trucks a day would be needed to meet basic needs in the enclave.
The envoy travelled on to a neighbouring capital for separate meetings with the foreign minister.
Families of the captives gathered outside the parliament building and demanded a deal before the holiday.
Officials on the other side denied that any agreement had been reached and accused their rivals of delay.
The talks are scheduled to continue next week, with technical teams meeting on Thursday.`;

// ---------- a seeded random source ----------
let seed = 12345;
// mulberry32
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const SYL = ['ka', 'ri', 'mo', 'ta', 'len', 'dor', 'vi', 'sa', 'nu', 'bel', 'gar', 'tho', 'mi', 'ran', 'zu', 'pe', 'lo', 'qui', 'fen', 'ash', 'or', 'el', 'dan', 'wik', 'sto', 'ber', 'hal', 'ju', 'nor', 'cas'];
const word = (n: number) => Array.from({ length: n }, () => pick(SYL)).join('');
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function templates(): string[] {
  const dir = path.join(root, 'examples', 'articles');
  const texts = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : [];
  const sents = texts.join('\n').split(/\n+|(?<=[.!?])\s+(?=[A-Z“"])/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 6 && /[.!?"”]$/.test(s));
  return sents.length >= 20 ? sents : FALLBACK.split('\n');
}

/** A fresh sentence from a template: new names, numbers and half the content words. */
function freshSentence(tpl: string): string {
  return tpl.replace(/\d[\d,.]*/g, () => String(1 + Math.floor(rnd() * 900)))
    .replace(/\b([A-Z][a-z]+)\b/g, (m, _w, off: number) => (off === 0 ? m : cap(word(2 + Math.floor(rnd() * 2)))))
    .replace(/\b([a-z]{4,})\b/g, (m) => (rnd() < 0.5 ? word(2 + Math.floor(rnd() * 2)) : m));
}

interface GenDoc extends LinkDoc { family: number; role: 'origin' | 'copy' }

const lex = loadLinkLexicon();
const synGroups = new Map<string, string[]>();
for (const [w, head] of lex.synonyms) { if (!w.includes(' ')) synGroups.set(head, [...(synGroups.get(head) ?? []), w]); }

function rewrite(sents: string[]): string[] {
  const out = sents.map((s) => s.replace(/\b([a-z]{3,})\b/g, (m) => {
    const head = lex.synonyms.get(m);
    if (head && rnd() < 0.7) return pick(synGroups.get(head) ?? [m]);
    if (m.length >= 5 && !lex.stop.has(m) && rnd() < 0.2) return word(2);
    return m;
  }));
  // merge two consecutive sentences, swap one adjacent pair
  const k = Math.floor(rnd() * (out.length - 1));
  if (out.length > 4) out.splice(k, 2, out[k]!.replace(/[.!?]$/, '') + ', and ' + out[k + 1]![0]!.toLowerCase() + out[k + 1]!.slice(1));
  const q = Math.floor(rnd() * (out.length - 1));
  if (out.length > 3) [out[q], out[q + 1]] = [out[q + 1]!, out[q]!];
  return out;
}

const NUMW = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
function translate(sents: string[]): string[] {
  const out: string[] = [];
  for (const s of sents) {
    let t = s.replace(/\b([A-Z][a-z]{3,})\b/g, (m, _w, off: number) => (off === 0 ? m : m.replace(/i/g, 'y').replace(/e(?=[a-z])/g, 'ie').replace(/c/g, 'k')))
      .replace(/\b(\d{1,2})\b/g, (m) => (Number(m) < NUMW.length ? NUMW[Number(m)]! : m))
      .replace(/\b(the|a) /g, (m) => (rnd() < 0.3 ? '' : m));
    const comma = t.indexOf(', ', Math.floor(t.length / 3));
    if (comma > 0 && t.length > 120) { out.push(t.slice(0, comma) + '.'); t = cap(t.slice(comma + 2)); }
    out.push(t);
  }
  return out;
}

function toDoc(id: string, sents: string[], family: number, role: GenDoc['role'], published: string | null, extra = ''): GenDoc {
  const paras = sents.map((s) => s.trim());
  const text = paras.join('\n\n') + extra;
  const sentences: LinkDoc['sentences'] = [];
  let pos = 0;
  for (const p of paras) {
    const start = text.indexOf(p, pos);
    // split the paragraph into sentences as the segmenter would
    const re = /[^.!?]+(?:[.!?]+["”’)]*|$)/g;
    for (let m = re.exec(p); m && m[0]; m = re.exec(p)) {
      const lead = m[0].length - m[0].trimStart().length, body = m[0].trim();
      if (body) sentences.push({ start: start + m.index + lead, end: start + m.index + lead + body.length });
    }
    pos = start + p.length;
  }
  if (extra.trim()) { const s = text.lastIndexOf(extra.trim()); sentences.push({ start: s, end: s + extra.trim().length }); }
  return { id, text, published, outlet: `outlet-${Math.floor(rnd() * 500)}`, sentences, family, role };
}

export function generate(n: number): GenDoc[] {
  seed = 12345;
  const tpls = templates();
  const docs: GenDoc[] = [];
  let family = 0;
  while (docs.length < n) {
    const f = family++;
    const len = 8 + Math.floor(rnd() * 7);
    const origin = Array.from({ length: len }, () => freshSentence(pick(tpls)));
    const day = `2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
    docs.push(toDoc(`g${f}`, origin, f, 'origin', day));
    const copies = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0;
    for (let c = 0; c < copies && docs.length < n; c++) {
      const kind = pick(['duplicate', 'republish', 'rewrite', 'translation'] as const);
      const date = rnd() < 0.5 ? day : null;
      let sents = origin;
      let extra = '';
      if (kind === 'republish') {
        const cut = Math.ceil(origin.length * (0.6 + rnd() * 0.3));
        sents = [freshSentence(pick(tpls)), ...origin.slice(0, cut)];
        extra = '\n\nFollow us on Facebook and X for the latest updates | Read more: World News';
      } else if (kind === 'rewrite') sents = rewrite(origin);
      else if (kind === 'translation') sents = translate(origin);
      docs.push(toDoc(`g${f}-${c + 1}`, sents, f, 'copy', date, extra));
    }
  }
  // arrival order is not family order
  for (let i = docs.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [docs[i], docs[j]] = [docs[j]!, docs[i]!]; }
  return docs;
}

function child(n: number): void {
  const docs = generate(n);
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  const { links, stats } = linkCorpusWithStats(docs, { withChanges: false });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  // CPU time (user + system, GC threads included) is what the ratio is judged on: the machine is shared
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const fam = new Map(docs.map((d) => [d.id, d.family]));
  const derived = links.pairs.filter((p) => p.kind !== 'same-event');
  const tp = derived.filter((p) => fam.get(p.a) === fam.get(p.b)).length;
  const famSize = new Map<number, number>();
  for (const d of docs) famSize.set(d.family, (famSize.get(d.family) ?? 0) + 1);
  let gold = 0;
  for (const s of famSize.values()) gold += (s * (s - 1)) / 2;
  const role = new Map(docs.map((d) => [d.id, d.role]));
  const dirOk = derived.filter((p) => p.source !== null && role.get(p.source) === 'origin' && fam.get(p.a) === fam.get(p.b)).length;
  const dirN = derived.filter((p) => fam.get(p.a) === fam.get(p.b) && (p.a.split('-').length === 1 || p.b.split('-').length === 1)).length;
  process.stdout.write(JSON.stringify({
    n, ms: Math.round(ms), cpuMs, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), comparisons: stats.comparisons,
    gold, sys: derived.length, tp, precision: derived.length ? tp / derived.length : 1, recall: gold ? tp / gold : 1,
    directionOnOriginPairs: dirN ? dirOk / dirN : null, sameEvent: stats.sameEvent, phases: stats.ms,
  }) + '\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--child');
  if (at >= 0) { child(Number(args[at + 1])); return; }
  const sizesArg = args.indexOf('--sizes');
  const sizes = (sizesArg >= 0 ? args[sizesArg + 1]! : '10000,100000').split(',').map(Number);
  const rows: any[] = [];
  for (const n of sizes) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) { process.stderr.write(r.stderr); throw new Error(`bench child for ${n} failed`); }
    const row = JSON.parse(r.stdout.trim().split('\n').pop()!);
    rows.push(row);
    process.stdout.write(`links n=${row.n}: ${row.ms} ms wall, ${row.cpuMs} ms CPU, peak RSS ${row.maxRssMB} MB, ${row.comparisons} comparisons (${(row.comparisons / row.n).toFixed(2)}/article), derived P ${row.precision.toFixed(3)} R ${row.recall.toFixed(3)} (tp ${row.tp}, gold ${row.gold}, sys ${row.sys}), direction ${row.directionOnOriginPairs?.toFixed(3)}; phases ms ${JSON.stringify(row.phases)}\n`);
  }
  if (rows.length >= 2) {
    const [a, b] = rows.slice(-2);
    process.stdout.write(`time ratio ${b.n}/${a.n} articles: CPU ${(b.cpuMs / a.cpuMs).toFixed(2)}x, wall ${(b.ms / a.ms).toFixed(2)}x, for ${(b.n / a.n).toFixed(0)}x the articles (target <= 12x)\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
