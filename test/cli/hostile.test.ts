/**
 * Hostile and broken inputs through `parley add`, as a user would feed them: one directory holding
 * good articles beside binary, empty, oversized, mis-encoded, malformed and malicious files. Each
 * bad one gets a one-line reason naming it (no stack trace), the good ones are stored, the exit
 * status says something was refused, and the store stays sound.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers.js';

const dir = tempDir('parley-hostile-');
const inputs = path.join(dir, 'in');
const db = path.join(dir, 'store');
const good = (topic: string) => `Negotiators for the port workers and the shipping companies met again on Monday in Rotterdam.\n\n` +
  `The union said ${topic} remained the main obstacle, and both sides agreed to resume talks next week.\n`;

beforeAll(() => {
  fs.mkdirSync(inputs);
  const put = (name: string, data: string | Buffer) => fs.writeFileSync(path.join(inputs, name), data);
  put('good one.txt', good('pay'));
  put('ünïcode-naam.txt', good('pensions'));
  put('-leading-dash.txt', good('overtime'));
  put('binary.txt', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]), Buffer.alloc(2000, 0)]));
  put('empty.txt', '');
  put('huge.txt', 'word '.repeat(300_000));
  put('latin1.txt', Buffer.from('The minister\x92s caf\xe9 talks with the union resumed on Tuesday in Lyon.\n', 'latin1'));
  put('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Talks between the teachers union and the city resumed in Oslo.\n', 'utf16le')]));
  put('scripts.html', '<html><head><title>Strike talks</title><style>p{color:red}</style><script>alert("x")</script></head><body><article><p>Negotiators for the nurses and the hospital board met in Leeds on Friday and agreed to meet again.</p><iframe src="https://example.com/ad"></iframe><script>document.write("injected")</script></article></body></html>');
  put('nested.html', '<html><body>' + '<div>'.repeat(50_000) + 'Deep text about the dockworkers and their employers.' + '</div>'.repeat(50_000) + '</body></html>');
  put('broken.xml', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Unclosed');
  put('laughs.xml', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title><description>&lol4;</description></item></channel></rss>');
  put('mixed.jsonl', [JSON.stringify({ id: 'j1', text: good('holidays') }), '{not json', JSON.stringify({ id: 'j3', text: good('shift length') }), JSON.stringify({ id: 'j4' })].join('\n') + '\n');
  put('bomb.html.gz', zlib.gzipSync(Buffer.alloc(50_000_000, 0x20)));
  fs.mkdirSync(path.join(inputs, 'old-store'));
  fs.writeFileSync(path.join(inputs, 'old-store', 'PG_VERSION'), '17\n');
  fs.writeFileSync(path.join(inputs, 'old-store', 'notes.txt'), good('a file inside a database directory'));
  fs.mkdirSync(path.join(inputs, 'loop'));
  fs.symlinkSync('..', path.join(inputs, 'loop', 'up'));
});

describe('hostile inputs through parley add', () => {
  let r: ReturnType<typeof spawnSync>;
  let events: { event: string; input: string; reason?: string }[];
  beforeAll(() => {
    r = spawnSync(process.execPath, [BIN, 'add', inputs, 'ftp://example.org/story.txt', '--db', db, '--json', '--max-bytes', '1000000'], { encoding: 'utf8', timeout: 120_000 });
    events = String(r.stdout).trim().split('\n').map((l) => JSON.parse(l));
  });

  it('stores every good article, including the good lines of a bad JSONL file and odd file names', () => {
    const added = events.filter((e) => e.event === 'added').map((e) => path.basename(e.input));
    for (const name of ['good one.txt', 'ünïcode-naam.txt', '-leading-dash.txt', 'latin1.txt', 'utf16.txt', 'scripts.html', 'nested.html'])
      expect(added, name).toContain(name);
    expect(added.filter((n) => n.startsWith('mixed.jsonl'))).toHaveLength(2);
  });

  it('rejects each bad input with one line that names it, and exits 1', () => {
    expect(r.status).toBe(1);
    const rejected = events.filter((e) => e.event === 'rejected');
    for (const bad of ['binary.txt', 'empty.txt', 'huge.txt', 'broken.xml', 'laughs.xml', 'mixed.jsonl', 'up'])
      expect(rejected.map((e) => path.basename(e.input.split('#')[0]!.replace(/:\d+$/, ''))), bad).toContain(bad);
    for (const e of rejected) expect(e.reason!.length).toBeGreaterThan(5);
    expect(rejected.find((e) => e.input?.startsWith('ftp:'))?.reason).toMatch(/only http and https/);
    expect(events.find((e) => e.input?.endsWith('old-store'))).toMatchObject({ event: 'skipped', reason: expect.stringMatching(/database directory/) });
    expect(events.some((e) => e.event === 'added' && e.input.includes('old-store'))).toBe(false);
    expect(String(r.stderr)).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(String(r.stderr)).not.toMatch(/internal error/);
  });

  it('never lets script, style or iframe content into the text, and never expands entities', () => {
    const show = spawnSync(process.execPath, [BIN, 'export', '--format', 'jsonl', '--db', db], { encoding: 'utf8' });
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).not.toMatch(/alert\(|injected|color:red/);
    expect(show.stdout).not.toMatch(/(lol){20}/);
    expect(show.stdout.length).toBeLessThan(2_000_000);
  });

  it('leaves a sound store behind', () => {
    const doctor = spawnSync(process.execPath, [BIN, 'doctor', '--db', db], { encoding: 'utf8' });
    expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0);
  });
});
