import { describe, expect, it } from 'vitest';
import { align, comparePair, fingerprint, prepare, DECISION } from '../../src/link/index.js';
import { LinkPairSchema } from '../../src/record/schema.js';
import { ORIGIN, PART_ONE, PART_TWO, REWRITE, SAME_EVENT, SHARED_QUOTES, UNRELATED, doc } from './fixtures.js';

const JUNK = 'Follow us on Facebook and X for the latest news | Read more: World';

describe('comparePair on hand-made texts', () => {
  it('an exact copy is a duplicate with every sentence aligned', () => {
    const p = comparePair(doc('o', ORIGIN), doc('c', ORIGIN))!;
    expect(p.kind).toBe('duplicate');
    expect(p.evidence).toHaveLength(ORIGIN.length);
    expect(LinkPairSchema.safeParse(p).success).toBe(true);
  });

  it('a paraphrase keeping the order of facts is a rewrite', () => {
    const p = comparePair(doc('o', ORIGIN), doc('r', REWRITE));
    expect(p?.kind).toBe('rewrite');
    expect(p!.score).toBeGreaterThan(0.7);
  });

  it('the same sentences shuffled are not a rewrite, though every word is shared', () => {
    const shuffled = [REWRITE[4]!, REWRITE[1]!, REWRITE[6]!, REWRITE[0]!, REWRITE[3]!, REWRITE[5]!, REWRITE[2]!];
    const p = comparePair(doc('o', ORIGIN), doc('s', shuffled));
    expect(p === null || p.kind === 'same-event').toBe(true);
  });

  it('an independent report of the same round (same names and numbers) is not derived', () => {
    const p = comparePair(doc('o', ORIGIN), doc('e', SAME_EVENT));
    expect(p === null || p.kind === 'same-event').toBe(true);
  });

  it('two copies of one story carrying different parts of it (one moved a block) are derived, source null', () => {
    const a = doc('p1', PART_ONE, { published: '2025-03-01' }), b = doc('p2', PART_TWO, { published: '2025-03-02' });
    const al = align(prepare(a), prepare(b));
    // the single monotone chain misses the moved block; the order with one moved block keeps it
    expect(al.orderStrict).toBeLessThan(0.6);
    expect(al.orderBlocks).toBeGreaterThanOrEqual(DECISION.wordingOrder);
    expect(al.wording).toBeGreaterThanOrEqual(DECISION.wording);
    const p = comparePair(a, b)!;
    expect(p.kind).toBe('rewrite');
    // neither holds the other's material in order: copies of a third text, whatever the dates
    expect(p.source).toBeNull();
  });

  it('wording shared only inside quotation marks is the speaker\'s, not a copy', () => {
    const quoted = align(prepare(doc('o', ORIGIN)), prepare(doc('q', SHARED_QUOTES)));
    expect(quoted.wording).toBe(0);
    expect(comparePair(doc('o', ORIGIN), doc('q', SHARED_QUOTES))?.kind ?? 'same-event').toBe('same-event');
    // the same words without the quotation marks are shared wording
    const bare = align(prepare(doc('o', ORIGIN)), prepare(doc('q', SHARED_QUOTES.map((s) => s.replace(/[“”]/g, '')))));
    expect(bare.wording).toBeGreaterThan(0);
  });

  it('an unrelated article gives no link', () => {
    expect(comparePair(doc('o', ORIGIN), doc('u', UNRELATED))).toBeNull();
  });
});

describe('direction', () => {
  it('the earlier publication date is the source', () => {
    const p = comparePair(doc('late', ORIGIN, { published: '2025-03-02' }), doc('early', REWRITE, { published: '2025-03-01' }))!;
    expect(p.source).toBe('early');
  });

  it('same day: a republication with a new top, a cut end and site junk is the copy', () => {
    const copy = doc('copy', ORIGIN.slice(0, 6), { published: '2025-03-01', head: 'Here is what the river talks mean for farmers on both banks this summer.', tail: JUNK });
    const p = comparePair(copy, doc('orig', ORIGIN, { published: '2025-03-01' }))!;
    expect(p.kind).not.toBe('same-event');
    expect(p.source).toBe('orig');
  });

  it('a copy that drops attributions is the copy', () => {
    const dropped = ORIGIN.map((s) => s.replace(/, officials said\./, '.').replace(/, according to foreign ministry spokesman Tomas Quill\./, '.').replace(/^Baraket told reporters after the session that /, 'Baraket: '));
    const p = comparePair(doc('x', dropped), doc('y', ORIGIN))!;
    expect(p.source).toBe('y');
  });

  it('two copies of a third text, each with much of its own, have no source', () => {
    const extraA = UNRELATED.slice(0, 4), extraB = SAME_EVENT.slice(2, 5);
    const a = doc('a', [...ORIGIN.slice(0, 6), ...extraA]);
    const b = doc('b', [...extraB, ...ORIGIN.slice(1, 8)]);
    const p = comparePair(a, b);
    expect(p).not.toBeNull();
    expect(p!.kind).not.toBe('same-event');
    expect(p!.source).toBeNull();
  });
});

