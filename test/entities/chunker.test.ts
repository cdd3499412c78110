/** The chunker and in-article resolution on hand-written sentences about negotiations no kb entry covers. */
import { describe, expect, it } from 'vitest';
import { entitiesOf, byKey, mentionTexts } from './helpers.js';

describe('unknown actors of a labor negotiation', () => {
  const text = [
    'The Amalgamated Transit Workers Union and carmaker Brannock Motors resumed contract talks in Kenosha on Monday.',
    'Union president Dana Kowalczyk said the workers want a 25 percent raise over four years.',
    'Kowalczyk told reporters that Brannock had offered 9 percent.',
    'Brannock Motors spokeswoman Priya Raman said the company was committed to a fair deal.',
    'The Kenosha Federation of Teachers sent observers.',
  ].join(' ');

  it('finds the union, the company, the people and the place, with types from the cue table', async () => {
    const es = await entitiesOf(text);
    expect(byKey(es, 'org:amalgamated-transit-workers-union')?.type).toBe('organization');
    expect(byKey(es, 'org:brannock-motors')?.type).toBe('organization');
    expect(byKey(es, 'person:dana-kowalczyk')?.type).toBe('person');
    expect(byKey(es, 'person:priya-raman')?.type).toBe('person');
    expect(byKey(es, 'place:kenosha')?.type).toBe('place');
    expect(byKey(es, 'org:kenosha-federation-of-teachers')?.type).toBe('organization');
  });

  it('resolves a surname to the full name and a short name to the company, and keeps the title as role', async () => {
    const es = await entitiesOf(text);
    const dana = byKey(es, 'person:dana-kowalczyk')!;
    expect(dana.mentions.map((m) => m.text)).toEqual(['Dana Kowalczyk', 'Kowalczyk']);
    expect(dana.role).toBe('Union president');
    expect(byKey(es, 'org:brannock-motors')!.mentions.map((m) => m.text)).toEqual(['Brannock Motors', 'Brannock', 'Brannock Motors']);
    expect(byKey(es, 'person:priya-raman')!.role).toBe('spokeswoman');
    // Sentence-initial words and titles are not names.
    expect(mentionTexts(es)).not.toContain('Union');
    expect(mentionTexts(es)).not.toContain('The Amalgamated Transit Workers Union');
  });
});

describe('names with a possessive inside', () => {
  it("keeps \"Longshoremen's\" inside the union's name but splits a country's possessive off", async () => {
    const es = await entitiesOf("The International Longshoremen's Association and the Farmers' Guild met. The Eastfield Teachers' Union agreed. Norway's Statkraft objected.");
    expect(es.find((e) => e.key === 'org:international-longshoremens-association')?.mentions.map((m) => m.text)).toEqual(["International Longshoremen's Association"]);
    expect(es.find((e) => e.key === 'country:norway')?.mentions.map((m) => m.text)).toEqual(['Norway']);
    const spans = es.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });
});

describe('kb alias case and possessive rules', () => {
  it('matches an acronym in capitals and its listed title-case form, never the lower-case word', async () => {
    const es = await entitiesOf('NATO met. Nato leaders agreed. Let us go with US officials.');
    expect(es.find((e) => e.key === 'org:nato')?.mentions.map((m) => m.text)).toEqual(['NATO', 'Nato']);
    expect(es.find((e) => e.key === 'country:united-states')?.mentions.map((m) => m.text)).toEqual(['US']);
  });

  it("splits a possessive the alias does not have (\"Gaza's Health Ministry\") and keeps one it has", async () => {
    const es = await entitiesOf("Gaza's Health Ministry said so. The Prime Minister's Office disagreed.");
    expect(es.find((e) => e.key === 'place:gaza')?.mentions.map((m) => m.text)).toEqual(['Gaza']);
    expect(es.find((e) => e.key === 'org:gaza-health-ministry')?.mentions.map((m) => m.text)).toEqual(['Health Ministry']);
    expect(es.find((e) => e.key === 'org:israeli-prime-ministers-office')?.mentions.map((m) => m.text)).toEqual(["Prime Minister's Office"]);
  });

  it('needs the capitals the alias has, except a lower-case head after a name', async () => {
    expect(await entitiesOf('The hill was steep and the road was closed.')).toEqual([]);
    const es = await entitiesOf('The Hill reported that trucks used the Rafah crossing.');
    expect(es.map((e) => e.key)).toEqual(['org:the-hill', 'place:rafah-crossing']);
  });

  it('does not read a common word as a kb surname through a role', async () => {
    const es = await entitiesOf("The Prime Minister's spokesman denied it. Office staff left.");
    expect(es.filter((e) => e.type === 'person')).toEqual([]);
  });
});

