/**
 * Runs test/store/crash-child.mjs (which uses the compiled store in dist/), building dist first
 * when src/store is newer than it, and lets a test wait for a line or kill the child.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.js';

const CHILD = path.join(ROOT, 'test/store/crash-child.mjs');

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(ext)) t = Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

/** Makes sure dist/ holds the store and the doctor command compiled from the current sources. */
export function ensureBuilt(): void {
  const pairs: [string, string][] = [['src/store', 'dist/src/store'], ['src/cli', 'dist/src/cli']];
  const stale = () => pairs.some(([s, d]) => {
    const dist = path.join(ROOT, d);
    if (!fs.existsSync(path.join(dist, 'index.js')) && !fs.existsSync(path.join(dist, 'main.js'))) return true;
    const want = s === 'src/cli' ? ['doctor.ts', 'main.ts'] : null;
    const srcTime = want ? Math.max(...want.map((f) => fs.statSync(path.join(ROOT, s, f)).mtimeMs)) : newest(path.join(ROOT, s), '.ts');
    const distTime = want ? Math.min(...want.map((f) => { try { return fs.statSync(path.join(dist, f.replace(/\.ts$/, '.js'))).mtimeMs; } catch { return 0; } })) : newest(dist, '.js');
    return distTime < srcTime;
  });
  if (!stale()) return;
  // tsc emits even when other engineers' files have type errors; only our output matters here.
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'ignore' });
  if (stale()) throw new Error('could not build dist/ from src/store and src/cli: run npx tsc -p tsconfig.json');
}

export interface Child {
  proc: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export function runChild(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [CHILD, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
    }
  });
  proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | string>((r) => proc.on('exit', (code, sig) => r(code ?? sig ?? -1)));
  return {
    proc, lines, stderr: () => err, exited,
    waitFor(re, timeoutMs = 30_000) {
      const hit = lines.find((l) => re.test(l));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`child: no line matching ${re} in ${timeoutMs} ms; stdout: ${lines.slice(-5).join(' | ')}; stderr: ${err}`)), timeoutMs);
        waiters.push({ re, resolve: (l) => { clearTimeout(t); resolve(l); } });
        void exited.then((c) => { clearTimeout(t); reject(new Error(`child exited (${c}) before a line matching ${re}; stderr: ${err}`)); });
      });
    },
  };
}
