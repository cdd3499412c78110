/**
 * The CLI end to end, as a user runs it: the built bin in a temporary directory, on the shared
 * corpus, with an embedded store.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CORPUS, tempDir } from '../helpers.js';

const cwd = tempDir('parley-cli-');
const db = path.join(cwd, 'store');
const parley = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PARLEY_DB: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const seeds = path.join(CORPUS, 'seeds'), dev = path.join(CORPUS, 'dev');

describe('parley CLI', () => {
  let added: ReturnType<typeof parley>;
  beforeAll(() => { added = parley('add', seeds, dev, '--db', db, '--json'); });

  it('add stores all 30 seed and dev articles and reports the rest', () => {
    expect(added.code, added.err).toBe(0);
    const summary = JSON.parse(added.out.trim().split('\n').pop()!);
    expect(summary.counts.added).toBe(30);
    expect(summary.counts.rejected ?? 0).toBe(0);
  });

  it('adding the same texts again stores nothing new and says they are duplicates', () => {
    const again = parley('add', seeds, '--db', db, '--json');
    expect(again.code, again.err).toBe(0);
    const summary = JSON.parse(again.out.trim().split('\n').pop()!);
    expect(summary.counts.duplicate).toBe(5);
    expect(summary.counts.added ?? 0).toBe(0);
    expect(again.err).toMatch(/same text as stored article/);
  });

  it('ls lists the articles with their metadata', () => {
    const ls = parley('ls', '--db', db, '--json');
    expect(ls.code, ls.err).toBe(0);
    const rows = ls.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(30);
    const c001 = rows.find((r) => r.name === 'c001');
    const meta = JSON.parse(fs.readFileSync(path.join(dev, 'c001.meta.json'), 'utf8'));
    expect(c001.outlet).toBe(meta.outlet);
    expect(c001.published).toBe(meta.published);
  });

  it('show prints numbered sentences and what was stripped, never the junk as a sentence', () => {
    const name = fs.readdirSync(seeds).find((f) => f.startsWith('001'))!.replace(/\.txt$/, '');
    const show = parley('show', name, '--db', db);
    expect(show.code, show.err).toBe(0);
    expect(show.out).toMatch(/^\s+1 /m);
    expect(show.out).toMatch(/stripped:/);
    const sentences = show.out.split('\nheadings:')[0]!.split('\nstripped:')[0]!;
    expect(sentences).not.toMatch(/subscrib/i);
  });

  it('show resolves time expressions against the publication date and lists attributed clauses', () => {
    const show = parley('show', 'c001', '--db', db);
    expect(show.code, show.err).toBe(0);
    const meta = JSON.parse(fs.readFileSync(path.join(dev, 'c001.meta.json'), 'utf8'));
    expect(show.out).toContain(`time expressions (against published ${meta.published}):`);
    expect(show.out).toMatch(/^\s+\S.*\s\d{4}-\d{2}-\d{2}\s+day$/m);
    expect(show.out).toMatch(/attributed or not asserted:/);
  });

  it('show on an unknown id fails with a hint', () => {
    const r = parley('show', 'no-such-article', '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no article "no-such-article"/);
    expect(r.err).toMatch(/parley ls/);
  });

  it('export writes json, jsonl and csv', () => {
    const jsonl = parley('export', '--format', 'jsonl', '--db', db);
    expect(jsonl.code, jsonl.err).toBe(0);
    const recs = jsonl.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs).toHaveLength(30);
    expect(recs.every((r) => r.schema === 'parley.record/1')).toBe(true);
    const out = path.join(cwd, 'all.json');
    expect(parley('export', '--format', 'json', '--out', out, '--db', db).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toHaveLength(30);
    const csv = parley('export', '--format', 'csv', '--db', db);
    expect(csv.out.split('\r\n')[0]).toBe('id,name,title,outlet,url,published,language,sentences,entities,quantities');
    expect(csv.out.trim().split('\r\n')).toHaveLength(31);
  });

  it('export writes through a symlink instead of replacing it, and refuses a directory', () => {
    const target = path.join(cwd, 'target.csv'), link = path.join(cwd, 'link.csv');
    fs.writeFileSync(target, '');
    fs.symlinkSync(target, link);
    expect(parley('export', '--format', 'csv', '--out', link, '--db', db).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^id,name,/);
    const dirOut = parley('export', '--out', cwd, '--db', db);
    expect(dirOut.code).toBe(1);
    expect(dirOut.err).toMatch(/is a directory/);
  });

  it('a reader that closes the pipe early ends the command quietly', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" export --db "${db}" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('0');
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
  });

  it('bad option values are refused with a message and exit 2', () => {
    for (const args of [['ls', '--limit', 'abc'], ['ls', '--limit', '1.5'], ['ls', '--limit', '0'], ['add', seeds, '--timeout', 'soon']]) {
      const r = parley(...args, '--db', db);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/is invalid/);
    }
  });

  it('demo refuses a store that already holds articles', () => {
    const r = parley('demo', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not empty|already holds/);
  });

  it('extract writes one record per input file, named after it', () => {
    const out = path.join(cwd, 'records');
    const r = parley('extract', seeds, '--out', out);
    expect(r.code, r.err).toBe(0);
    const names = fs.readdirSync(out).sort();
    expect(names).toEqual(fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '.json')).sort());
  });

  it('the scorer finds a system record for every seed article, and the layers built so far score well', () => {
    const out = path.join(cwd, 'scored');
    expect(parley('extract', seeds, '--out', out).code).toBe(0);
    expect(parley('links', seeds, '--out', path.join(out, 'links.json')).code).toBe(0);
    const r = spawnSync(process.execPath, [path.join(CORPUS, '../eval/score.mjs'), '--gold', path.join(CORPUS, 'gold/seeds'), '--text', seeds, '--system', out], { encoding: 'utf8' });
    expect(r.stdout).not.toMatch(/no system record/);
    const summary = r.stdout.match(/^SUMMARY (.*)$/m)?.[1] ?? '';
    const score = (name: string) => Number(summary.match(new RegExp(`${name} ([0-9.]+)`))?.[1]);
    // Floors well under today's figures (all about 1.00): a regression fails here, noise does not.
    for (const layer of ['mentions', 'coref', 'xdoc', 'quantities', 'links']) expect(score(layer), layer).toBeGreaterThanOrEqual(0.85);
  });

  it('bad input: a missing path is reported and the exit code is not zero', () => {
    const r = parley('add', path.join(cwd, 'missing.txt'), '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/missing\.txt/);
  });

  it('unknown commands and options fail with usage help', () => {
    const r = parley('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command/);
    expect(parley('ls', '--bogus').code).toBe(2);
  });

  it('every command has complete --help', () => {
    for (const cmd of ['add', 'ls', 'show', 'extract', 'export', 'links', 'sources', 'actors', 'doctor', 'demo']) {
      const r = parley(cmd, '--help');
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toMatch(/Usage: parley /);
    }
  });
});
