import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/links.js';
import { linkCorpusWithStats } from '../../src/link/index.js';

function run(n: number) {
  const docs = generate(n);
  const { links, stats } = linkCorpusWithStats(docs, { withChanges: false });
  const fam = new Map(docs.map((d) => [d.id, d.family]));
  const size = new Map<number, number>();
  for (const d of docs) size.set(d.family, (size.get(d.family) ?? 0) + 1);
  let gold = 0;
  for (const s of size.values()) gold += (s * (s - 1)) / 2;
  const derived = links.pairs.filter((p) => p.kind !== 'same-event');
  const tp = derived.filter((p) => fam.get(p.a) === fam.get(p.b)).length;
  return { stats, gold, tp, sys: derived.length };
}

describe('candidate search', () => {
  it('never compares all pairs, and comparisons grow linearly with the corpus', () => {
    const small = run(150), big = run(600);
    expect(small.stats.comparisons).toBeLessThan((150 * 149) / 2 / 5);
    expect(big.stats.comparisons).toBeLessThan((600 * 599) / 2 / 15);
    // 4x the articles: at most ~6x the comparisons (all pairs would be 16x)
    expect(big.stats.comparisons / small.stats.comparisons).toBeLessThan(6);
  });

  it('finds the generated copies, rewrites and translations and links nothing else', () => {
    const r = run(600);
    expect(r.gold).toBeGreaterThan(50);
    expect(r.tp / r.sys).toBeGreaterThanOrEqual(0.98);
    expect(r.tp / r.gold).toBeGreaterThanOrEqual(0.9);
  });
});
