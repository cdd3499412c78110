/**
 * @module bench/annotate
 * Benchmark of the annotate layer against bare wink-nlp tokenization, in one run over the same
 * texts: the shared corpus (seeds, dev, dev-links) repeated to about 2 MB (`--mb N` to change).
 * Input: ../shared/corpus (read at run time). Output: a report on stdout (`--json` for one JSON line).
 * Run: `npx tsc -p tsconfig.json && node dist/bench/annotate.js` (see bench/README.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/types.js';
import { getNlp } from '../src/text/nlp.js';
import { segment } from '../src/text/segment.js';
import { createPipeline } from '../src/pipeline.js';
import { loadKb } from '../src/kb/index.js';
import { findQuantities } from '../src/annotate/quantities.js';
import { findClauses } from '../src/annotate/clauses.js';
import { sentenceTokens } from '../src/annotate/sentence-tokens.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The project root: the nearest ancestor with package.json (works from bench/ and dist/bench/). */
function projectRoot(): string {
  let dir = here;
  for (let i = 0; i < 5 && !fs.existsSync(path.join(dir, 'package.json')); i++) dir = path.dirname(dir);
  return dir;
}

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] ?? null : null;
}

function corpusTexts(corpus: string): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const folder of ['seeds', 'dev', 'dev-links']) {
    const dir = path.join(corpus, folder);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
      out.push({ id: `${folder}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
    }
  }
  return out;
}

const article = (id: string, text: string): Article => ({
  id, text, title: null, outlet: null, url: null, published: null, language: 'en',
  source: { kind: 'txt', path: null }, stripped: [], headings: [],
});

async function main(): Promise<void> {
  const corpus = arg('--corpus') ?? path.resolve(projectRoot(), '../shared/corpus');
  const targetBytes = Number(arg('--mb') ?? '2') * 1024 * 1024;
  const base = corpusTexts(corpus);
  if (!base.length) {
    console.error(`bench/annotate: no .txt articles under ${corpus}/{seeds,dev,dev-links}; pass --corpus DIR`);
    process.exit(2);
  }
  // Repeat the corpus to the target size; each copy is a distinct Article so no cache is shared.
  const texts: { id: string; text: string }[] = [];
  let bytes = 0;
  for (let round = 0; bytes < targetBytes; round++) {
    for (const t of base) { texts.push({ id: `${t.id}#${round}`, text: t.text }); bytes += Buffer.byteLength(t.text); }
  }
  const kb = await loadKb(arg('--kb')).catch(async (e: Error) => {
    // A kb with errors must not stop the timing: run with an empty kb and say so.
    console.error(`bench/annotate: ${e.message}\n  timing with an empty kb instead (no entities); fix the kb for a full run`);
    return loadKb(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-kb-')));
  });
  const pipeline = createPipeline(kb);
  const nlp = getNlp();

  // Warm-up: load the model, JIT the code paths.
  for (const t of base.slice(0, 10)) { nlp.readDoc(t.text).tokens().out(); pipeline.analyse(article(t.id, t.text)); }

  // 1. bare tokenization
  let tokens = 0;
  let t0 = performance.now();
  for (const t of texts) tokens += nlp.readDoc(t.text).tokens().out().length;
  const bareMs = performance.now() - t0;

  // 2. the whole annotate layer: segment + annotate (entities, quantities, times, clauses)
  let quantities = 0, clauses = 0, entities = 0;
  t0 = performance.now();
  for (const t of texts) {
    const a = pipeline.analyse(article(t.id, t.text));
    quantities += a.quantities.length; clauses += a.clauses.length; entities += a.entities.length;
  }
  const annotateMs = performance.now() - t0;

  // 3. this layer alone (quantities + clauses, sharing one tokenization), on fresh articles, by step
  const step = { segment: 0, tokens: 0, quantities: 0, clauses: 0 };
  t0 = performance.now();
  for (const t of texts) {
    let a = performance.now();
    const seg = segment(article(t.id, t.text));
    let b = performance.now(); step.segment += b - a; a = b;
    sentenceTokens(seg);
    b = performance.now(); step.tokens += b - a; a = b;
    findQuantities(seg);
    b = performance.now(); step.quantities += b - a; a = b;
    findClauses(seg, []);
    step.clauses += performance.now() - a;
  }
  const layerMs = performance.now() - t0;

  const rssMb = process.resourceUsage().maxRSS / 1024;
  const n = texts.length;
  const report = {
    articles: n, mb: +(bytes / 1024 / 1024).toFixed(2), tokens,
    bare: { ms: Math.round(bareMs), articlesPerS: Math.round(n / (bareMs / 1000)), tokensPerS: Math.round(tokens / (bareMs / 1000)) },
    annotate: { ms: Math.round(annotateMs), articlesPerS: Math.round(n / (annotateMs / 1000)), tokensPerS: Math.round(tokens / (annotateMs / 1000)) },
    quantitiesAndClauses: { ms: Math.round(layerMs), articlesPerS: Math.round(n / (layerMs / 1000)),
      steps: Object.fromEntries(Object.entries(step).map(([k, v]) => [k, Math.round(v)])) },
    ratio: +(annotateMs / bareMs).toFixed(2),
    found: { entities, quantities, clauses },
    peakRssMb: Math.round(rssMb),
  };
  if (process.argv.includes('--json')) { console.log(JSON.stringify(report)); return; }
  const row = (name: string, r: { ms: number; articlesPerS: number; tokensPerS?: number }) =>
    console.log(`${name.padEnd(26)} ${String(r.ms).padStart(7)} ms  ${String(r.articlesPerS).padStart(6)} articles/s` +
      (r.tokensPerS !== undefined ? `  ${String(r.tokensPerS).padStart(8)} tokens/s` : ''));
  console.log(`bench annotate: ${n} articles, ${report.mb} MB, ${tokens} tokens (corpus ${corpus} repeated)`);
  row('wink tokenization (bare)', report.bare);
  row('segment + annotate', report.annotate);
  row('segment+quantities+clauses', report.quantitiesAndClauses);
  console.log(`  steps (ms)                 segment ${report.quantitiesAndClauses.steps.segment}, wink tokens ${report.quantitiesAndClauses.steps.tokens}, ` +
    `quantities ${report.quantitiesAndClauses.steps.quantities}, clauses ${report.quantitiesAndClauses.steps.clauses}`);
  console.log(`ratio annotate / bare        ${report.ratio}x`);
  console.log(`found                        ${entities} entities, ${quantities} quantities, ${clauses} clauses`);
  console.log(`peak RSS                     ${report.peakRssMb} MB`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