describe('offices named after their buildings', () => {
  it('reads the White House as the administration, and as the building after a locative', async () => {
    const es = await entitiesOf('The White House said talks would continue. Trump returned to the White House on Friday.');
    expect(es.find((e) => e.key === 'org:white-house')?.mentions.map((m) => m.text)).toEqual(['White House']);
    expect(es.find((e) => e.key === 'place:white-house')?.type).toBe('place');
  });
});

describe('a trade dispute', () => {
  const text = [
    'GENEVA (Reuters) - Negotiators from Brazil and Indonesia met on Tuesday over nickel export curbs.',
    'Brazilian Trade Minister Lucia Ferreira Santos said Jakarta had refused to lift the ban.',
    'Santos added that Brasilia would take the case to the World Trade Organization.',
    "Indonesia's Ministry of Trade said talks would continue in Bali.",
    'Dr. Hendra Wijaya, an economist at the University of Indonesia, said Beijing was watching.',
  ].join(' ');

  it('reads capitals as their countries when they act, and a dateline as the place', async () => {
    const es = await entitiesOf(text);
    expect(byKey(es, 'country:indonesia')!.mentions.map((m) => m.text)).toEqual(['Indonesia', 'Jakarta', 'Indonesia']);
    expect(byKey(es, 'country:brazil')!.mentions.map((m) => m.text)).toEqual(['Brazil', 'Brasilia']);
    expect(byKey(es, 'country:china')!.mentions.map((m) => m.text)).toEqual(['Beijing']);
    expect(byKey(es, 'place:geneva')!.type).toBe('place');
    expect(byKey(es, 'org:reuters')!.type).toBe('organization');
    expect(byKey(es, 'org:world-trade-organization')).toBeDefined();
  });

  it('strips titles and demonyms from names and keeps them as the role', async () => {
    const es = await entitiesOf(text);
    const santos = byKey(es, 'person:lucia-ferreira-santos')!;
    expect(santos.mentions.map((m) => m.text)).toEqual(['Lucia Ferreira Santos', 'Santos']);
    expect(santos.role).toBe('Brazilian Trade Minister');
    const w = byKey(es, 'person:hendra-wijaya')!;
    expect(w.mentions[0]!.text).toBe('Hendra Wijaya');
    expect(mentionTexts(es)).not.toContain('Brazilian');
  });

  it("qualifies a generic ministry by its country and keeps institutions named after a country whole", async () => {
    const es = await entitiesOf(text);
    expect(byKey(es, 'org:indonesia-ministry-of-trade')!.mentions[0]!.text).toBe('Ministry of Trade');
    expect(byKey(es, 'org:university-of-indonesia')!.type).toBe('organization');
    expect(byKey(es, 'place:bali')!.type).toBe('place');
  });
});

