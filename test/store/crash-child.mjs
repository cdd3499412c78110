// Child process for the crash and lock tests: drives the compiled store (dist/) so a test can
// kill it with SIGKILL mid-write or hold a store open from a second process.
//   node crash-child.mjs write <location> <from> <to>   adds synthetic articles from..to-1, one line each
//   node crash-child.mjs big <location> <sentences>     adds one huge article (a long transaction)
//   node crash-child.mjs hold <location> <ms>           opens, prints "open", waits <ms> or for SIGUSR2, closes
// Env: LOCK_WAIT_MS (default 0). Expected failures print "error: <message>" and exit 3.
import { createHash } from 'node:crypto';
import { openStore } from '../../dist/src/store/index.js';

const [mode, location, a, b] = process.argv.slice(2);
const lockWaitMs = Number(process.env.LOCK_WAIT_MS ?? 0);
const say = (line) => process.stdout.write(line + '\n');

/** Made-up text for article i: many short sentences, so each write is a real multi-row transaction. */
function build(i) {
  let text = '';
  const paragraphs = [], sentences = [];
  for (let p = 0; p < 12; p++) {
    if (p) text += '\n\n';
    const ps = text.length;
    for (let k = 0; k < 8; k++) {
      if (k) text += ' ';
      const st = text.length;
      text += `Item ${i}-${p}-${k} was discussed by Committee ${(i * 31 + p * 7 + k) % 97} for ${k + 1} hours.`;
      sentences.push({ start: st, end: text.length, paragraph: p, heading: false });
    }
    paragraphs.push({ start: ps, end: text.length });
  }
  return { text, paragraphs, sentences };
}

function writeOf(i) {
  const { text, paragraphs, sentences } = build(i);
  const article = { id: `a${i}`, text, title: `Article ${i}`, outlet: 'Child Wire', url: null, published: '2025-01-15', language: 'en',
    source: { kind: 'txt', path: `a${i}.txt` }, stripped: [], headings: [] };
  const entities = [...text.matchAll(/Committee \d+/g)].slice(0, 40).map((m, n) => ({
    id: `e${n + 1}`, key: `organization:${m[0].toLowerCase().replace(' ', '-')}`, name: m[0], type: 'organization', role: null,
    mentions: [{ start: m.index, end: m.index + m[0].length, text: m[0] }], confidence: 1 }));
  const quantities = [...text.matchAll(/\b(\d+) hours/g)].map((m) => ({
    start: m.index, end: m.index + m[1].length, value: Number(m[1]), approx: false, unit: 'hour', what: 'hours', text: m[1] }));
  const keys = [...new Set(text.match(/Committee \d+/g))].map((k) => `n:${k}`).concat([`h:${createHash('sha1').update(text).digest('hex').slice(0, 12)}`]);
  return { article, hash: '', segmented: { article, language: 'en', analysable: true, paragraphs, sentences, messages: [] },
    entities, quantities, fingerprint: { keys: keys.length }, fingerprintKeys: keys };
}

try {
  if (mode === 'write') {
    const store = await openStore({ location, lockWaitMs, onLockWait: (m) => say(`waiting ${m}`) });
    say(`open ${process.pid}`);
    for (let i = Number(a); i < Number(b); i++) {
      const [o] = await store.addArticles([writeOf(i)]);
      say(`${o.status} ${i}`);
    }
    await store.close();
    say('done');
  } else if (mode === 'big') {
    // One article with <a> sentences: its transaction is long enough to be killed inside.
    const store = await openStore({ location, lockWaitMs });
    const n = Number(a);
    const unit = 'Point was noted. ';
    const text = unit.repeat(n).trimEnd();
    const sentences = Array.from({ length: n }, (_, k) => ({ start: k * unit.length, end: k * unit.length + unit.length - 1, paragraph: 0, heading: false }));
    const article = { id: 'big', text, title: null, outlet: null, url: null, published: null, language: 'en', source: { kind: 'txt', path: null }, stripped: [], headings: [] };
    const quantities = sentences.map((s) => ({ start: s.start, end: s.start + 5, value: 1, approx: false, unit: null, what: null, text: 'Point' }));
    say('writing big');
    const [o] = await store.addArticles([{ article, hash: '', segmented: { article, language: 'en', analysable: true, paragraphs: [{ start: 0, end: text.length }], sentences, messages: [] },
      entities: [], quantities, fingerprint: { big: true }, fingerprintKeys: ['big'] }]);
    say(`${o.status} big`);
    await store.close();
    say('done');
  } else if (mode === 'hold') {
    const store = await openStore({ location, lockWaitMs, onLockWait: (m) => say(`waiting ${m}`) });
    say(`open ${process.pid}`);
    // Holds for <ms>, or until SIGUSR2 (the test's "let go now").
    await new Promise((r) => { const t = setTimeout(r, Number(a)); process.once('SIGUSR2', () => { clearTimeout(t); r(); }); });
    await store.close();
    say('closed');
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (err) {
  process.stderr.write(`error: ${err?.message ?? err}\n`);
  process.exit(err?.name === 'ParleyError' ? 3 : 4);
}
