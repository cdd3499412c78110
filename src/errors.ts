/**
 * @module errors
 * Expected failures, apart from internal bugs: a `ParleyError` carries what went wrong and what
 * to do next; the CLI prints it in one line (no stack trace) and exits with its code.
 */
export class ParleyError extends Error {
  readonly hint: string | null;
  readonly exitCode: number;
  constructor(message: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'ParleyError';
    this.hint = opts.hint ?? null;
    this.exitCode = opts.exitCode ?? 1;
  }
}

export const isParleyError = (e: unknown): e is ParleyError => e instanceof ParleyError;