describe('resolution within and across articles', () => {
  it('makes a definition in parentheses and its acronym one entity', async () => {
    const es = await entitiesOf('The Coastal Fishermen Cooperative Federation (CFCF) rejected the quota. Later the CFCF said it would strike.');
    const e = es.find((x) => x.mentions.some((m) => m.text === 'Coastal Fishermen Cooperative Federation'))!;
    expect(e.mentions.map((m) => m.text)).toEqual(['Coastal Fishermen Cooperative Federation', 'CFCF', 'CFCF']);
    expect(e.type).toBe('organization');
  });

  it('joins a bare name seen before its typed mention, and drops a sentence-initial common word', async () => {
    const es = await entitiesOf('Shares of Kestrel rose after the deal. Kestrel said it would hire 500 workers.');
    expect(es.map((e) => [e.key, e.mentions.map((m) => m.text)])).toEqual([['org:kestrel', ['Kestrel', 'Kestrel']]]);
  });

  it('does not take another person with a kb surname for the kb person', async () => {
    const es = await entitiesOf('Union steward Chris Harris said the vote was close. Harris added that members were angry. Vice President Kamala Harris was not involved.');
    expect(es.find((e) => e.key === 'person:chris-harris')?.mentions.map((m) => m.text)).toEqual(['Chris Harris', 'Harris']);
    expect(es.find((e) => e.key === 'person:kamala-harris')?.mentions.map((m) => m.text)).toEqual(['Kamala Harris']);
  });

  it('reads the role before a comma and in an appositive, without honorifics', async () => {
    const a = await entitiesOf("The union's chief negotiator, Dr. Ana Ferreira, left. Tom Okafor, the company's labor relations director, stayed.");
    expect(a.find((e) => e.key === 'person:ana-ferreira')?.role).toBe("union's chief negotiator");
    expect(a.find((e) => e.key === 'person:ana-ferreira')?.mentions[0]!.text).toBe('Ana Ferreira');
    expect(a.find((e) => e.key === 'person:tom-okafor')?.role).toBe("company's labor relations director");
  });

  it('reads an unknown dateline as a place and never merges it with the agency after it', async () => {
    const es = await entitiesOf('KENOSHA, Wis. (AP) — Talks resumed in Kenosha. The Resistance Front (Hezbollah) said nothing.');
    expect(es.find((e) => e.key === 'place:kenosha')?.mentions.map((m) => m.text)).toEqual(['KENOSHA', 'Kenosha']);
    expect(es.find((e) => e.key === 'org:associated-press')?.mentions.map((m) => m.text)).toEqual(['AP']);
    expect(es.find((e) => e.key === 'group:hezbollah')?.mentions.map((m) => m.text)).toEqual(['Resistance Front', 'Hezbollah']);
  });

  it('reads "to X" as a place only for a one-word name', async () => {
    const es = await entitiesOf('The union sent a letter to Maria Lopez. Talks moved to Kenosha.');
    expect(es.map((e) => [e.key, e.type])).toEqual([['person:maria-lopez', 'person'], ['place:kenosha', 'place']]);
  });

  it('never merges two people who share a surname but not a given name', async () => {
    const es = await entitiesOf('Maria Lopez met Carlos Lopez in Valencia. Maria Lopez said the offer was too low.');
    expect(byKey(es, 'person:maria-lopez')!.mentions).toHaveLength(2);
    expect(byKey(es, 'person:carlos-lopez')!.mentions).toHaveLength(1);
  });

  it('gives a name outside the kb the same key in two articles', async () => {
    const a = await entitiesOf('Union negotiator Maria Lopez said the talks had stalled.');
    const b = await entitiesOf('The employers met Maria Lopez on Friday, according to the union.');
    expect(a.find((e) => e.name === 'Maria Lopez')?.key).toBe('person:maria-lopez');
    expect(b.find((e) => e.name === 'Maria Lopez')?.key).toBe('person:maria-lopez');
  });

  it('spells given names canonically in keys, so transliterations share one (Aleksandr/Alexander)', async () => {
    const a = await entitiesOf('Deputy minister Aleksandr Petrenko said the talks would go on.');
    const b = await entitiesOf('Deputy minister Alexander Petrenko said the talks would go on.');
    const c = await entitiesOf('Deputy minister Boris Petrenko said the talks would go on.');
    const key = (es: Awaited<ReturnType<typeof entitiesOf>>) => es.find((e) => e.name.endsWith('Petrenko'))?.key;
    expect(key(a)).toBe('person:alexander-petrenko');
    expect(key(b)).toBe('person:alexander-petrenko');
    expect(key(c)).toBe('person:boris-petrenko');
  });

  it('matches a misspelled kb person by name, and by the role the kb records', async () => {
    const a = await entitiesOf('Secretary of State Antony Blinkin flew to Cairo.');
    expect(a.find((e) => e.mentions[0]!.text === 'Antony Blinkin')?.key).toBe('person:antony-blinken');
    const b = await entitiesOf('U.S. special envoy Steve Whitacre is expected in the region.');
    const w = b.find((e) => e.mentions[0]!.text === 'Steve Whitacre')!;
    expect(w.key).toBe('person:steve-witkoff');
    expect(w.confidence).toBeLessThan(1);
    // Without the role, a different surname is a different person.
    const c = await entitiesOf('The developer Steve Whitacre bought the tower.');
    expect(c.find((e) => e.mentions[0]!.text === 'Steve Whitacre')?.key).toBe('person:steve-whitacre');
  });

  it('transliterations of a kb surname resolve (al-Hayyeh)', async () => {
    const es = await entitiesOf('Khalil al-Hayyeh led the delegation to Cairo.');
    expect(es.find((e) => e.mentions[0]!.text.includes('Hayyeh'))?.key).toBe('person:khalil-al-hayya');
  });
});

