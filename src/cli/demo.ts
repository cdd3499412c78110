/**
 * @module cli/demo
 * `parley demo`: ingests examples/ (articles, an HTML page, a feed) into a fresh embedded store
 * and prints what Parley knows: the articles, the actors under every spelling, the numbers, and
 * which reports are copies of which.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { examplesDir } from '../paths.js';
import { openStore } from '../store/index.js';
import type { StoredArticle } from '../store/types.js';
import { ParleyError } from '../errors.js';
import { addInputs } from './add.js';
import { aggregateActors } from '../annotate/actors.js';

export async function run(opts: { db?: string }): Promise<void> {
  const dir = examplesDir();
  if (!fs.existsSync(dir)) throw new ParleyError(`demo: the demo corpus is missing (${dir})`, { hint: 'run the demo from a full checkout of Parley' });
  const location = opts.db ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parley-demo-'));
  const isUrl = /^postgres(ql)?:\/\//i.test(location);
  if (!isUrl && opts.db && fs.existsSync(opts.db)) {
    if (!fs.statSync(opts.db).isDirectory()) throw new ParleyError(`demo: ${opts.db} is a file, not a directory`, { hint: 'give --db a new directory, or leave it out to use a temporary one' });
    if (fs.readdirSync(opts.db).length) throw new ParleyError(`demo: ${opts.db} is not empty; the demo wants a fresh store`, { hint: 'give --db a new directory, or leave it out to use a temporary one' });
  }
  const out = (s = '') => process.stdout.write(s + '\n');
  out(`Parley demo: reading ${path.relative(process.cwd(), dir) || dir} into a fresh store at ${isUrl ? '(database)' : location}\n`);
  const store = await openStore({ location });
  try {
    if (await store.countArticles()) {
      throw new ParleyError(`demo: ${store.location} already holds articles; the demo wants a fresh store`, { hint: 'give --db an empty database or a new directory, or leave it out to use a temporary one' });
    }
    const inputs = ['articles', 'pages', 'feeds'].map((d) => path.join(dir, d)).filter((d) => fs.existsSync(d));
    await addInputs(inputs, { progress: false }, store);

    const articles: StoredArticle[] = [];
    for await (const a of store.iterateArticles()) articles.push(a);
    const byId = new Map(articles.map((a) => [a.id, a]));

    out(`\n== Articles (${articles.length})`);
    for (const a of articles) {
      out(`  #${String(a.id).padEnd(3)} ${(a.published ?? '----------')}  ${(a.outlet ?? '?').slice(0, 24).padEnd(24)} ${(a.title ?? a.name).slice(0, 60)}` +
        (a.article.stripped.length ? `  [${a.article.stripped.length} junk block(s) stripped]` : ''));
    }

    // The same tally `parley actors` prints.
    const actors = aggregateActors(articles);
    out(`\n== Actors (${actors.length}; the 20 in most articles, with every spelling seen)`);
    for (const a of actors.slice(0, 20)) {
      out(`  ${fit(a.name, 30)} ${a.type.padEnd(12)} ${String(a.articles).padStart(2)} article(s)  ${a.spellings.map((s) => s.text).join(' | ')}`);
    }

    const units = new Map<string, number[]>();
    for (const a of articles) for (const q of a.quantities) {
      const u = q.unit ?? '?';
      units.set(u, [...(units.get(u) ?? []), q.value]);
    }
    out(`\n== Numbers (${[...units.values()].reduce((n, v) => n + v.length, 0)}), by what they count`);
    for (const [u, vals] of [...units.entries()].sort((x, y) => y[1].length - x[1].length).slice(0, 12)) {
      out(`  ${u.padEnd(14)} ${[...new Set(vals)].sort((x, y) => x - y).slice(0, 12).join(', ')}`);
    }

    const links = await store.listLinks();
    const derived = links.filter((l) => l.kind !== 'same-event');
    out(`\n== Copies (${derived.length} derivation link(s); ${links.length - derived.length} independent same-event pair(s))`);
    for (const l of derived) {
      const a = byId.get(l.a), b = byId.get(l.b);
      const src = l.source == null ? 'common origin' : `source #${l.source}`;
      out(`  ${l.kind.padEnd(11)} #${l.a} ${a?.outlet ?? ''} ~ #${l.b} ${b?.outlet ?? ''}  (${src}, score ${l.score.toFixed(2)})`);
    }
    out(`\nTry: parley show 1 --db ${location}   parley actors --db ${location}   parley sources --db ${location}`);
  } finally {
    await store.close();
  }
}

/** Pads or cuts to `n` characters, so long names keep the columns aligned. */
const fit = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
