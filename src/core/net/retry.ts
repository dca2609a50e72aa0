/**
 * Retries an operation on errors that may pass (network failures, 5xx, 429) with
 * exponential backoff and full jitter, honouring the server's Retry-After. Anything else
 * (wrong credentials, bad request, integrity failures) fails at once, and a cancel — before
 * an attempt or while waiting for the next — is the core's CancelledError, never retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { abortError, throwIfAborted } from '../abort';
import { msg } from '../i18n';
import { NetworkError } from './networkError';

const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: NetworkError }) => void;
  /** For tests: a deterministic "random" in [0, 1). */
  random?: () => number;
}

export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const cancelled = (signal: AbortSignal | undefined): Error => abortError(msg('Cancelled.'), signal);
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(options.signal, cancelled);
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof NetworkError) || !error.retryable || attempt >= attempts || options.signal?.aborted)
        throw error;
      // The server's Retry-After wins (capped, so a bad header cannot stall us for hours).
      const backoff = Math.min(max, base * 2 ** (attempt - 1)) * random();
      const delayMs = error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS) : backoff;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : {}).catch((reason: unknown) => {
        throw options.signal?.aborted ? cancelled(options.signal) : reason;
      });
    }
  }
}
