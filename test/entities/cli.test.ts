/** `parley kb check` and `parley actors` end to end through the built CLI, on a real embedded store. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, corpusFiles, tempDir } from '../helpers.js';

const parley = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, PARLEY_DB: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('parley kb check', () => {
  it('passes on the shipped kb and fails with file, entry and fix on a bad one', () => {
    const ok = parley('kb', 'check');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/0 errors/);
    const bad = parley('kb', 'check', '--kb', path.join(ROOT, 'test/fixtures/entities-kb/bad'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/error: entries\.json: country:southmark: duplicate alias "Norland Republic"/);
    expect(bad.out).toMatch(/fix: /);
  });
});

describe('parley actors', () => {
  it('lists canonical actors across a store with their spellings and article counts', () => {
    const db = tempDir('parley-actors-');
    // Two seeds keep the test quick: one spells Witkoff "Whittaker", both name Hamas.
    const seeds = corpusFiles('seeds').slice(0, 2);
    const add = parley('add', ...seeds, '--db', db, '--no-progress');
    expect(add.code, add.err).toBe(0);
    const json = parley('actors', '--db', db, '--json');
    expect(json.code, json.err).toBe(0);
    const actors = json.out.trim().split('\n').map((l) => JSON.parse(l));
    const hamas = actors.find((a) => a.key === 'group:hamas');
    expect(hamas.articles).toBe(2);
    const witkoff = actors.find((a) => a.key === 'person:steve-witkoff');
    expect(witkoff.spellings.map((s: { text: string }) => s.text)).toEqual(expect.arrayContaining(['Whittaker']));
    const people = parley('actors', '--db', db, '--type', 'person');
    expect(people.code).toBe(0);
    expect(people.out).toMatch(/person:steve-witkoff/);
    expect(people.out).not.toMatch(/group:hamas/);
    const badType = parley('actors', '--db', db, '--type', 'planet');
    expect(badType.code).toBe(2);
    expect(badType.err).toMatch(/unknown type "planet"/);
  });
});
