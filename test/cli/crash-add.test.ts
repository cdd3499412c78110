/**
 * `parley add` killed with SIGKILL in the middle of a large batch, on the embedded store and on
 * PostgreSQL: what was stored is whole (doctor finds nothing), and running the same command again
 * stores the rest with every earlier article reported as a duplicate, none stored twice.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, corpusFiles, tempDir } from '../helpers.js';
import { BACKENDS, freshPlace, type Place } from '../store/backends.js';
import { openStore } from '../../src/store/index.js';

// Real articles: the shared corpus and the demo corpus, copied flat into one input directory.
const inputs = tempDir('parley-crash-inputs-');
const sources = [...corpusFiles('seeds'), ...corpusFiles('dev'), ...corpusFiles('dev-links'),
  ...fs.readdirSync(path.join(ROOT, 'examples/articles')).filter((f) => f.endsWith('.txt')).map((f) => path.join(ROOT, 'examples/articles', f))];
sources.forEach((f, i) => fs.copyFileSync(f, path.join(inputs, `${String(i).padStart(3, '0')}-${path.basename(f)}`)));
const N = sources.length;

function addUntilKilled(db: string, afterAdded: number): Promise<{ added: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'add', inputs, '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let added = 0, buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
        if (line.includes('"event":"added"') && ++added === afterAdded) setTimeout(() => child.kill('SIGKILL'), 150);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ added, signal }));
  });
}

describe.each(BACKENDS)('kill -9 during `parley add`, on $name', ({ name, skip }) => {
  let place: Place | undefined;
  afterAll(async () => { await place?.cleanup(); });

  it.skipIf(skip)('keeps whole articles only and a rerun finishes without duplicates', { timeout: 240_000 }, async () => {
    place = await freshPlace(name, { template: false });
    const killed = await addUntilKilled(place.location, 25);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.added).toBeLessThan(N);

    const store = await openStore({ location: place.location, mustExist: true });
    let before: number;
    try {
      before = await store.countArticles();
      expect(before).toBeGreaterThanOrEqual(killed.added);
      expect(before).toBeLessThan(N);
      for await (const a of store.iterateArticles()) {
        expect(a.segmented.sentences.length).toBeGreaterThan(0);
        for (const s of a.segmented.sentences) expect(a.article.text.slice(s.start, s.end).trim().length).toBeGreaterThan(0);
      }
    } finally {
      await store.close();
    }

    const doctor = spawnSync(process.execPath, [BIN, 'doctor', '--db', place.location], { encoding: 'utf8' });
    expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0);

    const rerun = spawnSync(process.execPath, [BIN, 'add', inputs, '--db', place.location, '--json'], { encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout.trim().split('\n').pop()!);
    expect(summary.counts.duplicate).toBe(before);
    expect(summary.counts.added).toBe(N - before);

    const after = await openStore({ location: place.location, mustExist: true });
    try { expect(await after.countArticles()).toBe(N); } finally { await after.close(); }
  });
});
