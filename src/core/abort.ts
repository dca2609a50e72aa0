/**
 * A cancel as the core reports it: one CancelledError, whatever was cancelled (a send, a
 * download, an archive, a check of the extract). It is named `AbortError`, as Node's own
 * aborts are, so code that only knows Node's convention still sees a cancel; its message
 * says what was cancelled and its cause is the signal's reason. A cancel is never a failure:
 * it is not retried, not shown as an error, and not recorded as one.
 */
import { IplosError } from './errors';
import { msg } from './i18n';

export class CancelledError extends IplosError {
  override readonly name: string = 'AbortError';

  constructor(message: string = msg('Cancelled.'), options: { detail?: string; cause?: unknown } = {}) {
    super('cancelled', message, options);
  }
}

/**
 * Whether `error` is a cancel rather than a failure: a CancelledError, or an IplosError that
 * carries one (a failed send whose cause is a cancel has the code 'cancelled'), or a cancel
 * in another library's shape — Node's and the DOM's AbortError (code ABORT_ERR), and VS Code's
 * CancellationError, named 'Canceled' (recognised by name: the core does not import vscode).
 */
export function isCancellation(error: unknown): boolean {
  if (error instanceof IplosError) return error.code === 'cancelled';
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'AbortError' || name === 'Canceled' || code === 'ABORT_ERR';
}

/** The cancel to report for an aborted signal: what was cancelled, with the signal's reason as the cause. */
export function abortError(message: string, signal: AbortSignal | undefined): CancelledError {
  return new CancelledError(message, { cause: signal?.reason });
}

/** Throws the operation's own cancel error when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, cancelled: (signal: AbortSignal) => Error): void {
  if (signal?.aborted) throw cancelled(signal);
}
