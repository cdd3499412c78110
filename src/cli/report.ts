/**
 * @module cli/report
 * Progress and the end-of-run summary for commands that read many inputs: a progress line on a
 * terminal (stderr), then counts per outcome with every skip and rejection and its reason.
 */
import fs from 'node:fs';
import path from 'node:path';

export class Reporter {
  private counts = new Map<string, number>();
  private problems: { kind: string; input: string; reason: string }[] = [];
  private tty: boolean;
  private last = 0;

  private ndjson: boolean;
  private started = Date.now();
  /** Expected number of inputs, for the bar; null draws a counter only. */
  total: number | null = null;

  /** `ndjson`: also write one JSON line per outcome to stdout as it happens (for scripts). */
  constructor(private command: string, opts: { progress?: boolean; ndjson?: boolean } = {}) {
    this.tty = opts.progress !== false && !opts.ndjson && Boolean(process.stderr.isTTY);
    this.ndjson = Boolean(opts.ndjson);
  }

  item(kind: string, input: string, reason?: string, extra: Record<string, unknown> = {}): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.ndjson) process.stdout.write(JSON.stringify({ event: kind, input, ...(reason ? { reason } : {}), ...extra }) + '\n');
    if (reason) this.problems.push({ kind, input, reason });
    if (this.tty && Date.now() - this.last > 80) {
      this.last = Date.now();
      process.stderr.write(`\r${this.bar()}${this.command}: ${this.line()} ${truncate(input, 40)}\x1b[K`);
    }
  }

  /** How an input was read, when worth saying (decoded as Windows-1252...): listed, not counted. */
  note(input: string, notes: string[] | undefined): void {
    for (const n of notes ?? []) this.problems.push({ kind: 'note', input, reason: n });
  }

  count(kind: string): number { return this.counts.get(kind) ?? 0; }

  /** `[#####-----] 45/120 12.3/s ETA 6s ` when the total is known. */
  private bar(): string {
    const done = [...this.counts.entries()].filter(([k]) => k !== 'note').reduce((n, [, v]) => n + v, 0);
    const secs = (Date.now() - this.started) / 1000, rate = done / Math.max(secs, 0.001);
    if (!this.total) return `${done} ${rate.toFixed(1)}/s `;
    const frac = Math.min(1, done / this.total), width = 24, full = Math.round(frac * width);
    const eta = rate > 0 && done < this.total ? ` ETA ${Math.ceil((this.total - done) / rate)}s` : '';
    return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${done}/${this.total} ${rate.toFixed(1)}/s${eta} `;
  }

  line(): string {
    return [...this.counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing yet';
  }

  finish(): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
    // Rejections are listed one by one; skips and duplicates that share a reason are grouped when many.
    const groups = new Map<string, { kind: string; reason: string; inputs: string[]; same: boolean }>();
    for (const p of this.problems) {
      const k = p.kind === 'rejected' ? `${p.kind}\0${p.input}\0${p.reason}` : `${p.kind}\0${p.reason.replace(/\d+/g, '#')}`;
      const g = groups.get(k) ?? { kind: p.kind, reason: p.reason, inputs: [], same: true };
      g.inputs.push(p.input);
      if (p.reason !== g.reason) g.same = false;
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      if (g.inputs.length > 3) {
        process.stderr.write(g.same ? `  ${g.kind}: ${g.inputs.length} inputs (${g.inputs[0]}, ...): ${g.reason}\n`
          : `  ${g.kind}: ${g.inputs.length} inputs, e.g. ${g.inputs[0]}: ${g.reason}\n`);
      }
      else for (const input of g.inputs) process.stderr.write(`  ${g.kind}: ${input}: ${this.problems.find((p) => p.input === input && p.kind === g.kind)?.reason ?? g.reason}\n`);
    }
    process.stderr.write(`${this.command}: ${this.line()}\n`);
  }

  toJSON() {
    return { event: 'summary', counts: Object.fromEntries(this.counts), problems: this.problems };
  }
}

const truncate = (s: string, n: number) => (s.length > n ? '…' + s.slice(-n + 1) : s);

/**
 * About how many items reading the paths yields (every file yields an article or a skip; a feed or
 * JSONL file counts once), for the progress bar only: URLs and stdin count one each; symlinks are
 * not followed.
 */
export function estimateInputs(inputs: string[], cap = 1_000_000): number {
  let n = 0;
  const walk = (p: string, depth: number) => {
    if (n >= cap || depth > 64) return;
    let st: fs.Stats;
    try { st = fs.lstatSync(p); } catch { n++; return; }
    if (st.isDirectory()) {
      let names: string[] = [];
      try { names = fs.readdirSync(p); } catch { return; }
      for (const name of names) if (!name.startsWith('.')) walk(path.join(p, name), depth + 1);
    } else if (st.isFile()) n++;
  };
  for (const input of inputs) {
    if (input === '-' || /^https?:\/\//i.test(input)) n++;
    else walk(input, 0);
  }
  return n;
}
