/**
 * @module cli/report
 * Progress and the end-of-run summary for commands that read many inputs: a progress line on a
 * terminal (stderr), then counts per outcome with every skip and rejection and its reason.
 */
export class Reporter {
  private counts = new Map<string, number>();
  private problems: { kind: string; input: string; reason: string }[] = [];
  private tty: boolean;
  private last = 0;

  constructor(private command: string, opts: { progress?: boolean; total?: number } = {}) {
    this.tty = opts.progress !== false && Boolean(process.stderr.isTTY);
  }

  item(kind: string, input: string, reason?: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (reason) this.problems.push({ kind, input, reason });
    if (this.tty && Date.now() - this.last > 80) {
      this.last = Date.now();
      process.stderr.write(`\r${this.command}: ${this.line()} ${truncate(input, 50)}\x1b[K`);
    }
  }

  count(kind: string): number { return this.counts.get(kind) ?? 0; }

  line(): string {
    return [...this.counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing yet';
  }

  finish(): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
    for (const p of this.problems) process.stderr.write(`  ${p.kind}: ${p.input}: ${p.reason}\n`);
    process.stderr.write(`${this.command}: ${this.line()}\n`);
  }

  toJSON() {
    return { counts: Object.fromEntries(this.counts), problems: this.problems };
  }
}

const truncate = (s: string, n: number) => (s.length > n ? '…' + s.slice(-n + 1) : s);
