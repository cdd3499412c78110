/**
 * @module cli/output
 * Where commands write: directories made without `fs.mkdir({recursive})` (which never returns on
 * /proc in Node 20), files replaced whole through a temporary name when they are plain files, and
 * written through in place when they are devices, pipes or links (never replaced by a file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from '../errors.js';

/** Makes `dir` and its missing parents, one level at a time; a ParleyError says what is wrong. */
export function ensureDir(dir: string, command: string): void {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st) {
      if (!st.isDirectory()) throw new ParleyError(`${command}: ${p} is not a directory`, { hint: 'give --out a directory path' });
      break;
    }
    missing.unshift(p);
    const up = path.dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const m of missing) {
    try { fs.mkdirSync(m); } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new ParleyError(`${command}: cannot create ${m}: ${(e as Error).message}`, { hint: 'give --out a place you can write to' });
    }
  }
}

/**
 * A writable stream for `file` and a `commit()` that makes the output appear: a plain file (or a
 * new one) is written to a temporary sibling and renamed over it only when complete; anything else
 * (a symlink, /dev/stdout, a pipe) is written through in place.
 */
export function openOutput(file: string, command: string): { stream: fs.WriteStream; commit(): Promise<void>; abort(): void } {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new ParleyError(`${command}: ${file} is a directory`, { hint: 'give --out a file name, e.g. --out records.jsonl' });
  ensureDir(path.dirname(path.resolve(file)), command);
  const inPlace = Boolean(st && !st.isFile());
  const target = inPlace ? file : `${file}.partial-${process.pid}`;
  const stream = fs.createWriteStream(target);
  const failed = new Promise<never>((_, rej) => stream.once('error', (e) => rej(new ParleyError(`${command}: cannot write ${file}: ${e.message}`, { hint: 'give --out a file in a directory you can write to' }))));
  failed.catch(() => {});
  return {
    stream,
    async commit() {
      await Promise.race([new Promise<void>((res) => stream.end(res)), failed]);
      if (!inPlace) fs.renameSync(target, file);
    },
    abort() {
      stream.destroy();
      if (!inPlace) fs.rmSync(target, { force: true });
    },
  };
}

/** Ends the process quietly when stdout is closed early (`parley ls | head`). */
export function quietOnClosedStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
