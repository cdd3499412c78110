import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findClauses } from '../../src/annotate/clauses.js';
import { segment } from '../../src/text/segment.js';
import type { Article, Clause, Entity, EntityType } from '../../src/types.js';
import fs from 'node:fs';
import { corpusFiles } from '../helpers.js';

const article = (text: string): Article => ({
  id: 't', text, title: null, outlet: null, url: null, published: null, language: 'en',
  source: { kind: 'txt', path: null }, stripped: [], headings: [],
});

/** Entities built by hand: every occurrence of each name is a mention. */
function entities(text: string, list: [string, string, EntityType][]): Entity[] {
  const out: Entity[] = [];
  for (const [name, key, type] of list) {
    const mentions = [];
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) mentions.push({ start: i, end: i + name.length, text: name });
    if (mentions.length) out.push({ id: `e${out.length + 1}`, key, name, type, role: null, mentions, confidence: 1 });
  }
  return out;
}

const KNOWN: [string, string, EntityType][] = [
  ['Freedonia', 'country:freedonia', 'country'], ['Israel', 'country:israel', 'country'], ['Hamas', 'group:hamas', 'group'],
  ['Ana Ruiz', 'person:ana-ruiz', 'person'], ['Reuters', 'org:reuters', 'organization'], ['Axios', 'org:axios', 'organization'],
  ['the union', 'org:union', 'organization'],
];

function clauses(text: string): { text: string; modality: string; cue: string | null; source: string | null; entity: string | null }[] {
  const ents = entities(text, KNOWN);
  const keyOf = (id: string | null) => ents.find((e) => e.id === id)?.key ?? null;
  return findClauses(segment(article(text)), ents).map((c: Clause) => ({
    text: text.slice(c.start, c.end), modality: c.modality, cue: c.modalityCue,
    source: c.attribution?.text ?? null, entity: keyOf(c.attribution?.entity ?? null),
  }));
}
const reported = (text: string) => clauses(text).filter((c) => c.source);

describe('modality', () => {
  it('tells asserted, future, hypothetical and negated clauses apart, with the cue', () => {
    expect(clauses('The talks ended on Tuesday.')[0]).toMatchObject({ modality: 'asserted', cue: null });
    expect(clauses('The envoy will travel to Cairo.')[0]).toMatchObject({ modality: 'future', cue: 'modality/will' });
    expect(clauses('The envoy is expected to travel to Cairo.')[0]).toMatchObject({ modality: 'future', cue: 'modality/is expected to' });
    expect(clauses('The talks are scheduled to resume.')[0]).toMatchObject({ modality: 'future' });
    expect(clauses('The proposal would free 30 detainees.')[0]).toMatchObject({ modality: 'hypothetical', cue: 'modality/would' });
    expect(clauses('The envoy may travel to Cairo.')[0]).toMatchObject({ modality: 'hypothetical', cue: 'modality/may' });
    expect(clauses('Freedonia did not accept the offer.')[0]).toMatchObject({ modality: 'negated', cue: 'modality/not' });
    expect(clauses("Freedonia hasn't accepted the offer.")[0]).toMatchObject({ modality: 'negated', cue: "modality/n't" });
    expect(clauses('No agreement was reached.')[0]).toMatchObject({ modality: 'negated', cue: 'modality/no' });
    expect(clauses('The sides have never met.')[0]).toMatchObject({ modality: 'negated', cue: 'modality/never' });
  });

  it('puts conditions first and does not read refusals or "no later than" as negation', () => {
    expect(clauses('If the strike goes on, the plant will close.')[0]).toMatchObject({ modality: 'hypothetical', cue: 'modality/if' });
    expect(clauses('The union refused the offer.')[0]).toMatchObject({ modality: 'asserted' });
    expect(clauses('The vote must happen no later than Friday.')[0]).toMatchObject({ modality: 'asserted' });
    expect(clauses('It is unclear whether or not they met in May.')[0]).toMatchObject({ modality: 'asserted' });
  });

  it('reads a question as hypothetical', () => {
    expect(clauses('Will the union approve the deal?')[0]).toMatchObject({ modality: 'hypothetical', cue: 'modality/question' });
  });

  it('gives each coordinated clause its own modality', () => {
    const cs = clauses('The plan would free 30 detainees, but Freedonia has not agreed.');
    expect(cs.map((c) => c.modality)).toEqual(['hypothetical', 'negated']);
  });

  it('reads a denial as negating the reported clause', () => {
    const [c] = reported('Freedonia denied that its troops had fired.');
    expect(c).toMatchObject({ modality: 'negated', cue: 'modality/denied', entity: 'country:freedonia' });
  });
});

