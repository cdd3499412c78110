/**
 * @module cli/actors
 * `parley actors [--db] [--json] [--type T]`: the canonical actors across the store, each with
 * every spelling seen and how many articles use it. Streams the store through `ActorTally`.
 */
import type { StoreOpts } from './main.js';
import type { EntityType } from '../types.js';
import { openStore } from '../store/index.js';
import { ActorTally } from '../annotate/actors.js';
import { ParleyError } from '../errors.js';

const TYPES: Record<string, EntityType> = {
  person: 'person', organization: 'organization', org: 'organization', country: 'country', group: 'group', place: 'place', other: 'other',
};

export async function run(opts: StoreOpts & { json?: boolean; type?: string }): Promise<void> {
  let type: EntityType | undefined;
  if (opts.type !== undefined) {
    type = TYPES[opts.type.toLowerCase()];
    if (!type) throw new ParleyError(`actors: unknown type "${opts.type}"`, { hint: 'use --type person, organization, country, group or place', exitCode: 2 });
  }
  const store = await openStore({ location: opts.db, mustExist: true });
  const tally = new ActorTally();
  let n = 0;
  try {
    for await (const a of store.iterateArticles()) { tally.add(a.entities); n++; }
  } finally {
    await store.close();
  }
  const actors = tally.actors({ type });
  if (opts.json) {
    for (const a of actors) process.stdout.write(JSON.stringify(a) + '\n');
    return;
  }
  if (!n) { process.stdout.write(`no articles in ${store.location}; add some with \`parley add PATH\`\n`); return; }
  const kw = Math.min(44, Math.max(3, ...actors.map((a) => a.key.length)));
  for (const a of actors) {
    const spell = a.spellings.map((s) => `${s.text} (${s.articles})`).join(', ');
    const role = a.roles.length ? `  [${a.roles.slice(0, 2).join('; ')}]` : '';
    process.stdout.write(`${a.key.padEnd(kw)}  ${String(a.articles).padStart(4)} art.  ${a.name}${role}\n${' '.repeat(kw + 12)}${spell}\n`);
  }
  process.stdout.write(`${actors.length} actor(s)${type ? ` of type ${type}` : ''} in ${n} article(s) in ${store.location}\n`);
}
