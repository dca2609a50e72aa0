/**
 * SSB suspends an account after a few bad passwords, and suspension needs SSB's help
 * desk. A bad password is therefore never retried automatically, and repeated failures
 * make the next attempt wait: none after the first (a typo), 30 s after the second, then
 * 2 min, then 10 min.
 */
const WAITS_MS = [0, 30_000, 120_000, 600_000];

export class SignInGuard {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until another sign-in for this user may be tried (0 = now). */
  waitFor(username: string): number {
    const record = this.failures.get(username.toLowerCase());
    if (!record) return 0;
    const wait = WAITS_MS[Math.min(record.count - 1, WAITS_MS.length - 1)] as number;
    return Math.max(0, record.last + wait - this.now());
  }

  failedAttempts(username: string): number {
    return this.failures.get(username.toLowerCase())?.count ?? 0;
  }

  recordFailure(username: string): void {
    const key = username.toLowerCase();
    this.failures.set(key, { count: (this.failures.get(key)?.count ?? 0) + 1, last: this.now() });
  }

  recordSuccess(username: string): void {
    this.failures.delete(username.toLowerCase());
  }
}
