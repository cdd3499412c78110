/**
 * @module cli/doctor
 * `parley doctor [--db]`: opens the store without migrating it, runs the checks of
 * src/store/doctor.ts and prints each finding with what to do; exit 1 when anything is wrong.
 */
import { openSqlStore } from '../store/index.js';
import { diagnose, formatFindings, hasErrors } from '../store/doctor.js';
import type { StoreOpts } from './main.js';

export async function run(opts: StoreOpts = {}): Promise<void> {
  const store = await openSqlStore({ location: opts.db, mustExist: true, migrate: false });
  try {
    const findings = await diagnose(store);
    process.stdout.write(`store ${store.location} (${store.kind === 'pglite' ? 'embedded' : 'PostgreSQL'})\n${formatFindings(findings)}`);
    const errors = findings.filter((f) => f.level === 'error').length;
    process.stdout.write(errors ? `${errors} problem${errors === 1 ? '' : 's'} found\n` : 'no problems found\n');
    if (hasErrors(findings)) process.exitCode = 1;
  } finally {
    await store.close();
  }
}
