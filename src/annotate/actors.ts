/**
 * @module annotate/actors
 * Canonical actors across many articles: input, the stored `Entity[]` of each article; output,
 * one `Actor` per key with every spelling seen, how many articles use each, and the roles seen.
 * A pure tally with `add` per article, so a store can be streamed through it in bounded memory.
 */
import type { Entity, EntityType } from '../types.js';

export interface ActorSpelling {
  text: string;
  /** Articles in which this exact spelling names the actor. */
  articles: number;
  mentions: number;
}

export interface Actor {
  key: string;
  /** The canonical name most articles give it. */
  name: string;
  type: EntityType;
  articles: number;
  mentions: number;
  /** Most used first. */
  spellings: ActorSpelling[];
  roles: string[];
}

interface Acc {
  names: Map<string, number>;
  types: Map<EntityType, number>;
  articles: number;
  mentions: number;
  spellings: Map<string, { articles: number; mentions: number }>;
  roles: Map<string, number>;
}

export class ActorTally {
  private readonly acc = new Map<string, Acc>();

  /** Counts one article's entities (an entity key counts once per article). */
  add(entities: readonly Entity[]): this {
    const seen = new Map<string, Map<string, number>>();
    for (const e of entities) {
      let a = this.acc.get(e.key);
      if (!a) { a = { names: new Map(), types: new Map(), articles: 0, mentions: 0, spellings: new Map(), roles: new Map() }; this.acc.set(e.key, a); }
      const first = !seen.has(e.key);
      const sp = seen.get(e.key) ?? new Map<string, number>();
      seen.set(e.key, sp);
      if (first) {
        a.articles++;
        a.names.set(e.name, (a.names.get(e.name) ?? 0) + 1);
        a.types.set(e.type, (a.types.get(e.type) ?? 0) + 1);
      }
      if (e.role) a.roles.set(e.role, (a.roles.get(e.role) ?? 0) + 1);
      a.mentions += e.mentions.length;
      for (const m of e.mentions) sp.set(m.text, (sp.get(m.text) ?? 0) + 1);
    }
    for (const [key, sp] of seen) {
      const a = this.acc.get(key)!;
      for (const [text, n] of sp) {
        const s = a.spellings.get(text) ?? { articles: 0, mentions: 0 };
        s.articles++;
        s.mentions += n;
        a.spellings.set(text, s);
      }
    }
    return this;
  }

  /** The actors, most articles first (then most mentions, then key); `type` keeps one type only. */
  actors(opts: { type?: EntityType } = {}): Actor[] {
    const top = <T>(m: Map<T, number>): T => [...m.entries()].sort((x, y) => y[1] - x[1])[0]![0];
    const out: Actor[] = [];
    for (const [key, a] of this.acc) {
      const type = top(a.types);
      if (opts.type && type !== opts.type) continue;
      out.push({
        key, name: top(a.names), type, articles: a.articles, mentions: a.mentions,
        spellings: [...a.spellings.entries()].map(([text, s]) => ({ text, ...s }))
          .sort((x, y) => y.articles - x.articles || y.mentions - x.mentions || x.text.localeCompare(y.text)),
        roles: [...a.roles.entries()].sort((x, y) => y[1] - x[1]).map(([r]) => r),
      });
    }
    return out.sort((x, y) => y.articles - x.articles || y.mentions - x.mentions || x.key.localeCompare(y.key));
  }
}

/** Aggregates the entities of many articles at once. */
export function aggregateActors(articles: Iterable<{ entities: readonly Entity[] }>, opts: { type?: EntityType } = {}): Actor[] {
  const t = new ActorTally();
  for (const a of articles) t.add(a.entities);
  return t.actors(opts);
}
