import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.js';
import { readSources } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline.js';
import { loadKb } from '../../src/kb/index.js';
import { linkCorpus, toLinkDoc, type LinkDoc } from '../../src/link/index.js';

const dir = path.join(ROOT, 'examples', 'articles');
const have = fs.existsSync(path.join(dir, '003-witkoff-netanyahu-meeting.txt'));

// The demo corpus's derivations, as its README lists them (examples/README.md).
describe.skipIf(!have)('links on the demo corpus', () => {
  it('finds the rewrite, the republication and the translation, with sources and what changed', async () => {
    const pipeline = createPipeline(await loadKb());
    const docs: LinkDoc[] = [];
    for await (const it of readSources([dir])) if (it.kind === 'article') docs.push(toLinkDoc(pipeline.analyse(it.article)));
    const links = linkCorpus(docs);
    const get = (a: string, b: string) => links.pairs.find((p) => p.a.startsWith(a) && p.b.startsWith(b) && p.kind !== 'same-event');
    const rewrite = get('003-', '004-')!;
    expect(rewrite.kind).toBe('rewrite');
    expect(rewrite.source).toMatch(/^003-/);
    const changed = rewrite.changes!.map((c) => `${c.kind}:${c.a?.text}>${c.b?.text}`);
    expect(changed).toContain('number:98>89');
    expect(changed).toContain('name:Witkoff>Wietkoff');
    expect(changed.some((c) => c.startsWith('title:') && c.includes('Former President'))).toBe(true);
    expect(get('003-', '005-')!.source).toMatch(/^003-/);
    const translation = get('008-', '009-')!;
    expect(translation.kind).toBe('translation');
    expect(translation.source).toMatch(/^008-/);
    // independent reports of the same draft are not derived
    expect(get('006-', '007-')).toBeUndefined();
  });
});
