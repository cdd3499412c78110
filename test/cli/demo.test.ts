/**
 * `parley demo` as a new user runs it, checked against the answer key in examples/README.md:
 * every demo article stored, name variants under one actor, the copies found, and the relative
 * dates of the demo corpus resolved as the key says.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers.js';
import { readSources } from '../../src/ingest/index.js';
import { segment } from '../../src/text/segment.js';
import { findTimes } from '../../src/annotate/time.js';

const readme = fs.readFileSync(path.join(ROOT, 'examples/README.md'), 'utf8');
const key = JSON.parse(readme.match(/```json\n([\s\S]*?)\n```/)![1]!) as {
  derived: { a: string; b: string; source: string | null }[];
  sameEvent: { a: string; b: string }[];
  dates: { doc: string; text: string; date: string }[];
};

describe('parley demo', () => {
  const db = path.join(tempDir('parley-demo-test-'), 'store');
  let out = '';
  beforeAll(() => {
    const r = spawnSync(process.execPath, [BIN, 'demo', '--db', db], { encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    out = r.stdout;
  }, 240_000);

  it('stores the articles, the HTML page and the feed items, and prints each section', () => {
    const txt = fs.readdirSync(path.join(ROOT, 'examples/articles')).filter((f) => f.endsWith('.txt')).length;
    const m = out.match(/== Articles \((\d+)\)/);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(txt + 1 + 3);
    for (const section of ['== Actors', '== Numbers', '== Copies']) expect(out).toContain(section);
  });

  it('lists spelling variants under one actor', () => {
    const witkoff = out.split('\n').find((l) => /^\s+Steve Witkoff\s/.test(l));
    expect(witkoff).toBeDefined();
    expect(witkoff).toMatch(/Wietkoff/);
  });

  it('finds the copies the answer key lists, and not the independent pair', () => {
    const linksFile = path.join(path.dirname(db), 'links.json');
    const r = spawnSync(process.execPath, [BIN, 'links', '--db', db, '--out', linksFile], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const pairs = JSON.parse(fs.readFileSync(linksFile, 'utf8')).pairs as { a: string; b: string; kind: string; source: string | null }[];
    const derived = pairs.filter((p) => p.kind !== 'same-event');
    const has = (a: string, b: string) => derived.some((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    const found = key.derived.filter((k) => has(k.a, k.b)).length;
    expect(found / key.derived.length).toBeGreaterThanOrEqual(0.8);
    for (const s of key.sameEvent) expect(has(s.a, s.b), `${s.a} ~ ${s.b}`).toBe(false);
  });

  it('resolves the relative dates of the demo corpus as the key says', async () => {
    const dir = path.join(ROOT, 'examples/articles');
    let ok = 0, n = 0;
    for await (const item of readSources([dir])) {
      if (item.kind !== 'article') continue;
      const times = findTimes(segment(item.article));
      for (const d of key.dates.filter((d) => d.doc === item.article.id)) {
        n++;
        if (times.some((t) => t.text.includes(d.text.replace(/^(on|in|at) /, '')) && t.date === d.date)) ok++;
      }
    }
    expect(n).toBeGreaterThan(20);
    expect(ok / n).toBeGreaterThanOrEqual(0.85);
  });
});
