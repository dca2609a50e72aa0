/**
 * A cancel as the core reports it: an error named `AbortError` (code `ABORT_ERR`, as Node's
 * own) whose message says what was cancelled, with the signal's reason as its cause.
 */
export function abortError(message: string, signal: AbortSignal | undefined): Error {
  const error = new Error(message, { cause: signal?.reason });
  error.name = 'AbortError';
  (error as NodeJS.ErrnoException).code = 'ABORT_ERR';
  return error;
}

/** Throws the operation's own cancel error when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, cancelled: (signal: AbortSignal) => Error): void {
  if (signal?.aborted) throw cancelled(signal);
}
