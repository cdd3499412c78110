/** The actors aggregation over stored entities. */
import { describe, expect, it } from 'vitest';
import { ActorTally, aggregateActors } from '../../src/annotate/actors.js';
import type { Entity } from '../../src/types.js';
import { corpusFiles } from '../helpers.js';
import { corpusEntities } from './helpers.js';

const ent = (key: string, type: Entity['type'], name: string, texts: string[], role: string | null = null): Entity => ({
  id: 'e1', key, name, type, role, confidence: 1, mentions: texts.map((text, i) => ({ start: i * 10, end: i * 10 + text.length, text })),
});

describe('actors aggregation', () => {
  it('counts articles once per actor, every spelling with its articles and mentions, roles by use', () => {
    const actors = aggregateActors([
      { entities: [ent('person:steve-witkoff', 'person', 'Steve Witkoff', ['Steve Witkoff', 'Witkoff', 'Witkoff'], 'U.S. special envoy'), ent('group:hamas', 'group', 'Hamas', ['Hamas'])] },
      { entities: [ent('person:steve-witkoff', 'person', 'Steve Witkoff', ['Steve Whittaker', 'Whittaker'], 'envoy')] },
      { entities: [ent('person:steve-witkoff', 'person', 'Steve Witkoff', ['Witkoff'], 'U.S. special envoy')] },
    ]);
    expect(actors.map((a) => a.key)).toEqual(['person:steve-witkoff', 'group:hamas']);
    const w = actors[0]!;
    expect(w.articles).toBe(3);
    expect(w.mentions).toBe(6);
    expect(w.spellings).toEqual([
      { text: 'Witkoff', articles: 2, mentions: 3 },
      { text: 'Steve Whittaker', articles: 1, mentions: 1 },
      { text: 'Steve Witkoff', articles: 1, mentions: 1 },
      { text: 'Whittaker', articles: 1, mentions: 1 },
    ]);
    expect(w.roles).toEqual(['U.S. special envoy', 'envoy']);
  });

  it('filters by type and streams article by article', () => {
    const t = new ActorTally();
    t.add([ent('country:qatar', 'country', 'Qatar', ['Qatar']), ent('place:doha', 'place', 'Doha', ['Doha'])]);
    t.add([ent('country:qatar', 'country', 'Qatar', ['State of Qatar'])]);
    expect(t.actors({ type: 'country' }).map((a) => [a.key, a.articles])).toEqual([['country:qatar', 2]]);
    expect(t.actors({ type: 'person' })).toEqual([]);
  });

  it('on the seeds: the United States under several spellings, Witkoff under his variants', async () => {
    const docs = await corpusEntities(corpusFiles('seeds'));
    const actors = aggregateActors(docs);
    const us = actors.find((a) => a.key === 'country:united-states')!;
    expect(us.spellings.map((s) => s.text)).toEqual(expect.arrayContaining(['United States', 'U.S.']));
    const w = actors.find((a) => a.key === 'person:steve-witkoff')!;
    expect(w.spellings.length).toBeGreaterThanOrEqual(3);
    expect(w.name).toBe('Steve Witkoff');
  });
});
