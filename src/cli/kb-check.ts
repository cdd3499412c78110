/**
 * @module cli/kb-check
 * `parley kb check [--kb DIR]`: compiles the knowledge base and lists every bad entry with its
 * file, entry and the fix; exits non-zero when there are errors (warnings alone pass).
 */
import path from 'node:path';
import { compileKb, defaultKbDir, readKbFiles } from '../kb/index.js';

export async function run(opts: { kb?: string } = {}): Promise<void> {
  const dir = path.resolve(opts.kb ?? defaultKbDir());
  const files = readKbFiles(dir);
  const kb = compileKb(files, dir);
  const errors = kb.problems.filter((p) => p.severity === 'error');
  const warnings = kb.problems.filter((p) => p.severity === 'warning');
  for (const p of [...errors, ...warnings]) {
    process.stdout.write(`${p.severity}: ${p.file}: ${p.entry}: ${p.message}\n  fix: ${p.fix}\n`);
  }
  const people = [...kb.entries.values()].filter((e) => e.type === 'person').length;
  process.stdout.write(`kb ${dir}: ${files.length} files, ${kb.entries.size} entries (${people} people), ` +
    `${kb.demonyms.size} demonym forms; ${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`);
  if (errors.length) process.exitCode = 1;
}