describe('attribution', () => {
  it('reads "according to X"', () => {
    const [c] = reported('According to Ana Ruiz, the union rejected the offer.');
    expect(c).toMatchObject({ text: 'the union rejected the offer.', source: 'Ana Ruiz', entity: 'person:ana-ruiz' });
    const [d] = reported('The union rejected the offer, according to Ana Ruiz.');
    expect(d).toMatchObject({ text: 'The union rejected the offer', source: 'Ana Ruiz' });
  });

  it('reads "X said", "X told Reuters" and "X said in a statement"', () => {
    expect(reported('Israeli officials said the talks would resume next week.')[0])
      .toMatchObject({ source: 'Israeli officials', entity: 'country:israel', modality: 'hypothetical' });
    expect(reported('Ana Ruiz told Reuters that the talks had stalled.')[0])
      .toMatchObject({ text: 'the talks had stalled.', source: 'Ana Ruiz', entity: 'person:ana-ruiz' });
    expect(reported('Hamas said in a statement that it would study the offer.')[0])
      .toMatchObject({ text: 'it would study the offer.', source: 'Hamas', entity: 'group:hamas' });
  });

  it('reads sources after the clause, inverted ones and quotes', () => {
    expect(reported('The truce will begin on Sunday, Axios reported.')[0])
      .toMatchObject({ text: 'The truce will begin on Sunday', source: 'Axios', entity: 'org:axios', modality: 'future' });
    expect(reported('"We will not sign," said Ana Ruiz, the union president.')[0])
      .toMatchObject({ source: 'Ana Ruiz', entity: 'person:ana-ruiz', modality: 'negated' });
  });

  it('keeps an unnamed source with no entity', () => {
    expect(reported('A source familiar with the talks said no deal had been reached.')[0])
      .toMatchObject({ source: 'A source familiar with the talks', entity: null, modality: 'negated' });
  });

  it('leaves a demonym without an entity in the article unresolved', () => {
    expect(reported('Sylvanian officials said the border would open.')[0]).toMatchObject({ source: 'Sylvanian officials', entity: null });
  });

  it('carries the source to a clause added with "adding that"', () => {
    const cs = reported('Hamas said it had accepted the proposal, adding that talks would continue.');
    expect(cs.map((c) => [c.modality, c.entity])).toEqual([['asserted', 'group:hamas'], ['hypothetical', 'group:hamas']]);
  });
});

describe('attribution across tenses, pronouns and phrases', () => {
  it('reads any tense of a reporting verb and "C, as X said"', () => {
    expect(reported('Ana Ruiz suggests that the plant may close.')[0]).toMatchObject({ source: 'Ana Ruiz', modality: 'hypothetical' });
    expect(reported('The plant will close, as Ana Ruiz states.')[0]).toMatchObject({ text: 'The plant will close', source: 'Ana Ruiz', modality: 'future' });
  });

  it('resolves "he" and "it" to the last source of that kind', () => {
    const cs = reported('Ana Ruiz said the vote was fair. He said the strike would end. Hamas said it had no reply. It said talks continue.');
    expect(cs.map((c) => [c.source, c.entity])).toEqual([
      ['Ana Ruiz', 'person:ana-ruiz'], ['He', 'person:ana-ruiz'], ['Hamas', 'group:hamas'], ['It', 'group:hamas']]);
  });

  it('does not split a reporting verb from a plain object, nor take a date as the source', () => {
    const cs = clauses('Freedonia on Monday, March 3 announced a truce.');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ source: null, modality: 'asserted' });
    expect(clauses('Freedonia and the United States will meet.')).toHaveLength(1);
  });

  it('reads a name with an apposition before the reporting verb', () => {
    expect(reported('Ana Ruiz, a spokeswoman for the union, said Monday that the vote would go ahead.')[0])
      .toMatchObject({ text: 'the vote would go ahead.', source: 'Ana Ruiz, a spokeswoman for the union', entity: 'person:ana-ruiz', modality: 'hypothetical' });
  });

  it('takes the head of the source phrase and drops time phrases', () => {
    expect(reported('Freedonia automaker Hamas on Friday said the talks failed.')[0]).toMatchObject({ source: 'Freedonia automaker Hamas', entity: 'group:hamas' });
  });

  it('does not let a later relative clause or a noun modifier set the modality', () => {
    expect(clauses('Freedonia rejected a deal that would free 30 detainees.')[0]).toMatchObject({ modality: 'asserted' });
    expect(clauses('Talks focused on the potential release of detainees.')[0]).toMatchObject({ modality: 'asserted' });
    expect(clauses('Freedonia threatened to resume strikes if Hamas does not comply.')[0]).toMatchObject({ modality: 'asserted' });
    expect(clauses('In the first stage, 20 detainees, including two minors, will be freed.')[0]).toMatchObject({ modality: 'future', cue: 'modality/will' });
    expect(clauses('Six sick and injured miners will be flown out.')[0]).toMatchObject({ modality: 'future' });
  });
});

describe('clauses over any text', () => {
  it('stay inside their sentence and never crash (property and corpus)', () => {
    const words = ['said', 'according', 'to', 'told', 'Reuters', ',', '"', 'not', 'would', 'if', 'will', 'Hamas', 'that', ';', 'but', '.', 'adding'];
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 5 })), { maxLength: 30 }), (parts) => {
      const text = parts.join(' ');
      const seg = segment(article(text));
      for (const c of findClauses(seg, [])) {
        const s = seg.sentences[c.sentence]!;
        expect(c.start).toBeGreaterThanOrEqual(s.start);
        expect(c.end).toBeLessThanOrEqual(s.end);
        if (c.attribution) expect(text.slice(c.attribution.start, c.attribution.end)).toBe(c.attribution.text);
      }
    }), { numRuns: 200 });
    let attributed = 0;
    for (const file of corpusFiles('seeds')) {
      const text = fs.readFileSync(file, 'utf8');
      const cs = findClauses(segment(article(text)), []);
      expect(cs.length).toBeGreaterThan(0);
      attributed += cs.filter((c) => c.attribution).length;
    }
    expect(attributed).toBeGreaterThan(5);
  });
});
