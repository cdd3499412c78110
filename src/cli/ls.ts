/**
 * @module cli/ls
 * `parley ls`: the stored articles, one line each (or NDJSON with --json).
 */
import type { StoreOpts } from './main.js';
import { openStore } from '../store/index.js';

export async function run(opts: StoreOpts & { limit?: number; json?: boolean }): Promise<void> {
  const store = await openStore({ location: opts.db, mustExist: true });
  try {
    const rows = await store.listArticles({ limit: opts.limit });
    if (opts.json) { for (const r of rows) process.stdout.write(JSON.stringify(r) + '\n'); return; }
    if (!rows.length) { process.stdout.write(`no articles in ${store.location}; add some with \`parley add PATH\`\n`); return; }
    const w = Math.max(...rows.map((r) => String(r.id).length));
    for (const r of rows) {
      const title = r.title ?? '(no title)';
      process.stdout.write(`${String(r.id).padStart(w)}  ${r.name.padEnd(22)} ${(r.published ?? '----------').padEnd(10)}  ${(r.outlet ?? '').slice(0, 22).padEnd(22)}  ${r.language}  ${String(r.sentences).padStart(3)} sent.  ${title.slice(0, 70)}\n`);
    }
    const total = await store.countArticles();
    process.stdout.write(`${rows.length} of ${total} article(s) in ${store.location}\n`);
  } finally {
    await store.close();
  }
}
