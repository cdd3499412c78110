import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findQuantities } from '../../src/annotate/quantities.js';
import { segment } from '../../src/text/segment.js';
import type { Article, Quantity } from '../../src/types.js';
import { CORPUS, corpusFiles } from '../helpers.js';

const article = (text: string, id = 't'): Article => ({
  id, text, title: null, outlet: null, url: null, published: null, language: 'en',
  source: { kind: 'txt', path: null }, stripped: [], headings: [],
});
const quantities = (text: string): Quantity[] => findQuantities(segment(article(text)));
const brief = (text: string) => quantities(text).map((q) => `${q.value} ${q.unit}${q.approx ? ' ~' : ''}`);

describe('numbers and units', () => {
  it('reads digits, separators, multipliers and number words', () => {
    expect(brief('The plan covers 2.3 million residents and 31,000 homes.')).toEqual(['2300000 resident', '31000 home']);
    expect(brief('Negotiators exchanged fifty names and then ten more names.')).toEqual(['50 name', '10 name']);
    expect(brief('Fifty-seven hostages remain, and one hundred and fifty prisoners wait.')).toEqual(['57 hostage', '150 prisoner']);
    expect(brief('Some outlets print 2 000 detainees with a space.')).toEqual(['2000 detainee']);
    expect(brief('They asked for a dozen trucks and a hundred tents.')).toEqual(['12 truck', '100 tent']);
  });

  it('reads measures written with a hyphen and halves', () => {
    expect(brief('A six-week truce and a 42-day pause for a 21-year-old.')).toEqual(['6 week', '42 day', '21 year']);
    expect(brief('It lasted four-and-a-half months, then a four and a half year plan.')).toEqual(['4.5 month', '4.5 year']);
  });

  it('reads money, percent and percentage points', () => {
    expect(brief('The fund holds $1.5 billion after a 4.5 percent rise.')).toEqual(['1500000000 dollar', '4.5 percent']);
    expect(brief('Rates fell 115 percentage points to 30%, then 20 per cent.')).toEqual(['115 point', '30 percent', '20 percent']);
    expect(brief('Officials pledged €300 million.')).toEqual(['300000000 euro']);
  });

  it('marks hedged numbers approximate and splits ranges', () => {
    expect(brief('About 40 people and more than 200 families fled.')).toEqual(['40 person ~', '200 family ~']);
    expect(brief('Between 700 and 1,000 trucks a day.')).toEqual(['700 truck ~', '1000 truck ~']);
    expect(brief('Officials expect 700-1,000 trucks.')).toEqual(['700 truck ~', '1000 truck ~']);
    expect(brief('It could take two or three days.')).toEqual(['2 day ~', '3 day ~']);
  });

  it('keeps each explicit number of a ratio', () => {
    expect(brief('The deal frees 30 detainees for every one soldier.')).toEqual(['30 detainee', '1 soldier']);
  });

  it('leaves out dates, years, clock times, ordinals, vague words and labels', () => {
    expect(brief('On October 7, 2023 and on 19 January 2025 talks resumed at 10:30 a.m.')).toEqual([]);
    expect(brief('The first phase began in 2024, with dozens of trucks and hundreds of people.')).toEqual([]);
    expect(brief('Resolution 2735 and Phase 2 were discussed on Route 4; call 0501234567.')).toEqual([]);
    expect(brief('The 1967 lines matter to the 1948 war.')).toEqual([]);
    expect(brief('He spoke three days ago.')).toEqual([]);
    expect(brief('Call +1 202 555 0100 for the 5 min read.')).toEqual([]);
  });

  it('leaves out the pronoun one', () => {
    expect(brief('One of the mediators said no one knew which one was the one that mattered.')).toEqual([]);
    expect(brief('They blamed one another, and at one point walked out.')).toEqual([]);
    expect(brief('She flew aboard Air Force One with the Big Three leaders.')).toEqual([]);
  });

  it('gives a bare number the noun it refers back to', () => {
    const qs = quantities('The army named six soldiers, one living and five dead, and 250 detainees (100 serving long sentences).');
    expect(qs.map((q) => `${q.value} ${q.unit}`)).toEqual(['6 soldier', '1 soldier', '5 soldier', '250 detainee', '100 detainee']);
  });

  it('reads partitives and counts people by the role the text gives them', () => {
    expect(brief('Two of the four rounds failed.')).toEqual(['2 round', '4 round']);
    const qs = quantities('Militants hold Freedonian captives. The exchange would free 12 Freedonians for 90 Sylvanians held in Sylvanian prisons.');
    expect(qs.map((q) => `${q.value} ${q.unit} ${q.what}`)).toEqual(['12 captive Freedonians', '90 person Sylvanians']);
    expect(brief('The attack killed 1,200 people.')).toEqual(['1200 person']);
  });

  it('reads a union wage deal as well as a ceasefire', () => {
    const text = 'Union ratifies contract\n\nThe union said 12,000 workers will get a 4.5 percent raise over three years, ' +
      'with $2,500 bonuses and a 90-day review. About 600 nurses at two hospitals struck for 10 days.';
    expect(brief(text)).toEqual(['12000 worker', '4.5 percent', '3 year', '2500 dollar', '90 day', '600 nurse ~', '2 hospital', '10 day']);
  });
});

