import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { jsonSchemas } from '../../src/record/write-json-schema.js';
import { ROOT, corpusFiles } from '../helpers.js';
import { readSources } from '../../src/ingest/index.js';
import { loadKb } from '../../src/kb/index.js';
import { createPipeline } from '../../src/pipeline.js';

describe('public JSON Schemas', () => {
  it('schema/ matches what the zod schemas generate (run `npm run schema` after changing src/record/schema.ts)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const onDisk = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', name), 'utf8'));
      expect(onDisk, name).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('every record extracted from the seeds validates against schema/parley.record.1.json', async () => {
    const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'parley.record.1.json'), 'utf8')));
    const pipeline = createPipeline(await loadKb());
    let n = 0;
    for await (const item of readSources(corpusFiles('seeds'))) {
      if (item.kind !== 'article') continue;
      const rec = pipeline.record(item.article);
      expect(validate(rec), JSON.stringify(validate.errors)).toBe(true);
      for (const e of rec.entities) for (const m of e.mentions) expect(item.article.text.slice(m.start, m.end)).toBe(m.text);
      for (const q of rec.quantities) expect(item.article.text.slice(q.start, q.end)).toBe(q.text);
      n++;
    }
    expect(n).toBe(5);
  });

  it('a record that breaks the format is refused', () => {
    const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false });
    const validate = ajv.compile(jsonSchemas()['parley.record.1.json'] as object);
    expect(validate({ schema: 'parley.record/1', doc: { id: 'x' }, entities: [], quantities: [], events: [], proposals: [] })).toBe(false);
  });
});
