/**
 * @module record/write-json-schema
 * Writes schema/parley.record.1.json and schema/parley.links.1.json from the zod schemas (the only
 * definition of the formats). A test regenerates them in memory and fails on drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ParleyLinksSchema, ParleyRecordSchema } from './schema.js';
import { schemaDir } from '../paths.js';

export function jsonSchemas(): Record<string, unknown> {
  return {
    'parley.record.1.json': { $id: 'https://parley.example/schema/parley.record.1.json', title: 'parley.record/1', ...z.toJSONSchema(ParleyRecordSchema) },
    'parley.links.1.json': { $id: 'https://parley.example/schema/parley.links.1.json', title: 'parley.links/1', ...z.toJSONSchema(ParleyLinksSchema) },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('record', 'write-json-schema.js'))) {
  fs.mkdirSync(schemaDir(), { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    fs.writeFileSync(path.join(schemaDir(), name), JSON.stringify(schema, null, 2) + '\n');
    console.log(`wrote schema/${name}`);
  }
}