describe('hostile and odd inputs', () => {
  it('finds nothing in a photo credit, and no reporter names in a byline', async () => {
    expect(await entitiesOf('© Reuters Photo / Dana Kowalczyk')).toEqual([]);
    const es = await entitiesOf('Talks went on in Doha.\n\nDana Kowalczyk contributed reporting from Cairo.');
    expect(es.map((e) => e.key)).toEqual(['place:doha', 'place:cairo']);
  });

  it('does not make named events, treaties and plans entities', async () => {
    const es = await entitiesOf('Since World War II, the Harbour Accords and the Fenwick Peace Plan have failed, said the Coordination Office of Prisoners of War.');
    expect(es.map((e) => e.key)).toEqual(['org:coordination-office-of-prisoners-of-war']);
  });

  it('types company-style names as organizations and skips model names', async () => {
    const es = await entitiesOf('Production of the 737 MAX stopped. Spirit AeroSystems paused work, and Ron DeSantis objected.');
    expect(es.map((e) => [e.key, e.type])).toEqual([['org:spirit-aerosystems', 'organization'], ['person:ron-desantis', 'person']]);
  });

  it('never takes half of a hyphenated name for a kb name, but reads "Israel-Hamas" and "U.S.-brokered"', async () => {
    const es = await entitiesOf('The union negotiator Duncan Crabtree-Ireland spoke about the Israel-Hamas war and a U.S.-brokered deal.');
    expect(es.map((e) => [e.key, e.mentions[0]!.text])).toEqual([
      ['person:duncan-crabtree-ireland', 'Duncan Crabtree-Ireland'], ['country:israel', 'Israel'], ['group:hamas', 'Hamas'], ['country:united-states', 'U.S.']]);
  });

  it('handles empty, punctuation-only, all-caps and non-Latin text without throwing', async () => {
    expect(await entitiesOf('')).toEqual([]);
    expect(await entitiesOf('... !!! ??? -- ((( )))')).toEqual([]);
    const caps = await entitiesOf('HAMAS AND ISRAEL AGREE TO A TRUCE IN DOHA, SAYS QATAR.');
    expect(caps.map((e) => e.key)).toEqual(expect.arrayContaining(['group:hamas', 'country:israel', 'country:qatar']));
    expect(await entitiesOf('اتفاق وقف إطلاق النار في غزة')).toEqual([]);
  });

  it('stays fast on a long run of capitalized words', async () => {
    const t0 = performance.now();
    const es = await entitiesOf(Array.from({ length: 20000 }, (_, i) => `Word${i % 7 ? 'a' : 'b'}`).join(' ') + '.');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(Array.isArray(es)).toBe(true);
  });

  it('reads offsets past astral characters correctly', async () => {
    const text = '😀😀 Talks in Doha 𝒳 resumed with Qatar.';
    const es = await entitiesOf(text);
    for (const e of es) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(es.map((e) => e.key)).toEqual(['place:doha', 'country:qatar']);
  });
});
