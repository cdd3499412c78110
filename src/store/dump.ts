/**
 * @module store/dump
 * A store as JSON and back: every Parley table's rows, with the schema version they were written
 * at. Input: a connection (or a dump). Output: a `StoreDump` (or the rows loaded into a store at
 * that version). Used for the checked-in old-version fixture (a PGlite data directory is ~40 MB)
 * and as a portable backup between PGlite and PostgreSQL.
 */
import { ParleyError } from '../errors.js';
import type { Db } from './sql.js';
import { migrate, schemaVersion } from './migrations.js';

export interface StoreDump {
  format: 'parley.store-dump/1';
  version: number;
  tables: Record<string, Record<string, unknown>[]>;
}

// Parents before children, so foreign keys hold while loading.
const TABLES = ['articles', 'sentences', 'entities', 'quantities', 'fingerprints', 'fingerprint_keys', 'links'] as const;
const SERIALS: Record<string, string> = { articles: 'id', links: 'id' };

async function columns(db: Db, table: string): Promise<{ name: string; type: string }[]> {
  return db.query(`SELECT column_name AS name, data_type AS type FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [table]);
}

export async function dumpStore(db: Db): Promise<StoreDump> {
  const version = await schemaVersion(db);
  const tables: StoreDump['tables'] = {};
  for (const t of TABLES) {
    const cols = await columns(db, t);
    if (!cols.length) continue;
    // Timestamps as ISO text so the dump is the same from either backend.
    const list = cols.map((c) => c.type.startsWith('timestamp') ? `to_char(${c.name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${c.name}` : `"${c.name}"`).join(', ');
    const key = cols.some((c) => c.name === 'id') ? 'id' : cols.slice(0, 2).map((c) => `"${c.name}"`).join(', ');
    tables[t] = await db.query(`SELECT ${list} FROM ${t} ORDER BY ${key}`);
  }
  return { format: 'parley.store-dump/1', version, tables };
}

/** Loads a dump into an EMPTY store, bringing the schema to the dump's version first (not further). */
export async function loadDump(db: Db, dump: StoreDump, where: string): Promise<void> {
  if (dump.format !== 'parley.store-dump/1') throw new ParleyError(`store: ${where}: not a parley.store-dump/1 file`, { hint: 'give a file written by dumpStore' });
  if ((await schemaVersion(db)) !== 0) throw new ParleyError(`store: ${where} is not empty; a dump loads into a new store only`, { hint: 'use --db with a new directory or database' });
  await migrate(db, where, { target: dump.version });
  await db.transaction(async (tx) => {
    for (const t of TABLES) {
      const rows = dump.tables[t] ?? [];
      if (!rows.length) continue;
      const types = new Map((await tx.query(`SELECT column_name AS name, data_type AS type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1`, [t])).map((c) => [c.name as string, c.type as string]));
      for (const row of rows) {
        const names = Object.keys(row);
        const bad = names.find((n) => !types.has(n));
        if (bad) throw new ParleyError(`store: ${where}: table ${t} has no column ${bad} at version ${dump.version}`, { hint: 'the dump does not match its stated version' });
        const vals = names.map((n) => (types.get(n) === 'jsonb' && row[n] !== null ? JSON.stringify(row[n]) : row[n]));
        const ph = names.map((n, i) => (types.get(n) === 'jsonb' ? `$${i + 1}::text::jsonb` : `$${i + 1}`));
        await tx.query(`INSERT INTO ${t} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${ph.join(', ')})`, vals);
      }
      const serial = SERIALS[t];
      if (serial) await tx.query(`SELECT setval(pg_get_serial_sequence('${t}', '${serial}'), (SELECT max(${serial}) FROM ${t}))`);
    }
  });
}
