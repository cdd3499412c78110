/** The entity layer on the shared corpus (seeds and dev), read at run time. */
import { describe, expect, it, beforeAll } from 'vitest';
import { corpusFiles } from '../helpers.js';
import { corpusEntities, byKey, mentionTexts, article } from './helpers.js';
import { segment } from '../../src/text/segment.js';
import { findEntities } from '../../src/annotate/entities.js';
import { loadKb } from '../../src/kb/index.js';

type Doc = Awaited<ReturnType<typeof corpusEntities>>[number];
let seeds: Doc[] = [];
let dev: Doc[] = [];

beforeAll(async () => {
  seeds = await corpusEntities(corpusFiles('seeds'));
  dev = await corpusEntities(corpusFiles('dev'));
});

describe('entities on the corpus', () => {
  it('reads every seed and dev article and finds entities in each', () => {
    expect(seeds.length).toBe(5);
    expect(dev.length).toBeGreaterThanOrEqual(20);
    for (const d of [...seeds, ...dev]) expect(d.entities.length, d.id).toBeGreaterThan(2);
  });

  it('gives mentions that are exact slices of the text, never overlapping, with valid keys', () => {
    for (const d of [...seeds, ...dev]) {
      const spans = d.entities.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
      for (const m of spans) expect(d.text.slice(m.start, m.end), d.id).toBe(m.text);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start, `${d.id} ${spans[i]!.text}`).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      const ids = new Set(d.entities.map((e) => e.id));
      expect(ids.size).toBe(d.entities.length);
      for (const e of d.entities) {
        expect(e.key).toMatch(/^(person|org|country|group|place|other):[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(new Set(d.entities.filter((x) => x.key === e.key)).size, `${d.id} ${e.key} twice`).toBe(1);
      }
    }
  });

  it('resolves every spelling of Witkoff to one key, in every article', () => {
    const seen = new Set<string>();
    for (const d of [...seeds, ...dev]) {
      for (const e of d.entities) for (const m of e.mentions) {
        if (/^(?:Steve |Steven )?(?:Witkoff|Wietkoff|Whittaker)$/.test(m.text)) { expect(e.key, `${d.id} ${m.text}`).toBe('person:steve-witkoff'); seen.add(m.text); }
      }
    }
    // The seeds and dev spell him at least three ways.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    const w = seeds.flatMap((d) => d.entities).find((e) => e.key === 'person:steve-witkoff' && e.mentions.some((m) => m.text.includes('Whittaker')));
    expect(w?.confidence).toBeLessThan(1);
    expect(w?.role).toMatch(/envoy/i);
  });

  it('keeps Hamas and the Islamic Resistance Movement one entity', () => {
    const docs = [...seeds, ...dev].filter((d) => mentionTexts(d.entities).includes('Islamic Resistance Movement'));
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      const h = byKey(d.entities, 'group:hamas');
      expect(h?.type).toBe('group');
      expect(h?.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['Hamas', 'Islamic Resistance Movement']));
    }
  });

  it('never makes a demonym a mention, and keeps titles out of mentions', async () => {
    const kb = await loadKb();
    for (const d of [...seeds, ...dev]) {
      for (const t of mentionTexts(d.entities)) {
        expect(kb.demonyms.has(t.toLowerCase()), `${d.id} "${t}"`).toBe(false);
        expect(t, d.id).not.toMatch(/^(?:Dr|Mr|Mrs|Ms|Sheikh|President|Prime Minister|Minister|Secretary)\b/);
      }
    }
  });

  it('finds the transliteration variants of one person across articles (Edan/Aidan Alexander)', () => {
    const keys = new Set<string>();
    for (const d of dev) for (const e of d.entities) if (e.mentions.some((m) => /^(?:Edan|Aidan) Alexander$/.test(m.text))) keys.add(e.key);
    expect([...keys]).toEqual(['person:edan-alexander']);
  });

  it('types countries, groups, places and people from the kb', () => {
    const all = [...seeds, ...dev].flatMap((d) => d.entities);
    const typeOf = (k: string) => new Set(all.filter((e) => e.key === k).map((e) => e.type));
    expect([...typeOf('country:united-states')]).toEqual(['country']);
    expect([...typeOf('place:philadelphi-corridor')]).toEqual(['place']);
    expect([...typeOf('group:houthis')]).toEqual(['group']);
    expect([...typeOf('person:khalil-al-hayya')]).toEqual(['person']);
    // "United States", "U.S." and "US" in one article are one entity.
    const multi = [...seeds, ...dev].map((d) => byKey(d.entities, 'country:united-states')).filter((e) => e && new Set(e.mentions.map((m) => m.text)).size >= 2);
    expect(multi.length).toBeGreaterThan(3);
    for (const e of multi) for (const m of e!.mentions) expect(['United States', 'U.S.', 'US', 'USA', 'America', 'Washington', 'Trump administration', 'Trump Administration', 'Biden administration']).toContain(m.text);
  });

  it('runs fast: dev articles, segmented, warm, well over 30 a second even on a loaded CI core', async () => {
    const kb = await loadKb();
    const segs = dev.map((d) => segment(article(d.text, d.id)));
    for (const s of segs.slice(0, 3)) findEntities(s, kb);
    const t0 = performance.now();
    for (const s of segs) findEntities(s, kb);
    const perSecond = segs.length / ((performance.now() - t0) / 1000);
    expect(perSecond).toBeGreaterThan(30);
  });
});