describe('more shapes from other negotiations', () => {
  it('reads ratios, model numbers, months next to counts and fractions', () => {
    expect(brief('The sides swapped 1,000 prisoners each in a 1,000-for-1,000 exchange.')).toEqual(['1000 prisoner', '1000 prisoner']);
    expect(brief('The airline ordered 50 Boeing 737 jets.')).toEqual(['50 jet']);
    expect(brief('In November 110 miners were freed.')).toEqual(['110 miner']);
    expect(brief('Two-thirds of the aid and a quarter of the fuel arrived.')).toEqual(['0.6666666666666666 aid', '0.25 fuel']);
    expect(brief('At least 25 people were killed and 100 wounded.')).toEqual(['25 person ~', '100 person']);
    expect(brief('Iran enriches uranium to 60 percent, far above the 3.67 percent cap, at 0900 GMT.')).toEqual(['60 percent', '3.67 percent']);
  });
});

describe('spans', () => {
  it('gives the shortest span with the number and the counted noun, and the counted phrase', () => {
    const text = 'The release of 27 Israeli hostages began.';
    const [q] = quantities(text);
    expect(q).toMatchObject({ value: 27, unit: 'hostage', what: 'Israeli hostages', text: '27 Israeli hostages' });
    expect(text.slice(q!.start, q!.end)).toBe(q!.text);
  });

  it('reads headings and skips stripped junk', () => {
    const text = 'Hamas Frees Three Hostages\n\nSubscribe to get 5 newsletters a week\n\nThe group freed three hostages.';
    const a = article(text);
    const junk = text.indexOf('Subscribe');
    a.stripped = [{ start: junk, end: text.indexOf('\n\nThe'), reason: 'junk/newsletter' }];
    a.headings = [{ start: 0, end: text.indexOf('\n') }];
    const qs = findQuantities(segment(a));
    expect(qs.map((q) => `${q.value} ${q.unit}`)).toEqual(['3 hostage', '3 hostage']);
  });

  it('stays linear on one huge sentence full of numbers', () => {
    const text = Array.from({ length: 12000 }, (_, i) => `${(i % 90) + 2} hostages, one living`).join(' and ');
    const t0 = performance.now();
    const qs = quantities(text);
    expect(performance.now() - t0).toBeLessThan(15000);
    expect(qs.length).toBeGreaterThan(12000);
  });

  it('never crashes, keeps spans inside the text and values finite (property)', () => {
    const words = ['one', 'two', 'fifty', 'hundred', 'million', 'and', 'a', 'half', '-', '–', ',', '.', '%', '$', '1,000', '2.5',
      '2024', '10:30', 'of', 'the', 'hostages', 'prisoners', 'days', 'Israeli', 'about', 'per', 'cent', '(', ')', '700-1,000', 'week'];
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
      const text = parts.join(' ');
      for (const q of quantities(text)) {
        expect(Number.isFinite(q.value)).toBe(true);
        expect(q.start).toBeGreaterThanOrEqual(0);
        expect(q.end).toBeLessThanOrEqual(text.length);
        expect(q.start).toBeLessThan(q.end);
        expect(text.slice(q.start, q.end)).toBe(q.text);
      }
    }), { numRuns: 300 });
  });
});

/** The scorer's rule: a system quantity matches a gold one when the value is the same and the spans overlap. */
function score(folder: string) {
  let tp = 0, gold = 0, sys = 0, unitOk = 0;
  for (const file of corpusFiles(folder)) {
    const id = path.basename(file, '.txt');
    const g = JSON.parse(fs.readFileSync(path.join(CORPUS, 'gold', folder, `${id}.json`), 'utf8'));
    const text = fs.readFileSync(file, 'utf8');
    const qs = findQuantities(segment(article(text, id)));
    for (const q of qs) expect(text.slice(q.start, q.end)).toBe(q.text);
    const used = new Set<Quantity>();
    for (const gq of g.quantities as { value: number; unit: string; quote: string; occurrence?: number }[]) {
      let at = -1;
      for (let k = 0; k < (gq.occurrence ?? 1); k++) at = text.indexOf(gq.quote, at + 1);
      const hit = qs.find((q) => !used.has(q) && Math.abs(q.value - gq.value) < 1e-6 && q.start < at + gq.quote.length && at < q.end);
      if (hit) {
        used.add(hit); tp++;
        const words = `${hit.unit} ${hit.what ?? ''}`.toLowerCase().replace(/\bpeople\b/g, 'person').split(/[^\p{L}]+/u).map((w) => w.replace(/s$/, ''));
        if (words.includes(gq.unit.toLowerCase().replace(/s$/, ''))) unitOk++;
      }
    }
    gold += g.quantities.length; sys += qs.length;
  }
  const p = tp / sys, r = tp / gold;
  return { f1: (2 * p * r) / (p + r), unit: unitOk / tp };
}

describe('the shared corpus', () => {
  it.each(['seeds', 'dev'])('finds the counts of %s with the right units (F1 >= 0.9, unit >= 0.85)', (folder) => {
    const s = score(folder);
    expect(s.f1).toBeGreaterThanOrEqual(0.9);
    expect(s.unit).toBeGreaterThanOrEqual(0.85);
  });
});