describe('changes', () => {
  const edited = ORIGIN.map((s, i) => {
    if (i === 0) return s.replace(', officials said.', '.');
    if (i === 1) return s.replace('water minister Ilse Baraket', 'former minister Ilse Baraket').replace('50 million', '500 million');
    if (i === 6) return s.replace('Quill said', 'Quirk said');
    return s;
  });
  const src = doc('a-src', ORIGIN, { published: '2025-03-01' });
  const cp = doc('b-copy', edited, { published: '2025-03-02' });
  const p = comparePair(src, cp)!;
  const of = (kind: string) => p.changes!.filter((c) => c.kind === kind);

  it('finds the changed number with both spans', () => {
    const n = of('number');
    expect(n).toHaveLength(1);
    expect(n[0]!.a!.text).toBe('50 million');
    expect(n[0]!.b!.text).toBe('500 million');
    expect(src.text.slice(n[0]!.a!.start, n[0]!.a!.end)).toBe('50 million');
  });

  it('finds the changed name', () => {
    const n = of('name');
    expect(n.map((c) => [c.a!.text, c.b!.text])).toEqual([['Quill', 'Quirk']]);
  });

  it('finds the changed title', () => {
    const t = of('title');
    expect(t).toHaveLength(1);
    expect(t[0]!.a!.text).toContain('water minister');
    expect(t[0]!.b!.text).toContain('former minister');
  });

  it('finds the dropped attribution, in the source', () => {
    const d = of('attribution-dropped');
    expect(d.length).toBeGreaterThanOrEqual(1);
    expect(d[0]!.a!.text).toContain('said');
    expect(cp.text.slice(d[0]!.b!.start, d[0]!.b!.end)).toBe(edited[0]);
  });

  it('lists added and dropped sentences against the source', () => {
    const copy = doc('b-c2', [...ORIGIN.slice(0, 6), UNRELATED[0]!], { published: '2025-03-02' });
    const q = comparePair(src, copy)!;
    const dropped = q.changes!.filter((c) => c.kind === 'sentence-dropped').map((c) => c.a!.text);
    const added = q.changes!.filter((c) => c.kind === 'sentence-added').map((c) => c.b!.text);
    expect(dropped).toEqual(ORIGIN.slice(6));
    expect(added).toEqual([UNRELATED[0]]);
  });
});

describe('hostile inputs', () => {
  it('empty, sentence-less, one-word and huge texts compare without throwing', () => {
    const empty = { id: 'e', text: '', published: null, outlet: null, sentences: [] };
    const one = doc('w', ['Hamas.']);
    const huge = doc('h', [ORIGIN.join(" ").repeat(60)]);
    const weird = doc('z', ['\u0000\u202e\uFEFF 𝒜𝒷 ‮ ١٢٣ 50,,,000 “unclosed quote', '...', '“ ” " "']);
    for (const x of [empty, one, huge, weird]) for (const y of [empty, one, doc('o', ORIGIN), weird]) {
      expect(() => comparePair(x, y)).not.toThrow();
    }
    expect(comparePair(empty, doc('o', ORIGIN))).toBeNull();
    expect(fingerprint(empty).keys).toEqual([]);
  });

  it('the fingerprint is JSON and survives a round trip', () => {
    const f = fingerprint(doc('o', ORIGIN));
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(f.keys.length).toBeGreaterThan(8);
    expect(f.keys.every((k) => typeof k === 'string')).toBe(true);
    // a rewrite shares candidate keys with its origin, an unrelated text none
    const shared = (x: string[], y: string[]) => x.filter((k) => y.includes(k)).length;
    expect(shared(f.keys, fingerprint(doc('r', REWRITE)).keys)).toBeGreaterThanOrEqual(2);
    expect(shared(f.keys, fingerprint(doc('u', UNRELATED)).keys)).toBe(0);
  });

  it('decision thresholds are frozen', () => {
    expect(Object.isFrozen(DECISION)).toBe(true);
  });
});
