import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { BIN, CORPUS, tempDir } from '../helpers.js';
import { ParleyLinksSchema } from '../../src/record/schema.js';

// Runs the built CLI (npm test builds first).
describe('parley links', () => {
  it('writes valid parley.links/1 for the given paths', () => {
    const out = path.join(tempDir(), 'sub', 'links.json');
    execFileSync(process.execPath, [BIN, 'links', path.join(CORPUS, 'seeds'), '--out', out], { stdio: 'pipe' });
    const links = ParleyLinksSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    const derived = links.pairs.filter((p) => p.kind !== 'same-event');
    expect(derived).toHaveLength(1);
    expect(derived[0]!.source).toMatch(/^001_/);
  });

  it('says what to do when no article is read', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.md'), '# not an article\n');
    const r = spawnSync(process.execPath, [BIN, 'links', dir], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/links: no article was read/);
  });
});
