/** The knowledge base: loading, compiling, and `parley kb check` on the shipped kb and tiny fixtures. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
import { compileKb, defaultKbDir, loadKb, readKbFiles } from '../../src/kb/index.js';
import { isParleyError } from '../../src/errors.js';
import { run as kbCheck } from '../../src/cli/kb-check.js';
import { entitiesOf } from './helpers.js';

const FIX = path.join(ROOT, 'test/fixtures/entities-kb');

async function check(dir: string): Promise<{ out: string; code: number | undefined }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out += String(s); return true; });
  const before = process.exitCode;
  process.exitCode = undefined;
  try { await kbCheck({ kb: dir }); } finally { spy.mockRestore(); }
  const code = process.exitCode as number | undefined;
  process.exitCode = before;
  return { out, code };
}

afterEach(() => { vi.restoreAllMocks(); });

describe('the shipped kb', () => {
  it('is found relative to the module and compiles without errors', async () => {
    expect(defaultKbDir()).toBe(path.join(ROOT, 'kb'));
    const kb = await loadKb();
    expect(kb.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Every country, their capitals as places that stand for them, demonyms, and the Gaza actors.
    expect([...kb.entries.values()].filter((e) => e.type === 'country').length).toBeGreaterThanOrEqual(195);
    expect(kb.entries.get('place:washington')?.metonymOf).toBe('country:united-states');
    expect(kb.entries.get('place:doha')?.metonymOf).toBe('country:qatar');
    expect(kb.demonyms.get('israeli')).toBe('country:israel');
    expect(kb.demonyms.get('palestinians')).toBe('country:palestine');
    for (const k of ['person:steve-witkoff', 'group:hamas', 'org:icrc', 'org:al-jazeera', 'org:reuters', 'place:philadelphi-corridor', 'place:netzarim-corridor', 'org:nato', 'org:iaea'])
      expect(kb.entries.has(k), k).toBe(true);
    for (const e of kb.entries.values()) expect(e.source, e.key).not.toBe('');
  });

  it('passes `parley kb check`', async () => {
    const { out, code } = await check(defaultKbDir());
    expect(code).toBeUndefined();
    expect(out).toMatch(/0 errors/);
  });

  it('is loaded once per directory', async () => {
    expect(await loadKb()).toBe(await loadKb(defaultKbDir()));
  });
});

describe('kb check on bad entries', () => {
  it('reports a duplicate alias, a bad key, a missing source, a type conflict and a duplicate key, with fixes', async () => {
    const kb = compileKb(readKbFiles(path.join(FIX, 'bad')));
    const errors = kb.problems.filter((p) => p.severity === 'error');
    const find = (re: RegExp) => errors.find((p) => re.test(p.message));
    expect(find(/duplicate alias "Norland Republic"/)?.entry).toBe('country:southmark');
    expect(find(/bad key/)?.fix).toMatch(/prefix:slug/);
    expect(find(/missing source/)?.entry).toBe('org:harbour-union');
    expect(find(/conflicts with the key prefix/)?.entry).toBe('org:dock-board');
    expect(find(/duplicate key/)?.entry).toBe('country:norland');
    for (const p of errors) { expect(p.file).toBe('entries.json'); expect(p.fix.length).toBeGreaterThan(5); }
  });

  it('exits non-zero and names file, entry and fix', async () => {
    const { out, code } = await check(path.join(FIX, 'bad'));
    expect(code).toBe(1);
    expect(out).toMatch(/error: entries\.json: org:harbour-union: missing source\n {2}fix: /);
  });

  it('refuses to load a bad kb, and says to run kb check', async () => {
    const err = await loadKb(path.join(FIX, 'bad')).catch((e) => e);
    expect(isParleyError(err)).toBe(true);
    expect(err.hint).toMatch(/parley kb check/);
  });

  it('names the file of unparseable JSON', async () => {
    const dir = tempDir('parley-kb-');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"entries": [');
    const err = await loadKb(dir).catch((e) => e);
    expect(isParleyError(err)).toBe(true);
    expect(err.message).toMatch(/broken\.json is not valid JSON/);
  });
});

describe('a tiny kb passed in', () => {
  it('merges a second lexicon into the first: word lists add up, a rule with the same id is replaced', () => {
    const dir = tempDir('parley-kb-');
    for (const f of ['actors.json', 'lexicon.json']) fs.copyFileSync(path.join(FIX, 'tiny', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'more.json'), JSON.stringify({ about: 'x', source: 'test', lexicon: {
      notEntities: ['tuesday'], typeRules: [{ id: 'head/org', where: 'last', type: 'organization', words: ['guild'], minWords: 2 }] } }));
    const kb = compileKb(readKbFiles(dir), dir);
    expect(kb.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect([...kb.lexicon.notEntities].sort()).toEqual(['monday', 'tuesday']);
    expect(kb.lexicon.typeRules.map((r) => [r.id, [...r.words]])).toEqual([['head/org', ['guild']]]);
  });

  it('drives mentions: aliases, capital as metonym, demonym not a mention, role from the text', async () => {
    const kb = await loadKb(path.join(FIX, 'tiny'));
    const es = await entitiesOf('Norlandic fisheries minister Ilse Varga said Port Vesk said no. The Sea Wardens and Varga met on Monday in Port Vesk.', kb);
    const norland = es.find((e) => e.key === 'country:norland');
    expect(norland?.mentions.map((m) => m.text)).toEqual(['Port Vesk']);
    const varga = es.find((e) => e.key === 'person:ilse-varga')!;
    expect(varga.mentions.map((m) => m.text)).toEqual(['Ilse Varga', 'Varga']);
    expect(varga.role).toBe('Norlandic fisheries minister');
    expect(es.find((e) => e.key === 'place:port-vesk')?.mentions.map((m) => m.text)).toEqual(['Port Vesk']);
    expect(es.find((e) => e.key === 'group:sea-wardens')?.type).toBe('group');
    expect(es.flatMap((e) => e.mentions.map((m) => m.text))).not.toContain('Norlandic');
  });
});
